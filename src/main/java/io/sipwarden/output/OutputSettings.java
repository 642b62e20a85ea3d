package io.sipwarden.output;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The {@code output:} section.
 *
 * @param eve           where EVE-style NDJSON goes: a file path, {@code -} for standard output,
 *                      or empty for none (default: none)
 * @param includeEvents whether every security event is written, or only decisions and alerts
 *                      (default: true)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record OutputSettings(String eve, Boolean includeEvents) {
    public OutputSettings {
        eve = eve == null ? "" : eve.strip();
        includeEvents = includeEvents == null ? Boolean.TRUE : includeEvents;
        if (eve.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("output.eve contains a NUL character");
        }
    }

    public static OutputSettings defaults() {
        return new OutputSettings(null, null);
    }

    public boolean enabled() {
        return !eve.isEmpty();
    }
}
