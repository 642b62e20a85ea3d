package io.sipwarden.sensor.log;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.InstantSource;

/**
 * Resolves log-line timestamps to instants: the configured {@code dateformat} in the configured
 * zone, the year inferred for yearless formats (the latest year that does not put the line more
 * than one day after "now"), and a one-entry cache because consecutive lines share their second.
 * Not thread-safe: one per parser.
 */
final class Timestamps {
    private static final Duration FUTURE_SLACK = Duration.ofDays(1);

    private final LogDateFormat format;
    private final LogDateFormat syslogFormat = LogDateFormat.compile(LogDateFormat.DEFAULT);
    private final ZoneId zone;
    private final InstantSource clock;
    private final int[] fields = new int[7];
    private String lastText = "";
    /** {@link #lastText} as bytes if it is ASCII (else null: the byte shortcut never matches). */
    private byte[] lastBytes;
    private Instant lastInstant;
    /**
     * The length of {@link #lastBytes} where {@link #cachedEnd} may use it (ASCII, no ']', at
     * most 63 bytes, an instant), else -1; and for 8 to 16 bytes (the default
     * {@code Nov 21 00:00:00} is 15) its first and last eight bytes as words, so the check on
     * every line is two compares with fields already at hand.
     */
    private int cachedLength = -1;
    private long firstWord;
    private long lastWord;

    Timestamps(LogDateFormat format, ZoneId zone, InstantSource clock) {
        this.format = format;
        this.zone = zone;
        this.clock = clock;
    }

    /** The line's time for {@code s[from, to)} in the configured format, or null. */
    Instant resolve(String s, int from, int to) {
        return resolve(format, s, from, to);
    }

    /** A syslog header time ({@code Nov 21 19:19:53}), or null. */
    Instant resolveSyslog(String s, int from, int to) {
        return resolve(syslogFormat, s, from, to);
    }

    /**
     * The cached instant if {@code b[from, to)} is exactly the last resolved text (ASCII), else
     * null: the byte-level shortcut for lines that share their second with the previous one.
     */
    Instant cached(byte[] b, int from, int to) {
        byte[] last = lastBytes;
        if (lastInstant == null || last == null || last.length != to - from
                || !java.util.Arrays.equals(last, 0, last.length, b, from, to)) {
            return null;
        }
        return lastInstant;
    }

    /**
     * {@link #cached} for a line's {@code [date]}: where the {@code ']'} that closes the cached
     * text is, if {@code b[from, ...)} starts with that text and the next byte is {@code ']'}
     * (within the 64 bytes the parser allows), else -1. The cached text holds no {@code ']'},
     * so that is the first one, the one the parser looks for; no search is needed, and the
     * default {@code Nov 21 00:00:00} is compared as two words.
     */
    int cachedEnd(byte[] b, int from, int end) {
        int n = cachedLength;
        int close = from + n;
        if (n < 0 || close >= end || b[close] != ']') {
            return -1;
        }
        if (n >= 8 && n <= 16) {
            return AsciiScan.word(b, from) == firstWord && AsciiScan.word(b, close - 8) == lastWord ? close : -1;
        }
        return AsciiScan.same(lastBytes, 0, b, from, n) ? close : -1;
    }

    /** The instant of the cached text (null before the first resolved date). */
    Instant last() {
        return lastInstant;
    }

    private Instant resolve(LogDateFormat f, String s, int from, int to) {
        int len = to - from;
        if (lastInstant != null && lastText.length() == len && s.startsWith(lastText, from)) {
            return lastInstant;
        }
        if (!f.parse(s, from, to, fields)) {
            return null;
        }
        Instant t = toInstant(fields);
        if (t != null) {
            lastText = s.substring(from, to);
            lastBytes = ascii(lastText);
            lastInstant = t;
            int n = lastBytes == null ? -1 : lastBytes.length;
            // a text with a ']' (a syslog or JSON date could, in theory) never takes the shortcut
            cachedLength = n >= 0 && n <= 63 && lastText.indexOf(']') < 0 ? n : -1;
            if (n >= 8 && n <= 16) {
                firstWord = AsciiScan.word(lastBytes, 0);
                lastWord = AsciiScan.word(lastBytes, n - 8);
            }
        }
        return t;
    }

    private static byte[] ascii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return null;
            }
        }
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    private Instant toInstant(int[] f) {
        try {
            if (f[0] >= 0) {
                return LocalDateTime.of(f[0], f[1], f[2], f[3], f[4], Math.min(f[5], 59), f[6])
                        .atZone(zone).toInstant();
            }
            Instant now = clock.instant();
            Instant limit = now.plus(FUTURE_SLACK);
            int year = ZonedDateTime.ofInstant(now, zone).getYear() + 1;
            // Feb 29 exists only in leap years: look back far enough to find one.
            for (int k = 0; k < 9; k++, year--) {
                if (f[1] == 2 && f[2] == 29 && !java.time.Year.isLeap(year)) {
                    continue;
                }
                Instant t = LocalDateTime.of(year, f[1], f[2], f[3], f[4], Math.min(f[5], 59), f[6])
                        .atZone(zone).toInstant();
                if (!t.isAfter(limit)) {
                    return t;
                }
            }
            return null;
        } catch (DateTimeException e) {
            return null; // e.g. "Apr 31": not a date
        }
    }
}
