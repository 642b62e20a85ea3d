package io.sipwarden.config;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Setting path to where it was written; finds the nearest written ancestor of a path. */
final class Locations {

    private final TreeMap<String, Location> byPath = new TreeMap<>();

    void put(String path, Location location) {
        byPath.put(path, location);
    }

    Optional<Location> exact(String path) {
        return Optional.ofNullable(byPath.get(path));
    }

    /** The location of the path, or of its closest ancestor that was written in a file. */
    Optional<Location> nearest(String path) {
        String p = path;
        while (!p.isEmpty()) {
            Location l = byPath.get(p);
            if (l != null) {
                return Optional.of(l);
            }
            p = SettingPaths.parent(p);
        }
        return Optional.empty();
    }

    /** Forgets the path and everything below it (a later file replaced it). */
    void removeUnder(String path) {
        byPath.keySet().removeIf(k -> SettingPaths.isSelfOrBelow(k, path));
    }

    /** Copies the path and everything below it from another map. */
    void copyUnder(Locations from, String path) {
        for (Map.Entry<String, Location> e : from.byPath.entrySet()) {
            if (SettingPaths.isSelfOrBelow(e.getKey(), path)) {
                byPath.put(e.getKey(), e.getValue());
            }
        }
    }
}
