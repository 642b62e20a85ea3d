package io.sipwarden.audit;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalInt;

/**
 * The {@code audit:} section: whether the daemon audits the Asterisk configuration and re-audits
 * it when it changes.
 *
 * @param enabled         default true (skipped with one log line when the directory is absent)
 * @param configDir       default {@code /etc/asterisk}
 * @param debounce        quiet time after the last change before re-running; default {@code 2s}
 * @param asteriskVersion major version when it cannot be detected (e.g. "20"); default "" = detect
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record AuditSettings(Boolean enabled, String configDir, String debounce, String asteriskVersion) {
    public AuditSettings {
        enabled = enabled == null ? Boolean.TRUE : enabled;
        configDir = configDir == null || configDir.isBlank() ? "/etc/asterisk" : configDir.strip();
        debounce = debounce == null ? "2s" : debounce;
        asteriskVersion = asteriskVersion == null ? "" : asteriskVersion.strip();
        Duration d = io.sipwarden.time.DurationText.parse(debounce);
        if (d.isNegative() || d.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("audit.debounce must be between 0s and 10m: " + debounce);
        }
        if (!asteriskVersion.isEmpty() && AsteriskVersion.parse(asteriskVersion).isEmpty()) {
            throw new IllegalArgumentException("audit.asterisk_version: not a version: '" + asteriskVersion + "'");
        }
    }

    public static AuditSettings defaults() {
        return new AuditSettings(null, null, null, null);
    }

    public Path dir() {
        return Path.of(configDir);
    }

    public Duration debounceTime() {
        return io.sipwarden.time.DurationText.parse(debounce);
    }

    public OptionalInt major() {
        return asteriskVersion.isEmpty() ? OptionalInt.empty() : AsteriskVersion.parse(asteriskVersion);
    }
}
