package io.sipwarden.sensor.log;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;

/**
 * Parses a security event's {@code EventTV}: 12+ ISO-8601 with milliseconds and offset
 * ({@code 2024-05-01T10:22:21.751+0200}) or the ≤11 {@code <sec>-<usec>} form. Never throws.
 */
public final class EventTimes {
    private EventTimes() {
    }

    /** The time of s[from, to), or null when it is neither form (also used by the AMI sensor). */
    public static Instant parse(String s, int from, int to) {
        int len = to - from;
        if (len >= 19 && s.charAt(from + 4) == '-' && s.charAt(from + 10) == 'T') {
            return iso(s, from, to);
        }
        int dash = s.indexOf('-', from);
        if (dash > from && dash < to) {
            long sec = number(s, from, dash);
            long usec = number(s, dash + 1, to);
            if (sec >= 0 && usec >= 0 && usec < 1_000_000 && dash - from <= 12) {
                return Instant.ofEpochSecond(sec, usec * 1000);
            }
        }
        return null;
    }

    private static Instant iso(String s, int from, int to) {
        int y = (int) number(s, from, from + 4);
        int mo = (int) number(s, from + 5, from + 7);
        int d = (int) number(s, from + 8, from + 10);
        int h = (int) number(s, from + 11, from + 13);
        int mi = (int) number(s, from + 14, from + 16);
        int se = (int) number(s, from + 17, from + 19);
        if (y < 0 || mo < 0 || d < 0 || h < 0 || mi < 0 || se < 0) {
            return null;
        }
        int i = from + 19;
        int nanos = 0;
        if (i < to && s.charAt(i) == '.') {
            int start = ++i;
            while (i < to && s.charAt(i) >= '0' && s.charAt(i) <= '9' && i - start < 9) {
                nanos = nanos * 10 + (s.charAt(i) - '0');
                i++;
            }
            for (int k = i - start; k < 9; k++) {
                nanos *= 10;
            }
        }
        int offsetSeconds = 0;
        if (i < to) {
            char sign = s.charAt(i);
            if (sign == 'Z') {
                i++;
            } else if (sign == '+' || sign == '-') {
                int oh = (int) number(s, i + 1, i + 3);
                int om = -1;
                if (i + 5 <= to && s.charAt(i + 3) != ':') {
                    om = (int) number(s, i + 3, i + 5);
                    i += 5;
                } else if (i + 6 <= to) {
                    om = (int) number(s, i + 4, i + 6);
                    i += 6;
                }
                if (oh < 0 || om < 0 || oh > 18) {
                    return null;
                }
                offsetSeconds = (sign == '-' ? -1 : 1) * (oh * 3600 + om * 60);
            }
        }
        return instant(i == to, y, mo, d, h, mi, se, nanos, offsetSeconds);
    }

    private static Instant instant(boolean whole, int y, int mo, int d, int h, int mi, int se, int nanos, int offsetSeconds) {
        if (!whole) {
            return null;
        }
        long local = nanos < 0 ? NO_BASE : localSeconds(y, mo, d, h, mi, se);
        if (local == NO_BASE) {
            return null;
        }
        long epoch = local - offsetSeconds;
        return Instant.ofEpochSecond(epoch, nanos);
    }

    /**
     * {@link #parse(String, int, int)} of the ASCII bytes {@code b[from, to)}: the same answer
     * for the same characters, without decoding them (the replay hot path).
     */
    static Instant parse(byte[] b, int from, int to) {
        int len = to - from;
        if (len >= 19 && b[from + 4] == '-' && b[from + 10] == 'T') {
            return iso(b, from, to);
        }
        int dash = AsciiScan.indexOf(b, (byte) '-', from, to);
        if (dash > from) {
            long sec = AsciiScan.number(b, from, dash);
            long usec = AsciiScan.number(b, dash + 1, to);
            if (sec >= 0 && usec >= 0 && usec < 1_000_000 && dash - from <= 12) {
                return Instant.ofEpochSecond(sec, usec * 1000);
            }
        }
        return null;
    }

    private static Instant iso(byte[] b, int from, int to) {
        long base = isoBase(b, from);
        return base == NO_BASE ? null : isoRest(b, from + 19, to, base);
    }

    /** {@link #isoBase}: the first 19 characters are not a valid date and time. */
    static final long NO_BASE = Long.MIN_VALUE;

