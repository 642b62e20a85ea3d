package io.sipwarden.audit.conf;

import java.nio.file.Path;
import java.util.Objects;

/** Where a line of configuration came from: the file (as found, after includes) and its 1-based line. */
public record Location(Path file, int line) {
    public Location {
        Objects.requireNonNull(file, "file");
    }

    /** The file name relative to {@code root} when inside it, else the absolute path, then ":line". */
    public String shown(Path root) {
        Path f = file;
        if (root != null && f.startsWith(root)) {
            f = root.relativize(f);
        }
        return line > 0 ? f + ":" + line : f.toString();
    }

    @Override
    public String toString() {
        return line > 0 ? file + ":" + line : file.toString();
    }
}
