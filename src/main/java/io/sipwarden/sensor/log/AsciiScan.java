package io.sipwarden.sensor.log;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Scanning primitives over a log line held as bytes that the byte-level parsers use instead of
 * the {@code String} methods. They are only applied to lines checked to be plain ASCII
 * ({@link #isAscii}), where a byte offset is a character offset of the decoded line, so each
 * one answers exactly what its {@code String} counterpart would.
 */
final class AsciiScan {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGHS = 0x8080_8080_8080_8080L;
    private static final long ONES = 0x0101_0101_0101_0101L;
    private static final long LOWS = 0x7F7F_7F7F_7F7F_7F7FL;

    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private AsciiScan() {
    }

    /** The eight bytes at {@code b[i, i + 8)} as one little-endian word. */
    static long word(byte[] b, int i) {
        return (long) LONGS.get(b, i);
    }

    /** The four bytes at {@code b[i, i + 4)} as one little-endian int. */
    static int quad(byte[] b, int i) {
        return (int) INTS.get(b, i);
    }

    /**
     * The high bit of each zero byte of {@code w} set: the lowest one is always exact; a byte
     * above a zero byte may be flagged falsely (the borrow), so only the lowest flag is trusted.
     */
    static long zeroBytes(long w) {
        return (w - ONES) & ~w & HIGHS;
    }

    /** Whether every byte of {@code b[from, to)} is below 0x80; eight bytes at a time. */
    static boolean isAscii(byte[] b, int from, int to) {
        long acc = 0;
        int i = from;
        for (; i + 8 <= to; i += 8) {
            acc |= (long) LONGS.get(b, i);
        }
        for (; i < to; i++) {
            acc |= b[i];
        }
        return (acc & HIGHS) == 0;
    }

    /** Index of the first {@code '"'} in {@code b[from, to)}, or -1. */
    static int quote(byte[] b, int from, int to) {
        return indexOf(b, (byte) '"', from, to);
    }

    /**
     * Index of the last {@code c} in {@code b[from, to)}, or -1, for long spans: with vectors
     * where the JVM has them ({@link VectorScan}), else eight bytes at a time (with the exact
     * zero-byte test, which flags no byte falsely, so the highest flag is true).
     */
    static int lastIndexOfWord(byte[] b, byte c, int from, int to) {
        return VectorSupport.ENABLED ? VectorScan.lastIndexOf(b, c, from, to) : lastIndexOfSwar(b, c, from, to);
    }

    /** {@link #lastIndexOfWord} without vectors. */
    static int lastIndexOfSwar(byte[] b, byte c, int from, int to) {
        long pattern = (c & 0xFFL) * ONES;
        int i = to - 8;
        for (; i >= from; i -= 8) {
            long w = (long) LONGS.get(b, i) ^ pattern;
            long zero = ~(((w & LOWS) + LOWS) | w | LOWS);
            if (zero != 0) {
                return i + 7 - (Long.numberOfLeadingZeros(zero) >>> 3);
            }
        }
        for (i += 7; i >= from; i--) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Index of the first {@code c} in {@code b[from, to)}, or -1; eight bytes at a time, so a
     * search over a field costs one branch per word instead of one per byte.
     */
    static int indexOf(byte[] b, byte c, int from, int to) {
        long pattern = (c & 0xFFL) * ONES;
        int i = Math.max(from, 0);
        for (; i + 8 <= to; i += 8) {
            long w = (long) LONGS.get(b, i) ^ pattern;
            long zero = zeroBytes(w);
            if (zero != 0) {
                return i + (Long.numberOfTrailingZeros(zero) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    /** Index of the first occurrence of {@code p} starting in {@code b[from, to)} and ending by {@code to}, or -1. */
    static int indexOf(byte[] b, byte[] p, int from, int to) {
        byte first = p[0];
        for (int i = indexOf(b, first, from, to - p.length + 1); i >= 0; i = indexOf(b, first, i + 1, to - p.length + 1)) {
            if (startsWith(b, i, to, p)) {
                return i;
            }
        }
        return -1;
    }

    /** Index of the last occurrence of {@code c} in {@code b[from, to)}, or -1. */
    static int lastIndexOf(byte[] b, byte c, int from, int to) {
        for (int i = to - 1; i >= from; i--) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    /** Whether {@code b[at, to)} starts with {@code p} ({@code String.startsWith(p, at)}). */
    static boolean startsWith(byte[] b, int at, int to, byte[] p) {
        int n = p.length;
        return at >= 0 && to - at >= n && same(b, at, p, 0, n);
    }

    /**
     * Whether {@code a[aOff, aOff + n)} and {@code b[bOff, bOff + n)} hold the same bytes (both
     * ranges valid). The short runs the parsers compare with what the line before held (a date,
     * the PBX's address, fixed fields) as overlapping words, inline, instead of a call to the
     * general array comparison.
     */
    static boolean same(byte[] a, int aOff, byte[] b, int bOff, int n) {
        if (n < 8) {
            for (int k = 0; k < n; k++) {
                if (a[aOff + k] != b[bOff + k]) {
                    return false;
                }
            }
            return true;
        }
        int k = 0;
        for (; k + 8 < n; k += 8) {
            if ((long) LONGS.get(a, aOff + k) != (long) LONGS.get(b, bOff + k)) {
                return false;
            }
        }
        return (long) LONGS.get(a, aOff + n - 8) == (long) LONGS.get(b, bOff + n - 8); // the last word may overlap
    }

    /** Whether the string {@code s} (Latin-1) is exactly {@code b[from, to)}. */
    static boolean sameText(String s, byte[] b, int from, int to) {
        int n = s.length();
        if (to - from != n) {
            return false;
        }
        for (int k = 0; k < n; k++) {
            if (s.charAt(k) != (b[from + k] & 0xFF)) {
                return false;
            }
        }
        return true;
    }

    /** {@code b[from, to)} as a string (ASCII). */
    static String text(byte[] b, int from, int to) {
        return from >= to ? "" : new String(b, from, to - from, StandardCharsets.ISO_8859_1);
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** Non-negative decimal in {@code b[from, to)} (at most 18 digits), or -1 (as {@link EventTimes#number}). */
    static long number(byte[] b, int from, int to) {
        if (from >= to || to - from > 18) {
            return -1;
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            int c = b[i] - '0';
            if (c < 0 || c > 9) {
                return -1;
            }
            v = v * 10 + c;
        }
        return v;
    }

    /** Decimal port 0..65535 spanning exactly {@code b[from, to)}, or -1 (as {@link AddressText#port}). */
    static int port(byte[] b, int from, int to) {
        long p = to - from > 5 ? -1 : number(b, from, to);
        return p <= 65535 ? (int) p : -1;
    }

    /**
     * A strict dotted quad in {@code b[from, to)}, or -1 (as {@link AddressText#ipv4}): one to
     * three digits per octet, no leading zero, at most 255, three dots, nothing else.
     */
    static long ipv4(byte[] b, int from, int to) {
        if (to - from < 7 || to - from > 15) {
            return -1;
        }
        long q = dottedQuad(b, from, to);
        return q >= 0 && (int) (q >>> 32) == to ? q & 0xFFFF_FFFFL : -1;
    }

    /**
     * The strict dotted quad that starts {@code b[from, to)}, whatever follows it:
     * {@code (index after it) << 32 | value}, or -1. Read octet by octet, so the branches follow
     * the four octets rather than every byte; it lets an address followed by {@code :port} or
     * {@code /port} be read in one pass instead of searching for the separator first.
     */
    static long dottedQuad(byte[] b, int from, int to) {
        long value = 0;
        int i = from;
        for (int k = 0; k < 4; k++) {
            if (k > 0) {
                if (i >= to || b[i] != '.') {
                    return -1;
                }
                i++;
            }
            int octet = i < to ? digit(b[i]) : -1;
            if (octet < 0) {
                return -1;
            }
            i++;
            int d = i < to ? digit(b[i]) : -1;
            if (d >= 0) {
                if (octet == 0) {
                    return -1; // leading zero
                }
                octet = octet * 10 + d;
                i++;
                d = i < to ? digit(b[i]) : -1;
                if (d >= 0) {
                    octet = octet * 10 + d;
                    i++;
                    if (octet > 255) {
                        return -1;
                    }
                }
            }
            value = (value << 8) | octet;
        }
        return (long) i << 32 | value;
    }

    private static int digit(byte c) {
        int d = c - '0';
        return d >= 0 && d <= 9 ? d : -1;
    }
}
