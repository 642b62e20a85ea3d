package io.sipwarden.enforce;

import io.sipwarden.net.Cidr;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The difference between what one kernel set should hold and what it holds. A {@code null}
 * duration means a permanent element (configured trusted prefixes).
 *
 * @param add    missing elements with the timeout to give them
 * @param remove elements that should not be there
 * @param fix    elements present with a wrong timeout, with the right one
 */
public record ElementDiff(Map<Cidr, Duration> add, Set<Cidr> remove, Map<Cidr, Duration> fix) {

    /**
     * @param desired   scope → wanted timeout (already capped at {@code max})
     * @param current   scope → time the kernel says is left (null: no timeout)
     * @param max       the backend's largest timeout: an element at the cap is refreshed only
     *                  once it has run down to half of it, not on every pass
     * @param tolerance how far a kernel timeout may drift (kernels report whole seconds)
     */
    public static ElementDiff of(Map<Cidr, Duration> desired, Map<Cidr, Duration> current, Duration max,
                                 Duration tolerance) {
        Map<Cidr, Duration> add = new LinkedHashMap<>();
        Map<Cidr, Duration> fix = new LinkedHashMap<>();
        Set<Cidr> remove = new LinkedHashSet<>();
        for (var e : desired.entrySet()) {
            if (!current.containsKey(e.getKey())) {
                add.put(e.getKey(), e.getValue());
                continue;
            }
            Duration want = e.getValue();
            Duration have = current.get(e.getKey());
            if (wrong(want, have, max, tolerance)) {
                fix.put(e.getKey(), want);
            }
        }
        for (Cidr c : current.keySet()) {
            if (!desired.containsKey(c)) {
                remove.add(c);
            }
        }
        return new ElementDiff(add, remove, fix);
    }

    private static boolean wrong(Duration want, Duration have, Duration max, Duration tolerance) {
        if (want == null || have == null) {
            return !Objects.equals(want, have);
        }
        if (want.equals(max)) {
            return have.compareTo(max.dividedBy(2)) < 0;
        }
        return want.minus(have).abs().compareTo(tolerance) > 0;
    }

    public boolean isEmpty() {
        return add.isEmpty() && remove.isEmpty() && fix.isEmpty();
    }
}
