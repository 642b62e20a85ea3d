package io.sipwarden.audit.dialplan;

import io.sipwarden.audit.conf.Location;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A dialplan context: its extensions and its {@code include =>} lines (same-named sections merged). */
public final class Context {

    /** An {@code include => name} line. */
    public record Include(String name, Location at) {
    }

    private final String name;
    private final Location at;
    private final Map<String, Extension> extensions = new LinkedHashMap<>();
    private final List<Include> includes = new ArrayList<>();

    Context(String name, Location at) {
        this.name = name;
        this.at = at;
    }

    public String name() {
        return name;
    }

    public Location at() {
        return at;
    }

    public List<Extension> extensions() {
        return List.copyOf(extensions.values());
    }

    Iterable<Extension> extensionView() {
        return extensions.values();
    }

    public List<Include> includes() {
        return includes;
    }

    Extension extension(String ext, Location at) {
        return extensions.computeIfAbsent(ext, e -> new Extension(e, at));
    }

    void include(Include i) {
        includes.add(i);
    }

    public boolean isEmpty() {
        return extensions.isEmpty() && includes.isEmpty();
    }
}
