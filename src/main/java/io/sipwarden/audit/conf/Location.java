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
        String f = fileShown(root);
        return line > 0 ? f + ":" + line : f;
    }

    /** The file relative to {@code root} when inside it, else the absolute path. */
    public String fileShown(Path root) {
        return root != null && file.startsWith(root) ? root.relativize(file).toString() : file.toString();
    }

    @Override
    public String toString() {
        return line > 0 ? file + ":" + line : file.toString();
    }
}