    /**
     * The local seconds of {@code yyyy-mm-ddThh:mm:ss} at {@code b[from, from + 19)} (the same
     * checks as the String form), or {@link #NO_BASE}. Consecutive EventTVs share it, so callers
     * may cache it by those 19 bytes.
     */
    static long isoBase(byte[] b, int from) {
        int y = (int) AsciiScan.number(b, from, from + 4);
        int mo = (int) AsciiScan.number(b, from + 5, from + 7);
        int d = (int) AsciiScan.number(b, from + 8, from + 10);
        int h = (int) AsciiScan.number(b, from + 11, from + 13);
        int mi = (int) AsciiScan.number(b, from + 14, from + 16);
        int se = (int) AsciiScan.number(b, from + 17, from + 19);
        if (y < 0 || mo < 0 || d < 0 || h < 0 || mi < 0 || se < 0) {
            return NO_BASE;
        }
        return localSeconds(y, mo, d, h, mi, se);
    }

    /** The local seconds of a date and time from non-negative fields, or {@link #NO_BASE} if it is none. */
    private static long localSeconds(int y, int mo, int d, int h, int mi, int se) {
        if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 60) {
            return NO_BASE;
        }
        if (d > 28) {
            try {
                LocalDateTime.of(y, mo, d, 0, 0); // rare: validate the day of month
            } catch (DateTimeException e) {
                return NO_BASE;
            }
        }
        return daysFromCivil(y, mo, d) * 86_400L + h * 3600L + mi * 60L + Math.min(se, 59);
    }

    /** The fraction and offset after the first 19 characters ({@code b[i, to)}), on top of {@code base}. */
    static Instant isoRest(byte[] b, int i, int to, long base) {
        if (to - i == 9 && b[i] == '.') {
            // Asterisk's own form, ".mmm+hhmm": the same answer as below without its loops
            int d1 = b[i + 1] - '0';
            int d2 = b[i + 2] - '0';
            int d3 = b[i + 3] - '0';
            byte sign = b[i + 4];
            int h1 = b[i + 5] - '0';
            int h2 = b[i + 6] - '0';
            int m1 = b[i + 7] - '0';
            int m2 = b[i + 8] - '0';
            if ((d1 | d2 | d3 | h1 | h2 | m1 | m2) >= 0 && d1 <= 9 && d2 <= 9 && d3 <= 9 && h1 <= 9 && h2 <= 9
                    && m1 <= 9 && m2 <= 9 && (sign == '+' || sign == '-')) {
                int oh = h1 * 10 + h2;
                if (oh > 18) {
                    return null;
                }
                int offsetSeconds = (sign == '-' ? -1 : 1) * (oh * 3600 + (m1 * 10 + m2) * 60);
                return Instant.ofEpochSecond(base - offsetSeconds, (d1 * 100 + d2 * 10 + d3) * 1_000_000);
            }
        }
        int nanos = 0;
        if (i < to && b[i] == '.') {
            int start = ++i;
            while (i < to && b[i] >= '0' && b[i] <= '9' && i - start < 9) {
                nanos = nanos * 10 + (b[i] - '0');
                i++;
            }
            for (int k = i - start; k < 9; k++) {
                nanos *= 10;
            }
        }
        int offsetSeconds = 0;
        if (i < to) {
            byte sign = b[i];
            if (sign == 'Z') {
                i++;
            } else if (sign == '+' || sign == '-') {
                // as number(s, …) on a String, a span past the end is no number
                int oh = i + 3 <= to ? (int) AsciiScan.number(b, i + 1, i + 3) : -1;
                int om = -1;
                if (i + 5 <= to && b[i + 3] != ':') {
                    om = (int) AsciiScan.number(b, i + 3, i + 5);
                    i += 5;
                } else if (i + 6 <= to) {
                    om = (int) AsciiScan.number(b, i + 4, i + 6);
                    i += 6;
                }
                if (oh < 0 || om < 0 || oh > 18) {
                    return null;
                }
                offsetSeconds = (sign == '-' ? -1 : 1) * (oh * 3600 + om * 60);
            }
        }
        if (i != to) {
            return null;
        }
        return Instant.ofEpochSecond(base - offsetSeconds, nanos);
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm). */
    static long daysFromCivil(int y, int m, int d) {
        int yy = m <= 2 ? y - 1 : y;
        int era = (yy >= 0 ? yy : yy - 399) / 400;
        int yoe = yy - era * 400;
        int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097L + doe - 719_468L;
    }

    /** Non-negative decimal in s[from, to) (at most 18 digits), or -1. */
    static long number(String s, int from, int to) {
        if (from >= to || to > s.length() || to - from > 18) {
            return -1;
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
