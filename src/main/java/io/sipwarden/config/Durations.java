package io.sipwarden.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses durations as people write them ({@code 30s}, {@code 10m}, {@code 1h30m}, {@code 7d}) or in ISO-8601. */
public final class Durations {

    private static final Pattern PART = Pattern.compile("(\\d{1,9})(ms|s|m|h|d|w)");

    private Durations() {
    }

    /** @throws IllegalArgumentException naming the accepted forms */
    public static Duration parse(String text) {
        String s = text.strip().toLowerCase(Locale.ROOT);
        if (s.startsWith("p") || s.startsWith("-p")) {
            try {
                Duration d = Duration.parse(s.toUpperCase(Locale.ROOT));
                if (d.isNegative()) {
                    throw bad(text);
                }
                return d;
            } catch (DateTimeParseException e) {
                throw bad(text);
            }
        }
        Matcher m = PART.matcher(s);
        Duration total = Duration.ZERO;
        int at = 0;
        while (at < s.length()) {
            if (!m.find(at) || m.start() != at) {
                throw bad(text);
            }
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                case "w" -> Duration.ofDays(7 * n);
                default -> throw bad(text);
            });
            at = m.end();
        }
        if (at == 0) {
            throw bad(text);
        }
        return total;
    }

    /** The short form: {@code 5m}, {@code 1h30m}, {@code 7d}, {@code 250ms}. */
    public static String format(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        StringBuilder b = new StringBuilder();
        long days = d.toDays();
        if (days > 0) {
            b.append(days).append('d');
        }
        if (d.toHoursPart() > 0) {
            b.append(d.toHoursPart()).append('h');
        }
        if (d.toMinutesPart() > 0) {
            b.append(d.toMinutesPart()).append('m');
        }
        if (d.toSecondsPart() > 0) {
            b.append(d.toSecondsPart()).append('s');
        }
        if (d.toMillisPart() > 0) {
            b.append(d.toMillisPart()).append("ms");
        }
        return b.toString();
    }

    private static IllegalArgumentException bad(String text) {
        String shown = text.length() > 40 ? text.substring(0, 40) + "…" : text;
        return new IllegalArgumentException("not a duration: '" + shown + "' (write 30s, 10m, 1h, 7d, 1h30m or ISO-8601 such as PT10M)");
    }
}
