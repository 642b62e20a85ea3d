package io.sipwarden.sensor.log;

import java.util.ArrayList;
import java.util.List;

/**
 * A compiled Asterisk {@code dateformat} (logger.conf) that reads timestamps back. Supports the
 * strftime subset Asterisk installations use: {@code %b %e %d %T %F %Y %m %H %M %S %3q %q %%}
 * and literal text. Parsing is allocation-free and never throws.
 */
public final class LogDateFormat {

    /** Asterisk's default: {@code Mar  2 14:05:11}. */
    public static final String DEFAULT = "%b %e %T";

    private enum Field { MONTH_NAME, DAY_SPACE, DAY, YEAR, MONTH, HOUR, MINUTE, SECOND, MILLIS, MICROS }

    /** One step of the compiled pattern: a field or a literal character. */
    private record Step(Field field, char literal) {
    }

    private static final String[] MONTHS = {
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

    private final String pattern;
    private final Step[] steps;
    private final boolean hasYear;

    private LogDateFormat(String pattern, Step[] steps, boolean hasYear) {
        this.pattern = pattern;
        this.steps = steps;
        this.hasYear = hasYear;
    }

    /**
     * Compiles a pattern.
     *
     * @throws IllegalArgumentException naming the unsupported conversion
     */
    public static LogDateFormat compile(String pattern) {
        List<Step> steps = new ArrayList<>();
        boolean year = false;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c != '%') {
                steps.add(new Step(null, c));
                continue;
            }
            if (++i >= pattern.length()) {
                throw new IllegalArgumentException("dateformat '" + pattern + "' ends with a lone %");
            }
            char k = pattern.charAt(i);
            switch (k) {
                case 'b', 'h' -> steps.add(new Step(Field.MONTH_NAME, ' '));
                case 'e' -> steps.add(new Step(Field.DAY_SPACE, ' '));
                case 'd' -> steps.add(new Step(Field.DAY, ' '));
                case 'Y' -> {
                    steps.add(new Step(Field.YEAR, ' '));
                    year = true;
                }
                case 'm' -> steps.add(new Step(Field.MONTH, ' '));
                case 'H' -> steps.add(new Step(Field.HOUR, ' '));
                case 'M' -> steps.add(new Step(Field.MINUTE, ' '));
                case 'S' -> steps.add(new Step(Field.SECOND, ' '));
                case 'T' -> steps.addAll(List.of(new Step(Field.HOUR, ' '), new Step(null, ':'),
                        new Step(Field.MINUTE, ' '), new Step(null, ':'), new Step(Field.SECOND, ' ')));
                case 'F' -> {
                    steps.addAll(List.of(new Step(Field.YEAR, ' '), new Step(null, '-'),
                            new Step(Field.MONTH, ' '), new Step(null, '-'), new Step(Field.DAY, ' ')));
                    year = true;
                }
                case 'q' -> steps.add(new Step(Field.MICROS, ' '));
                case '3' -> {
                    if (i + 1 < pattern.length() && pattern.charAt(i + 1) == 'q') {
                        i++;
                        steps.add(new Step(Field.MILLIS, ' '));
                    } else {
                        throw unsupported(pattern, "%3");
                    }
                }
                case '%' -> steps.add(new Step(null, '%'));
                default -> throw unsupported(pattern, "%" + k);
            }
        }
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("dateformat is empty");
        }
        return new LogDateFormat(pattern, steps.toArray(Step[]::new), year);
    }

    private static IllegalArgumentException unsupported(String pattern, String conv) {
        return new IllegalArgumentException("dateformat '" + pattern + "': conversion " + conv
                + " is not supported (supported: %b %e %d %T %F %Y %m %H %M %S %3q %q %%)");
    }

    public String pattern() {
        return pattern;
    }

    /** Whether the format carries a year; without one the year is inferred. */
    boolean hasYear() {
        return hasYear;
    }

    /**
     * Parses {@code s[from, to)} completely into {@code out} = {year (or -1), month, day, hour,
     * minute, second, nanos}. Returns false if the text does not match exactly.
     */
    boolean parse(String s, int from, int to, int[] out) {
        out[0] = -1;
        out[1] = 1;
        out[2] = 1;
        out[3] = 0;
        out[4] = 0;
        out[5] = 0;
        out[6] = 0;
        int i = from;
        for (Step st : steps) {
            if (st.field == null) {
                if (i >= to || s.charAt(i) != st.literal) {
                    return false;
                }
                i++;
                continue;
            }
            switch (st.field) {
                case MONTH_NAME -> {
                    if (i + 3 > to) {
                        return false;
                    }
                    int m = month(s, i);
                    if (m < 0) {
                        return false;
                    }
                    out[1] = m + 1;
                    i += 3;
                }
                case DAY_SPACE -> {
                    if (i < to && s.charAt(i) == ' ') {
                        i++;
                        int d = digits(s, i, to, 1);
                        if (d < 0) {
                            return false;
                        }
                        out[2] = d;
                        i += 1;
                    } else {
                        int n = digits(s, i, to, 2);
                        if (n < 0) {
                            return false;
                        }
                        out[2] = n;
                        i += 2;
                    }
                }
                case DAY, YEAR, MONTH, HOUR, MINUTE, SECOND -> {
                    int width = st.field == Field.YEAR ? 4 : 2;
                    int v = digits(s, i, to, width);
                    if (v < 0) {
                        return false;
                    }
                    out[slot(st.field)] = v;
                    i += width;
                }
                case MILLIS -> {
                    int ms = digits(s, i, to, 3);
                    if (ms < 0) {
                        return false;
                    }
                    out[6] = ms * 1_000_000;
                    i += 3;
                }
                case MICROS -> {
                    int us = digits(s, i, to, 6);
                    if (us < 0) {
                        return false;
                    }
                    out[6] = us * 1_000;
                    i += 6;
                }
            }
        }
        return i == to && out[1] >= 1 && out[1] <= 12 && out[2] >= 1 && out[2] <= 31
                && out[3] <= 23 && out[4] <= 59 && out[5] <= 60;
    }

    /** Index in the parse result: {year, month, day, hour, minute, second, nanos}. */
    private static int slot(Field f) {
        return switch (f) {
            case YEAR -> 0;
            case MONTH, MONTH_NAME -> 1;
            case DAY, DAY_SPACE -> 2;
            case HOUR -> 3;
            case MINUTE -> 4;
            case SECOND -> 5;
            case MILLIS, MICROS -> 6;
        };
    }

    private static int month(String s, int i) {
        char a = s.charAt(i);
        char b = s.charAt(i + 1);
        char c = s.charAt(i + 2);
        for (int m = 0; m < 12; m++) {
            String n = MONTHS[m];
            if (n.charAt(0) == a && n.charAt(1) == b && n.charAt(2) == c) {
                return m;
            }
        }
        return -1;
    }

    private static int digits(String s, int i, int to, int n) {
        if (i + n > to) {
            return -1;
        }
        int v = 0;
        for (int k = 0; k < n; k++) {
            char c = s.charAt(i + k);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    @Override
    public String toString() {
        return pattern;
    }
}
