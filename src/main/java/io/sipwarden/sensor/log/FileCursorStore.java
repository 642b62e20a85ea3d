package io.sipwarden.sensor.log;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sipwarden.sensor.CursorStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A {@link CursorStore} in one small JSON file, rewritten atomically (temp file + rename) on
 * every save. For tests and single-box setups without the database; the daemon uses the store.
 */
public final class FileCursorStore implements CursorStore {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final Map<String, Cursor> cursors = new TreeMap<>();

    /**
     * @throws UncheckedIOException if the file exists but cannot be read or is not a cursor file
     */
    public FileCursorStore(Path file) {
        this.file = Objects.requireNonNull(file, "file");
        if (Files.exists(file)) {
            try {
                cursors.putAll(JSON.readValue(file.toFile(), new TypeReference<Map<String, Cursor>>() { }));
            } catch (IOException e) {
                throw new UncheckedIOException("cursor file " + file + " is unreadable: " + e.getMessage(), e);
            }
        }
    }

    @Override
    public synchronized Optional<Cursor> load(String path) {
        return Optional.ofNullable(cursors.get(path));
    }

    @Override
    public synchronized void save(Cursor cursor) {
        Objects.requireNonNull(cursor, "cursor");
        cursors.put(cursor.path(), cursor);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            JSON.writeValue(tmp.toFile(), cursors);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write cursor file " + file + ": " + e.getMessage(), e);
        }
    }
}
