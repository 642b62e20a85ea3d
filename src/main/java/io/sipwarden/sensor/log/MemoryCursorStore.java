package io.sipwarden.sensor.log;

import io.sipwarden.sensor.CursorStore;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link CursorStore} in memory: for replay and tests (a restart forgets everything). */
public final class MemoryCursorStore implements CursorStore {
    private final Map<String, Cursor> cursors = new ConcurrentHashMap<>();

    @Override
    public Optional<Cursor> load(String path) {
        return Optional.ofNullable(cursors.get(path));
    }

    @Override
    public void save(Cursor cursor) {
        Objects.requireNonNull(cursor, "cursor");
        cursors.put(cursor.path(), cursor);
    }
}
