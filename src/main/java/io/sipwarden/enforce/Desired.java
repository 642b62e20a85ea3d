package io.sipwarden.enforce;

import io.sipwarden.decision.Decision;
import io.sipwarden.net.Cidr;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the kernel should hold as of {@code now}: per scope the latest {@code until} of the
 * active bans and allows. Several decisions on one scope collapse to one element.
 *
 * @param bans   scope → latest until of active bans
 * @param allows scope → latest until of active allows
 */
public record Desired(Map<Cidr, Instant> bans, Map<Cidr, Instant> allows) {

    /** Collects decisions whose {@code until} is still ahead of {@code now}. */
    public static Desired of(Collection<Decision> decisions, Instant now) {
        Map<Cidr, Instant> bans = new LinkedHashMap<>();
        Map<Cidr, Instant> allows = new LinkedHashMap<>();
        for (Decision d : decisions) {
            if (!d.until().isAfter(now)) {
                continue;
            }
            Map<Cidr, Instant> into = switch (d.type()) {
                case BAN -> bans;
                case ALLOW -> allows;
            };
            into.merge(d.scope(), d.until(), (a, b) -> a.isAfter(b) ? a : b);
        }
        return new Desired(bans, allows);
    }

    /** Time left until {@code until}, capped at {@code max} (kernels cap timeouts); at least 1 ms. */
    public static Duration remaining(Instant until, Instant now, Duration max) {
        Duration d = Duration.between(now, until);
        if (d.compareTo(max) > 0) {
            return max;
        }
        return d.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : d;
    }

    /**
     * Drops prefixes that lie inside another prefix of the same map, because interval sets reject
     * overlapping elements. The widest prefix wins; a narrower one that outlives it comes back at
     * the first reconcile after the wider one expires.
     */
    public static <V> Map<Cidr, V> outermost(Map<Cidr, V> elements) {
        List<Cidr> byWidth = new ArrayList<>(elements.keySet());
        byWidth.sort(Comparator.comparingInt(Cidr::length));
        List<Cidr> kept = new ArrayList<>();
        Map<Cidr, V> out = new LinkedHashMap<>();
        for (Cidr c : byWidth) {
            boolean inside = false;
            for (Cidr k : kept) {
                if (BanGuard.overlaps(c, k)) {
                    inside = true;
                    break;
                }
            }
            if (!inside) {
                kept.add(c);
                out.put(c, elements.get(c));
            }
        }
        return out;
    }
}
