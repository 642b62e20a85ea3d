package io.sipwarden.audit.conf;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One Asterisk config file with its includes resolved: its sections in order of appearance.
 *
 * @param present false when the file does not exist (Asterisk then uses its built-in defaults)
 */
public record ConfFile(String name, Path path, boolean present, List<Section> sections, List<ConfProblem> problems) {

    public ConfFile {
        sections = List.copyOf(sections);
        problems = List.copyOf(problems);
    }

    static ConfFile absent(String name, Path path) {
        return new ConfFile(name, path, false, List.of(), List.of());
    }

    /** Non-template sections named {@code name} (case-insensitive), in order. */
    public List<Section> sections(String name) {
        List<Section> out = new ArrayList<>();
        for (Section s : sections) {
            if (!s.template() && s.name().equalsIgnoreCase(name)) {
                out.add(s);
            }
        }
        return out;
    }

    /** The first non-template section of that name, or null. */
    public Section first(String name) {
        List<Section> l = sections(name);
        return l.isEmpty() ? null : l.getFirst();
    }

    /** All non-template sections. */
    public List<Section> objects() {
        return sections.stream().filter(s -> !s.template()).toList();
    }
}
