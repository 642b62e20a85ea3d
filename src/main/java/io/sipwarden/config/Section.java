package io.sipwarden.config;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A top-level configuration section and the settings record it binds to.
 *
 * @param name the key in sipwarden.yml ({@code policy}, {@code logs}, ...)
 * @param type a record; missing values arrive as null and its compact constructor fills defaults
 */
public record Section<T>(String name, Class<T> type) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

    public Section {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("section name must be snake_case: " + name);
        }
    }
}
