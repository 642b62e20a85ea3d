package io.sipwarden.sensor.ami;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;

/**
 * Reads durations as written in the config: {@code 500ms}, {@code 20s}, {@code 5m}, {@code 1h},
 * ISO {@code PT20S}, or a bare number of seconds.
 */
public final class DurationText extends JsonDeserializer<Duration> {

    /** @throws IllegalArgumentException naming the text when it is not a duration */
    public static Duration parse(String text) {
        String s = text.strip().toLowerCase(Locale.ROOT);
        try {
            if (s.startsWith("pt")) {
                return Duration.parse(s.toUpperCase(Locale.ROOT));
            }
            if (s.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2).strip()));
            }
            char unit = s.isEmpty() ? ' ' : s.charAt(s.length() - 1);
            String num = Character.isDigit(unit) ? s : s.substring(0, s.length() - 1).strip();
            long v = Long.parseLong(num);
            return switch (unit) {
                case 's' -> Duration.ofSeconds(v);
                case 'm' -> Duration.ofMinutes(v);
                case 'h' -> Duration.ofHours(v);
                case 'd' -> Duration.ofDays(v);
                default -> {
                    if (Character.isDigit(unit)) {
                        yield Duration.ofSeconds(v);
                    }
                    throw new NumberFormatException();
                }
            };
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a duration: '" + io.sipwarden.decision.Texts.safe(text, 40)
                    + "' (use e.g. 500ms, 20s, 5m, 1h)");
        }
    }

    @Override
    public Duration deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NUMBER_INT) {
            return Duration.ofSeconds(p.getLongValue());
        }
        try {
            return parse(p.getValueAsString(""));
        } catch (IllegalArgumentException e) {
            return (Duration) ctx.handleWeirdStringValue(Duration.class, p.getValueAsString(""), e.getMessage());
        }
    }
}
