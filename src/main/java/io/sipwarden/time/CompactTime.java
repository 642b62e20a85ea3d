package io.sipwarden.time;

import java.time.Duration;
import java.time.Instant;

/**
 * Event time as an int of seconds since 2020-01-01 UTC, for per-source arrays where a long or an
 * Instant per entry would double the memory. Covers 1952 to 2088; times outside are clamped.
 */
public final class CompactTime {
    private CompactTime() {
    }

    private static final long BASE = 1_577_836_800L; // 2020-01-01T00:00:00Z

    public static int of(Instant t) {
        long s = t.getEpochSecond() - BASE;
        return (int) Math.max(Integer.MIN_VALUE + 1, Math.min(Integer.MAX_VALUE - 1, s));
    }

    public static Instant toInstant(int t) {
        return Instant.ofEpochSecond(BASE + t);
    }

    /** A duration in whole seconds, clamped to what fits the int representation. */
    public static int seconds(Duration d) {
        return (int) Math.min(Integer.MAX_VALUE / 2, Math.max(0, d.getSeconds()));
    }
}
