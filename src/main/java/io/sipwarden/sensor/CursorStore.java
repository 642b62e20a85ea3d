package io.sipwarden.sensor;

import java.util.Optional;

/**
 * Persists how far each followed file has been read, so a restart neither loses nor
 * double-counts a line. Implemented by the store (SQLite) and by an in-memory map for replay.
 */
public interface CursorStore {

    /**
     * @param path     the followed path as configured
     * @param fileKey  identity of the file that was being read (device:inode), so a rotated
     *                 file is not mistaken for the old one
     * @param offset   byte offset just after the last complete line handed to the sink; saved
     *                 through {@link EventSink#afterPrevious}, once the sink has processed the
     *                 events of the lines before it
     * @param headHash hash of the file's first bytes, to detect copytruncate + regrowth
     */
    record Cursor(String path, String fileKey, long offset, long headHash) {
    }

    Optional<Cursor> load(String path);

    void save(Cursor cursor);
}
