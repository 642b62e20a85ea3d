package io.sipwarden.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The loaded, merged and validated configuration: every registered section already bound, and
 * for every setting the file and line it came from. Immutable once loaded.
 */
public final class Configuration {

    private final List<Path> files;
    private final ObjectNode tree;
    private final Locations locations;
    private final Map<String, Object> sections;

    Configuration(List<Path> files, ObjectNode tree, Locations locations, Map<String, Object> sections) {
        this.files = List.copyOf(files);
        this.tree = tree;
        this.locations = locations;
        this.sections = Map.copyOf(sections);
    }

    /** Built-in defaults only, as when no configuration file exists. */
    public static Configuration defaults() {
        try {
            return ConfigLoader.fromFiles(List.of(), Sections.ALL);
        } catch (ConfigException e) {
            throw new IllegalStateException("built-in defaults do not validate: " + e.getMessage(), e);
        }
    }

    /** The files read, in the order they were applied (empty: built-in defaults). */
    public List<Path> files() {
        return files;
    }

    /** A registered section, bound when the configuration was loaded. */
    public <T> T section(Section<T> section) {
        return section(section.name(), section.type());
    }

    /** A registered section by name; the type must be the one it was registered with. */
    public <T> T section(String name, Class<T> type) {
        Object o = sections.get(name);
        if (o == null) {
            throw new IllegalArgumentException("section '" + name + "' is not registered in Sections.ALL");
        }
        return type.cast(o);
    }

    /**
     * Binds a section that is not in the registry (a plug-in's, a test's). Registered sections
     * are better: they are validated at start and their key is known.
     */
    public <T> T bind(String name, Class<T> type) throws ConfigException {
        Object cached = sections.get(name);
        if (cached != null && type.isInstance(cached)) {
            return type.cast(cached);
        }
        ConfigErrors errors = new ConfigErrors();
        String file = files.isEmpty() ? "" : files.getLast().toString();
        Optional<T> bound = Binder.bind(tree.get(name), name, type, locations, file, errors, false);
        if (!errors.isEmpty() || bound.isEmpty()) {
            throw errors.exception();
        }
        return bound.get();
    }

    /** Where a setting was written (the last file that set it), if it was written at all. */
    public Optional<Location> locate(String path) {
        return locations.exact(Objects.requireNonNull(path, "path"));
    }

    /**
     * "/etc/sipwarden/conf.d/10-geo.yml:4", or "built-in default" for an unwritten setting. A
     * value written through a YAML alias has no line of its own: it gets the alias's line.
     */
    public String describe(String path) {
        Optional<Location> exact = locate(path);
        if (exact.isPresent()) {
            return exact.get().toString();
        }
        return isSet(path) ? locations.nearest(path).map(Location::toString).orElse("built-in default") : "built-in default";
    }

    /** True if a file wrote this setting (or something below it). */
    public boolean isSet(String path) {
        return at(path) != null && locations.nearest(path).isPresent();
    }

    /** The node at {@code a.b[2].c}, or null. */
    private JsonNode at(String path) {
        JsonNode n = tree;
        for (String part : path.split("\\.")) {
            int bracket = part.indexOf('[');
            String key = bracket < 0 ? part : part.substring(0, bracket);
            n = n == null ? null : n.get(key);
            while (bracket >= 0 && n != null) {
                int close = part.indexOf(']', bracket);
                if (close < 0) {
                    return null;
                }
                try {
                    n = n.get(Integer.parseInt(part.substring(bracket + 1, close)));
                } catch (NumberFormatException e) {
                    return null;
                }
                bracket = part.indexOf('[', close);
            }
            if (n == null || n.isNull()) {
                return null;
            }
        }
        return n;
    }
}
