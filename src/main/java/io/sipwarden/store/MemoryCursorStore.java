package io.sipwarden.store;

import io.sipwarden.sensor.CursorStore;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Cursors kept in memory only: for replay, where a restart starts over anyway. */
public final class MemoryCursorStore implements CursorStore {
    private final Map<String, Cursor> cursors = new ConcurrentHashMap<>();

    @Override
    public Optional<Cursor> load(String path) {
        return Optional.ofNullable(cursors.get(path));
    }

    @Override
    public void save(Cursor cursor) {
        cursors.put(cursor.path(), cursor);
    }
}
