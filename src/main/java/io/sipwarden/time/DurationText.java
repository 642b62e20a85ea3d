package io.sipwarden.time;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import java.io.IOException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them in configuration: {@code 90s}, {@code 10m}, {@code 1h},
 * {@code 30d}, {@code 2w}, a plain number of seconds, or ISO-8601 ({@code PT10M}).
 */
public final class DurationText {
    private DurationText() {
    }

    private static final Pattern PART = Pattern.compile("(\\d{1,9})(ms|min|s|m|h|d|w)");

    /**
     * A duration, or a plain number of seconds.
     *
     * @throws IllegalArgumentException naming the text when it is not a duration
     */
    public static Duration parse(String text) {
        if (text != null) {
            String s = text.strip();
            if (!s.isEmpty() && s.length() <= 12 && s.chars().allMatch(Character::isDigit)) {
                return Duration.ofSeconds(Long.parseLong(s));
            }
        }
        return parseWithUnits(text);
    }

    /**
     * A duration with units, summed over parts ({@code 30s}, {@code 10m}, {@code 1h30m}, {@code 7d},
     * {@code 2w}, {@code 250ms}) or ISO-8601 ({@code PT10M}); never negative. The one parser of
     * the project: configuration sections, CLI options and settings records all come here.
     */
    public static Duration parseWithUnits(String text) {
        if (text == null) {
            throw bad("");
        }
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
            try {
                total = total.plus(switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m", "min" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    case "d" -> Duration.ofDays(n);
                    default -> Duration.ofDays(7 * n);
                });
            } catch (ArithmeticException e) {
                // Thousands of 999999999w parts overflow Duration: the caller expects IllegalArgumentException.
                throw new IllegalArgumentException("not a duration: '" + shown(text) + "' (too long)");
            }
            at = m.end();
        }
        if (at == 0) {
            throw bad(text);
        }
        return total;
    }

    /** The shortest exact form: "30d", "4h", "10m", "90s". */
    public static String format(Duration d) {
        long s = d.getSeconds();
        if (d.getNano() != 0) {
            return d.toMillis() + "ms";
        }
        if (s != 0 && s % 86_400 == 0) {
            return s / 86_400 + "d";
        }
        if (s != 0 && s % 3_600 == 0) {
            return s / 3_600 + "h";
        }
        if (s != 0 && s % 60 == 0) {
            return s / 60 + "m";
        }
        return s + "s";
    }

    private static IllegalArgumentException bad(String text) {
        return new IllegalArgumentException("not a duration: '" + shown(text)
                + "' (write 30s, 10m, 1h, 7d, 1h30m or ISO-8601 such as PT10M)");
    }

    private static String shown(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }

    /** Jackson binding for settings records: accepts the text forms above or a number of seconds. */
    public static final class Deserializer extends JsonDeserializer<Duration> {
        @Override
        public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonToken t = p.currentToken();
            if (t == JsonToken.VALUE_NUMBER_INT) {
                return Duration.ofSeconds(p.getLongValue());
            }
            if (t == JsonToken.VALUE_STRING) {
                try {
                    return parse(p.getText());
                } catch (IllegalArgumentException e) {
                    return (Duration) ctxt.handleWeirdStringValue(Duration.class, p.getText(), e.getMessage());
                }
            }
            return (Duration) ctxt.handleUnexpectedToken(Duration.class, p);
        }
    }

    /** Writes a duration in the short text form ({@link #format}). */
    public static final class Serializer extends JsonSerializer<Duration> {
        @Override
        public void serialize(Duration value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeString(format(value));
        }
    }
}
