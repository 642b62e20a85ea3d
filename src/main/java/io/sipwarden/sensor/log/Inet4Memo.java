package io.sipwarden.sensor.log;

import java.net.InetAddress;
import java.util.Arrays;

/**
 * The IPv4 addresses one parser met last, by value. An attempt's reports (its NOTICE and its
 * security event) name the same source on neighbouring lines, and the busiest attackers repeat:
 * a small table that only this parser's thread touches stays in the first-level cache and
 * answers them with one compare, where the shared {@link AddressText#inet4} cache costs a chain
 * of dependent loads from further away (measured ≈ 9 % of a replay pass, docs/bench-log.md
 * round 6). A miss goes to that shared cache. Not thread-safe: one per parser.
 */
final class Inet4Memo {
    private static final int SIZE = 16;

    /**
     * Where {@link AddressBytes#hostPort} found the ':' of an {@code a.b.c.d:port} it read through
     * this memo by the dotted-quad path, else -1: the replay's {@link Repeat} needs to know the text
     * was read the way the security reader reads its address.
     */
    int colon = -1;
    private final long[] values = new long[SIZE];
    private final InetAddress[] addresses = new InetAddress[SIZE];

    Inet4Memo() {
        Arrays.fill(values, -1); // no address has this value
    }

    /** The address of the 32-bit value {@code v} (as {@link AddressText#inet4}). */
    InetAddress get(long v) {
        int slot = (int) (v ^ (v >>> 7) ^ (v >>> 17)) & (SIZE - 1);
        if (values[slot] == v) {
            return addresses[slot];
        }
        InetAddress a = AddressText.inet4(v);
        values[slot] = v;
        addresses[slot] = a;
        return a;
    }
}
