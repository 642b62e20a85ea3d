package io.sipwarden.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds, reads, validates and merges the configuration: the main file, then every
 * {@code conf.d/*.yml} beside it in name order (later wins). Each file is validated on its own
 * (keys, kinds, formats: every mistake in every file, with its exact line); then the merged
 * result is bound, which also runs the records' own range and cross-key checks on the values
 * in effect, located in the file that set them last.
 * No file at all means built-in defaults: the daemon starts with zero setup.
 */
public final class ConfigLoader {

    public static final Path DEFAULT_FILE = Path.of("/etc/sipwarden/sipwarden.yml");

    private ConfigLoader() {
    }

    /**
     * @param explicit the {@code --config} file, or null for {@link #DEFAULT_FILE}. An explicit
     *                 file must exist; the default one may be absent.
     */
    public static Configuration load(Path explicit) throws ConfigException {
        return load(explicit == null ? DEFAULT_FILE : explicit, explicit != null, Sections.ALL);
    }

    static Configuration load(Path main, boolean mustExist, List<Section<?>> registry) throws ConfigException {
        List<Path> files = new ArrayList<>();
        if (Files.exists(main)) {
            files.add(main);
        } else if (mustExist) {
            throw new ConfigException(List.of(new ConfigError(Optional.empty(), main.toString(), "", "no such file")));
        }
        Path dropIns = main.toAbsolutePath().getParent().resolve("conf.d");
        if (!Files.isDirectory(dropIns) && (Files.exists(dropIns) || Files.isSymbolicLink(dropIns))) {
            // A file, or a link to nothing, where the drop-in directory belongs: its settings were
            // meant to apply, and skipping it unsaid started the daemon without them.
            throw new ConfigException(List.of(new ConfigError(Optional.empty(), dropIns.toString(), "",
                    "is not a directory; drop-in files go in a directory conf.d beside " + main.getFileName())));
        }
        if (Files.isDirectory(dropIns)) {
            try (Stream<Path> s = Files.list(dropIns)) {
                s.filter(ConfigLoader::isDropIn).sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()))
                        .forEach(files::add);
            } catch (IOException e) {
                throw new ConfigException(List.of(new ConfigError(Optional.empty(), dropIns.toString(), "", "cannot list: " + e.getClass().getSimpleName())));
            }
        }
        return fromFiles(files, registry);
    }

    static Configuration fromFiles(List<Path> files, List<Section<?>> registry) throws ConfigException {
        ConfigErrors errors = new ConfigErrors();
        List<ParsedFile> parsed = new ArrayList<>();
        for (Path f : files) {
            YamlReader.read(f, errors).ifPresent(parsed::add);
        }
        return fromParsed(files, parsed, errors, registry);
    }

    static Configuration fromParsed(List<Path> files, List<ParsedFile> parsed, ConfigErrors errors,
                                    List<Section<?>> registry) throws ConfigException {
        Map<String, Section<?>> byName = new HashMap<>();
        registry.forEach(s -> byName.put(s.name(), s));
        for (ParsedFile f : parsed) {
            validate(f, byName, errors);
        }
        if (!errors.isEmpty()) {
            throw errors.exception();
        }
        ObjectNode merged = JsonNodeFactory.instance.objectNode();
        Locations locations = new Locations();
        for (ParsedFile f : parsed) {
            TreeMerge.merge(merged, locations, f.root(), f.locations(), "");
        }
        Map<String, Object> bound = new HashMap<>();
        String lastFile = files.isEmpty() ? "" : files.getLast().toString();
        for (Section<?> s : registry) {
            Binder.bind(merged.get(s.name()), s.name(), s.type(), locations, lastFile, errors, false)
                    .ifPresent(v -> bound.put(s.name(), v));
        }
        if (!errors.isEmpty()) {
            throw errors.exception();
        }
        return new Configuration(files, merged, locations, bound);
    }

    /** One file on its own: known sections, each bound to its record, secrets given once. */
    private static void validate(ParsedFile f, Map<String, Section<?>> registry, ConfigErrors errors) {
        Locations locations = f.locations();
        for (Map.Entry<String, JsonNode> e : f.root().properties()) {
            Section<?> s = registry.get(e.getKey());
            Location where = locations.exact(e.getKey()).orElse(new Location(f.file(), 1));
            if (s == null) {
                List<String> known = registry.keySet().stream().sorted().toList();
                errors.add(ConfigError.at(where, e.getKey(), "unknown section (known: " + String.join(", ", known) + ")"));
                continue;
            }
            long before = errors.count();
            checkTree(e.getValue(), e.getKey(), locations, errors);
            if (errors.count() == before) {
                Binder.bind(e.getValue(), s.name(), s.type(), locations, f.file().toString(), errors, true);
            }
        }
    }

    /**
     * What binding would get wrong or report vaguely: {@code x} and {@code x_file} in one map
     * (say so instead of silently taking one), and empty list entries ({@code - } or {@code ~}).
     */
    private static void checkTree(JsonNode node, String path, Locations locations, ConfigErrors errors) {
        if (node instanceof ObjectNode o) {
            for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                String childPath = SettingPaths.child(path, key);
                if (key.endsWith("_file") && o.has(key.substring(0, key.length() - 5))) {
                    locations.exact(childPath).ifPresent(l -> errors.add(ConfigError.at(l, childPath,
                            "give either " + key.substring(0, key.length() - 5) + " or " + key + ", not both")));
                }
                checkTree(o.get(key), childPath, locations, errors);
            }
        } else if (node != null && node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String element = SettingPaths.element(path, i);
                if (node.get(i).isNull()) {
                    locations.exact(element).ifPresent(l -> errors.add(ConfigError.at(l, element, "empty list entry")));
                }
                checkTree(node.get(i), element, locations, errors);
            }
        }
    }

    /**
     * Files, and also directories and dangling links named like one: skipping those unsaid hid a
     * drop-in the user meant to apply; reading them reports what is wrong.
     */
    private static boolean isDropIn(Path p) {
        String name = p.getFileName().toString();
        return !name.startsWith(".") && (name.endsWith(".yml") || name.endsWith(".yaml"))
                && (Files.isRegularFile(p) || Files.isDirectory(p) || (Files.isSymbolicLink(p) && !Files.exists(p)));
    }
}
