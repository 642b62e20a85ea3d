package io.sipwarden.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
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
        List<ConfigError> errors = new ArrayList<>();
        String file = files.isEmpty() ? "" : files.getLast().toString();
        Optional<T> bound = Binder.bind(tree.get(name), name, type, locations, file, errors);
        if (!errors.isEmpty() || bound.isEmpty()) {
            throw new ConfigException(errors);
        }
        return bound.get();
    }

    /** Where a setting was written (the last file that set it), if it was written at all. */
    public Optional<Location> locate(String path) {
        return locations.exact(Objects.requireNonNull(path, "path"));
    }

    /** "/etc/sipwarden/conf.d/10-geo.yml:4", or "built-in default" for an unwritten setting. */
    public String describe(String path) {
        return locate(path).map(Location::toString).orElse("built-in default");
    }

    /** True if any file wrote this setting or something below it. */
    public boolean isSet(String path) {
        return locations.nearest(path).isPresent() && at(path) != null;
    }

    private JsonNode at(String dotted) {
        JsonNode n = tree;
        for (String part : dotted.split("\\.")) {
            if (n == null) {
                return null;
            }
            n = n.get(part);
        }
        return n;
    }
}
