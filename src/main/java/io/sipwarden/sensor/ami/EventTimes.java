package io.sipwarden.sensor.ami;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Parses the times Asterisk puts in AMI events without allocating formatters: {@code EventTV}
 * in the 12+ ISO form ({@code 2026-11-21T19:19:53.704+0000}) or the ≤11 {@code <sec>-<usec>}
 * form, and the {@code Timestamp: <sec>.<usec>} header of {@code timestampevents=yes}.
 */
final class EventTimes {
    private EventTimes() {
    }

    /** Returns null when the text is not one of the known forms. */
    static Instant parseEventTv(String s) {
        if (s == null || s.isEmpty()) {
            return null;
        }
        if (s.length() >= 19 && s.charAt(4) == '-' && s.charAt(10) == 'T') {
            return parseIso(s);
        }
        int dash = s.indexOf('-');
        if (dash > 0) {
            return secondsAndMicros(s, dash);
        }
        return null;
    }

    /** {@code 1795288840.565842} (timestampevents=yes); null if malformed. */
    static Instant parseTimestamp(String s) {
        if (s == null || s.isEmpty()) {
            return null;
        }
        int dot = s.indexOf('.');
        return secondsAndMicros(s, dot < 0 ? s.length() : dot);
    }

    private static Instant secondsAndMicros(String s, int sep) {
        long sec = digits(s, 0, sep);
        if (sec < 0) {
            return null;
        }
        long nanos = 0;
        if (sep < s.length()) {
            int n = s.length() - sep - 1;
            if (n <= 0 || n > 9) {
                return null;
            }
            long frac = digits(s, sep + 1, s.length());
            if (frac < 0) {
                return null;
            }
            nanos = frac * POW10[9 - n];
        }
        return Instant.ofEpochSecond(sec, nanos);
    }

    private static final long[] POW10 = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000,
        100_000_000, 1_000_000_000};

    private static Instant parseIso(String s) {
        int year = (int) digits(s, 0, 4);
        int month = (int) digits(s, 5, 7);
        int day = (int) digits(s, 8, 10);
        int hour = (int) digits(s, 11, 13);
        int min = (int) digits(s, 14, 16);
        int sec = (int) digits(s, 17, 19);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23
                || min < 0 || min > 59 || sec < 0 || sec > 60 || s.charAt(7) != '-' || s.charAt(13) != ':'
                || s.charAt(16) != ':') {
            return null;
        }
        int i = 19;
        long nanos = 0;
        if (i < s.length() && s.charAt(i) == '.') {
            int start = ++i;
            while (i < s.length() && Character.isDigit(s.charAt(i))) {
                i++;
            }
            int n = i - start;
            if (n == 0 || n > 9) {
                return null;
            }
            nanos = digits(s, start, i) * POW10[9 - n];
        }
        int offsetSeconds = 0;
        if (i < s.length()) {
            char sign = s.charAt(i);
            if (sign == 'Z' && i == s.length() - 1) {
                offsetSeconds = 0;
            } else if (sign == '+' || sign == '-') {
                String off = s.substring(i + 1).replace(":", "");
                if (off.length() != 4 && off.length() != 2) {
                    return null;
                }
                long oh = digits(off, 0, 2);
                long om = off.length() == 4 ? digits(off, 2, 4) : 0;
                if (oh < 0 || om < 0 || oh > 18 || om > 59) {
                    return null;
                }
                offsetSeconds = (int) ((oh * 3600 + om * 60) * (sign == '-' ? -1 : 1));
            } else {
                return null;
            }
        }
        LocalDate date;
        try {
            date = LocalDate.of(year, month, day);
        } catch (java.time.DateTimeException e) {
            return null;
        }
        long epoch = date.toEpochDay() * 86_400L + hour * 3600L + min * 60L + sec - offsetSeconds;
        return Instant.ofEpochSecond(epoch, nanos);
    }

    /** Non-negative decimal value of s[from, to), or -1 if empty, too long or not all digits. */
    private static long digits(String s, int from, int to) {
        if (to <= from || to - from > 18 || to > s.length()) {
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
