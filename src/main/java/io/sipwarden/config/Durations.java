package io.sipwarden.config;

import java.time.Duration;

/** Parses durations as people write them ({@code 30s}, {@code 10m}, {@code 1h30m}, {@code 7d}) or in ISO-8601. */
public final class Durations {

    private Durations() {
    }

    /**
     * @throws IllegalArgumentException naming the accepted forms; a bare number is refused here
     *         (in sipwarden.yml "600" is more likely a mistake than seconds)
     */
    public static Duration parse(String text) {
        return io.sipwarden.time.DurationText.parseWithUnits(text);
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
}
