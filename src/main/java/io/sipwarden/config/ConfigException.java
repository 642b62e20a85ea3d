package io.sipwarden.config;

import java.util.List;

/** The configuration cannot be used; carries every error found, not just the first. */
public final class ConfigException extends Exception {

    private final transient List<ConfigError> errors;

    public ConfigException(List<ConfigError> errors) {
        super(errors.size() + " configuration error" + (errors.size() == 1 ? "" : "s") + ":\n"
                + String.join("\n", errors.stream().map(ConfigError::toString).toList()));
        this.errors = List.copyOf(errors);
    }

    public List<ConfigError> errors() {
        return errors;
    }
}
