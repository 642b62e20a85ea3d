package io.sipwarden.config;

import java.util.Objects;
import java.util.Optional;

/**
 * One thing wrong with the configuration. The message names the setting and what is wrong with
 * it; it never contains the value of a secret.
 *
 * @param location where the setting was written; empty when the error is about a built-in default
 *                 or the file as a whole has no line (then {@code file} still says which file)
 * @param file     the file concerned, or "" when none
 * @param setting  the setting's dotted path, e.g. {@code policy.trusted.networks[2]}; "" for the file
 */
public record ConfigError(Optional<Location> location, String file, String setting, String message) {

    public ConfigError {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(setting, "setting");
        Objects.requireNonNull(message, "message");
    }

    static ConfigError at(Location location, String setting, String message) {
        return new ConfigError(Optional.of(location), location.file().toString(), setting, message);
    }

    /** {@code file:line: setting.path: what is wrong}. */
    @Override
    public String toString() {
        String where = location.map(Location::toString).orElse(file.isEmpty() ? "(built-in defaults)" : file);
        return setting.isEmpty() ? where + ": " + message : where + ": " + setting + ": " + message;
    }
}
