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

/**
 * Durations as people write them in configuration: {@code 90s}, {@code 10m}, {@code 1h},
 * {@code 30d}, {@code 2w}, a plain number of seconds, or ISO-8601 ({@code PT10M}).
 */
public final class DurationText {
    private DurationText() {
    }

    /** @throws IllegalArgumentException naming the text when it is not a duration */
    public static Duration parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty duration");
        }
        String s = text.strip().toLowerCase(Locale.ROOT);
        if (s.startsWith("p")) {
            try {
                return Duration.parse(s.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw bad(text);
            }
        }
        int end = s.length();
        while (end > 0 && Character.isLetter(s.charAt(end - 1))) {
            end--;
        }
        String digits = s.substring(0, end).strip();
        String unit = s.substring(end);
        if (digits.isEmpty() || digits.length() > 12 || !digits.chars().allMatch(Character::isDigit)) {
            throw bad(text);
        }
        long n = Long.parseLong(digits);
        return switch (unit) {
            case "", "s" -> Duration.ofSeconds(n);
            case "ms" -> Duration.ofMillis(n);
            case "m", "min" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            case "w" -> Duration.ofDays(7 * n);
            default -> throw bad(text);
        };
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
        String shown = text.length() > 40 ? text.substring(0, 40) + "…" : text;
        return new IllegalArgumentException("not a duration: '" + shown + "' (use e.g. 90s, 10m, 1h, 30d)");
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
