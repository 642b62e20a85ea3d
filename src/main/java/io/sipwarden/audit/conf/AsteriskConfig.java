package io.sipwarden.audit.conf;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The config files the audit reads from one Asterisk config directory, each read on its own so a
 * broken file never hides the others. FreePBX's {@code *_custom.conf} / {@code *_additional.conf}
 * come in through the {@code #include} lines of the main files.
 */
public final class AsteriskConfig {

    /** Files the checks look at; anything else in the directory is ignored. */
    public static final List<String> FILES = List.of(
            "sip.conf", "pjsip.conf", "pjsip_wizard.conf", "iax.conf", "manager.conf", "http.conf", "ari.conf",
            "acl.conf", "extensions.conf", "modules.conf", "logger.conf", "asterisk.conf",
            "mgcp.conf", "skinny.conf", "unistim.conf", "ooh323.conf", "dundi.conf");

    private final Path root;
    private final Map<String, ConfFile> files;

    private AsteriskConfig(Path root, Map<String, ConfFile> files) {
        this.root = root;
        this.files = files;
    }

    /** Reads every file of {@link #FILES} that exists under {@code dir}. */
    public static AsteriskConfig read(Path dir) {
        ConfReader reader = new ConfReader(dir);
        Map<String, ConfFile> m = new LinkedHashMap<>();
        for (String f : FILES) {
            m.put(f, reader.read(f));
        }
        return new AsteriskConfig(reader.root(), m);
    }

    public Path root() {
        return root;
    }

    /** The named file; never null (an absent file has no sections). */
    public ConfFile file(String name) {
        ConfFile f = files.get(name);
        return f != null ? f : ConfFile.absent(name, root.resolve(name));
    }

    /** Every problem met while reading, file by file. */
    public List<ConfProblem> problems() {
        List<ConfProblem> out = new ArrayList<>();
        files.values().forEach(f -> out.addAll(f.problems()));
        return out;
    }

    public int sectionCount() {
        return files.values().stream().mapToInt(f -> f.sections().size()).sum();
    }
}
