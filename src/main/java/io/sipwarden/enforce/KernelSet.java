package io.sipwarden.enforce;

import io.sipwarden.decision.Decision;
import io.sipwarden.net.Cidr;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The kernel sets every backend keeps: trusted prefixes (checked first), banned single addresses
 * (hash sets: O(1), and no overlap rules) and banned prefixes (interval sets), per family.
 */
public enum KernelSet {
    TRUST4("trust4", true, true, true),
    TRUST6("trust6", false, true, true),
    BAN4("ban4", true, false, false),
    BAN6("ban6", false, false, false),
    BAN4_NET("ban4_net", true, true, false),
    BAN6_NET("ban6_net", false, true, false);

    private final String suffix;
    private final boolean ipv4;
    private final boolean interval;
    private final boolean trust;

    KernelSet(String suffix, boolean ipv4, boolean interval, boolean trust) {
        this.suffix = suffix;
        this.ipv4 = ipv4;
        this.interval = interval;
        this.trust = trust;
    }

    /**
     * The scope as text for a kernel command, re-checked as a numeric literal: libnftables (and
     * some tools) resolve anything that looks like a host name, so nothing else may pass.
     */
    public static String literal(Cidr c) {
        String s = c.toString();
        // A character loop, not a regex: this runs once per element of 100k-element batches.
        int slash = s.indexOf('/');
        int end = slash < 0 ? s.length() : slash;
        boolean ok = end >= 2 && end <= 45 && (slash < 0 || (s.length() - slash >= 2 && s.length() - slash <= 4));
        for (int i = 0; ok && i < s.length(); i++) {
            char ch = s.charAt(i);
            if (i < end) {
                ok = (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F') || ch == ':' || ch == '.';
            } else if (i > end) {
                ok = ch >= '0' && ch <= '9';
            }
        }
        if (!ok) {
            throw new IllegalArgumentException("refusing to pass '" + s + "' to the kernel: not a numeric address");
        }
        return s;
    }

    /** Short name used in set names ("ban4"). */
    public String suffix() {
        return suffix;
    }

    public boolean ipv4() {
        return ipv4;
    }

    /** Holds prefixes (interval / hash:net) rather than single addresses. */
    public boolean interval() {
        return interval;
    }

    public boolean trust() {
        return trust;
    }

    /** The set a decision's scope belongs in. */
    public static KernelSet of(Decision.Type type, Cidr scope) {
        boolean v4 = scope.isIpv4();
        return switch (type) {
            case ALLOW -> v4 ? TRUST4 : TRUST6;
            case BAN -> scope.isSingleAddress() ? (v4 ? BAN4 : BAN6) : (v4 ? BAN4_NET : BAN6_NET);
        };
    }

    /**
     * What every set should hold: active decisions with their remaining time (capped at
     * {@code max}), configured trusted prefixes without a timeout, overlaps removed from
     * interval sets.
     */
    public static Map<KernelSet, Map<Cidr, Duration>> layout(Desired desired, Collection<Cidr> trusted, Instant now,
                                                            Duration max) {
        Map<KernelSet, Map<Cidr, Duration>> out = new EnumMap<>(KernelSet.class);
        for (KernelSet s : values()) {
            out.put(s, new LinkedHashMap<>());
        }
        desired.allows().forEach((c, until) -> out.get(of(Decision.Type.ALLOW, c)).put(c, Desired.remaining(until, now, max)));
        trusted.forEach(c -> out.get(c.isIpv4() ? TRUST4 : TRUST6).put(c, null));
        desired.bans().forEach((c, until) -> out.get(of(Decision.Type.BAN, c)).put(c, Desired.remaining(until, now, max)));
        for (KernelSet s : values()) {
            if (s.interval) {
                out.put(s, Desired.outermost(out.get(s)));
            }
        }
        return out;
    }
}
