package io.sipwarden.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Map;

/**
 * One configuration file as a tree, with the line of every key and list element.
 *
 * @param lines setting path ({@code policy.trusted.networks[0]}) to 1-based line
 */
record ParsedFile(Path file, ObjectNode root, Map<String, Integer> lines) {

    Locations locations() {
        Locations l = new Locations();
        lines.forEach((path, line) -> l.put(path, new Location(file, line)));
        return l;
    }
}
