package io.sipwarden.config;

import java.util.Objects;

/**
 * Thrown by a settings record's constructor to reject one of its values: the error then points
 * at that key's line, not at the record's. The message must not contain a secret.
 */
public final class SettingException extends IllegalArgumentException {

    private final String key;

    /**
     * @param key     the snake_case key within the record ({@code resolve_interval})
     * @param message what is wrong, e.g. "must be at least 10s"
     */
    public SettingException(String key, String message) {
        super(message);
        this.key = Objects.requireNonNull(key, "key");
    }

    public String key() {
        return key;
    }
}
