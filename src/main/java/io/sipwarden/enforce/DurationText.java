package io.sipwarden.enforce;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import java.io.IOException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as operators write them in YAML: {@code 10m}, {@code 1h30m}, {@code 90s}, {@code 500ms}, or ISO {@code PT5M}. */
public final class DurationText {
    private static final Pattern PART = Pattern.compile("(\\d{1,9})(ms|d|h|m|s)");

    private DurationText() {
    }

    /** @throws IllegalArgumentException naming the text when it is not a duration */
    public static Duration parse(String text) {
        String s = text == null ? "" : text.strip().toLowerCase(java.util.Locale.ROOT);
        if (s.startsWith("pt") || s.startsWith("p")) {
            try {
                return Duration.parse(s.toUpperCase(java.util.Locale.ROOT));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("not a duration: '" + text + "' (examples: 90s, 10m, 1h30m, 2d)");
            }
        }
        Matcher m = PART.matcher(s);
        Duration d = Duration.ZERO;
        int at = 0;
        while (at < s.length() && m.find(at) && m.start() == at) {
            long n = Long.parseLong(m.group(1));
            d = d.plus(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            });
            at = m.end();
        }
        if (s.isEmpty() || at != s.length()) {
            throw new IllegalArgumentException("not a duration: '" + text + "' (examples: 90s, 10m, 1h30m, 2d)");
        }
        return d;
    }

    /** Jackson binding: accepts the text forms above, or a number of seconds. */
    public static final class Deserializer extends StdScalarDeserializer<Duration> {
        private static final long serialVersionUID = 1L;

        public Deserializer() {
            super(Duration.class);
        }

        @Override
        public Duration deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
            if (p.currentToken().isNumeric()) {
                return Duration.ofSeconds(p.getLongValue());
            }
            try {
                return parse(p.getValueAsString());
            } catch (IllegalArgumentException e) {
                return (Duration) ctx.handleWeirdStringValue(Duration.class, p.getValueAsString(), e.getMessage());
            }
        }
    }
}
