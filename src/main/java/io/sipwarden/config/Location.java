package io.sipwarden.config;

import java.nio.file.Path;
import java.util.Objects;

/** Where a setting was written: a configuration file and a 1-based line. */
public record Location(Path file, int line) {

    public Location {
        Objects.requireNonNull(file, "file");
    }

    /** {@code /etc/sipwarden/conf.d/10-geo.yml:4}, the form editors and compilers understand. */
    @Override
    public String toString() {
        return file + ":" + line;
    }
}
