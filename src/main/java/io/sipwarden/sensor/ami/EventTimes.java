package io.sipwarden.sensor.ami;

import java.time.Instant;

/**
 * The times Asterisk puts in AMI events: {@code EventTV} (the same two forms as in the security
 * log, so the log sensor's parser is used) and the {@code Timestamp: <sec>.<usec>} header of
 * {@code timestampevents=yes}.
 */
final class EventTimes {
    private EventTimes() {
    }

    /** {@code 2026-11-21T19:19:53.704+0000} or {@code <sec>-<usec>}; null if neither. */
    static Instant parseEventTv(String s) {
        return s == null || s.isEmpty() ? null : io.sipwarden.sensor.log.EventTimes.parse(s, 0, s.length());
    }

    /** {@code 1795288840.565842} (timestampevents=yes); null if malformed. */
    static Instant parseTimestamp(String s) {
        if (s == null || s.isEmpty()) {
            return null;
        }
        int dot = s.indexOf('.');
        int end = dot < 0 ? s.length() : dot;
        long sec = digits(s, 0, end);
        if (sec < 0) {
            return null;
        }
        long nanos = 0;
        if (dot >= 0) {
            int n = s.length() - dot - 1;
            long frac = digits(s, dot + 1, s.length());
            if (n > 9 || frac < 0) {
                return null;
            }
            for (int i = n; i < 9; i++) {
                frac *= 10;
            }
            nanos = frac;
        }
        return Instant.ofEpochSecond(sec, nanos);
    }

    /** Non-negative decimal value of s[from, to), or -1 if empty, too long or not all digits. */
    private static long digits(String s, int from, int to) {
        if (to <= from || to - from > 18) {
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
