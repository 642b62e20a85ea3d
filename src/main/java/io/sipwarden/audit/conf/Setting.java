package io.sipwarden.audit.conf;

import java.util.Objects;

/**
 * One {@code key = value} (or {@code key => value}) line of a section, in file order. Values are
 * trimmed, comments removed and {@code \;} unescaped. A setting copied from a template keeps the
 * template's location, so evidence points at the line that really holds the value.
 *
 * @param object true when written with {@code =>} (Asterisk calls these objects; same meaning here)
 */
public record Setting(String key, String value, boolean object, Location at) {
    public Setting {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(at, "at");
    }

    Setting withValue(String v) {
        return new Setting(key, v, object, at);
    }
}
