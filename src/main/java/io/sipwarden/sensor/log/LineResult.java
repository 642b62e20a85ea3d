package io.sipwarden.sensor.log;

import io.sipwarden.event.SecurityEvent;
import java.util.List;
import java.util.Objects;

/** What one log line meant: security events, a known harmless line, or nothing we understand. */
public sealed interface LineResult {

    /** A line that produced events (usually exactly one); {@code pattern} names the shape. */
    record Parsed(LinePattern pattern, List<SecurityEvent> events) implements LineResult {
        public Parsed {
            Objects.requireNonNull(pattern, "pattern");
            events = List.copyOf(events);
        }
    }

    /**
     * A known line with no security meaning of its own (ChallengeSent, VERBOSE, the first of
     * the two AMI login-failure lines, a chan_sip line without a trustworthy address).
     */
    record Recognized(LinePattern pattern) implements LineResult {
        private static final Recognized[] SHARED = java.util.Arrays.stream(LinePattern.values())
                .map(Recognized::new).toArray(Recognized[]::new);

        public Recognized {
            Objects.requireNonNull(pattern, "pattern");
        }

        /** The shared instance for a pattern (hot path: no allocation). */
        public static Recognized of(LinePattern pattern) {
            return SHARED[pattern.ordinal()];
        }
    }

    /** A line no pattern understood, or that was malformed or ambiguous; counted, never fatal. */
    record Unmatched(String why) implements LineResult {
        public Unmatched {
            Objects.requireNonNull(why, "why");
        }
    }
}
