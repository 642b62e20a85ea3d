package io.sipwarden.audit.conf;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A {@code [name]} category with its settings in order, templates already applied (inherited
 * settings first, as Asterisk copies them when the section is opened). Several sections may share a
 * name (pjsip.conf uses {@code [alice]} for an endpoint, an auth and an aor).
 *
 * @param template true for {@code [name](!)}: a template, not an object of its own
 * @param inherits the templates named in {@code [name](a,b)}, in order
 */
public record Section(String name, boolean template, List<String> inherits, Location at, List<Setting> settings) {

    public Section {
        inherits = List.copyOf(inherits);
        settings = List.copyOf(settings);
    }

    /** The last value of {@code key} (case-insensitive), as Asterisk uses for single-valued options. */
    public Optional<Setting> get(String key) {
        Setting found = null;
        for (Setting s : settings) {
            if (s.key().equalsIgnoreCase(key)) {
                found = s;
            }
        }
        return Optional.ofNullable(found);
    }

    /** The value of {@code key}, lower-cased and trimmed, or {@code dflt} when absent. */
    public String value(String key, String dflt) {
        return get(key).map(s -> s.value().strip().toLowerCase(Locale.ROOT)).orElse(dflt);
    }

    /** Every setting of {@code key} in order (e.g. several {@code permit=} lines). */
    public List<Setting> all(String key) {
        List<Setting> out = new ArrayList<>();
        for (Setting s : settings) {
            if (s.key().equalsIgnoreCase(key)) {
                out.add(s);
            }
        }
        return out;
    }

    public boolean has(String key) {
        return get(key).isPresent();
    }
}
