package io.sipwarden.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Lays a later file over the settings so far: maps merge key by key, lists and scalars
 * replace, and the locations follow the values. Two special cases: an empty key (YAML null) in
 * a later file does not wipe a map (a drop-in whose lines are all commented out changes
 * nothing), and {@code x_file} replaces {@code x} and vice versa (a secret's two forms).
 */
final class TreeMerge {
    private TreeMerge() {
    }

    static void merge(ObjectNode into, Locations intoLocations, ObjectNode from, Locations fromLocations, String path) {
        List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
        from.properties().forEach(fields::add);
        for (Map.Entry<String, JsonNode> e : fields) {
            String key = e.getKey();
            JsonNode value = e.getValue();
            String childPath = SettingPaths.child(path, key);
            JsonNode existing = into.get(key);
            if (existing instanceof ObjectNode target && value instanceof ObjectNode source) {
                fromLocations.exact(childPath).ifPresent(l -> intoLocations.put(childPath, l));
                merge(target, intoLocations, source, fromLocations, childPath);
                continue;
            }
            if (existing instanceof ObjectNode && value.isNull()) {
                continue;
            }
            String twin = key.endsWith("_file") ? key.substring(0, key.length() - "_file".length()) : key + "_file";
            if (into.has(twin)) {
                into.remove(twin);
                intoLocations.removeUnder(SettingPaths.child(path, twin));
            }
            into.set(key, value.deepCopy());
            intoLocations.removeUnder(childPath);
            intoLocations.copyUnder(fromLocations, childPath);
        }
    }
}
