package io.sipwarden.sensor.log;

import io.sipwarden.event.SecurityEvent;
import io.sipwarden.sensor.CursorStore;
import io.sipwarden.sensor.CursorStore.Cursor;
import io.sipwarden.sensor.EventSink;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;

/**
 * One followed path, like {@code tail -F}: survives rename rotation (finishes the old file,
 * then opens the new one), copytruncate (starts over when the file shrinks or its first bytes
 * change), files that appear later, and partial last lines (held until their newline).
 * The file's identity is device + inode; the cursor stores it with the offset after the last
 * complete line and a hash of the first bytes. Used by one thread.
 */
final class FollowedFile implements AutoCloseable {
    static final int HEAD_BYTES = 4096;
    private static final int CHUNK = 1 << 16;

    private final Path path;
    private final String pathKey;
    private final LogLineParser parser;
    private final CursorStore cursors;
    private final LogStats stats;
    private final int maxLineBytes;
    private final boolean fromBeginning;
    private final byte[] chunk = new byte[CHUNK];
    private final ByteBuffer buffer = ByteBuffer.wrap(chunk);
    private FileChannel channel;
    private String fileKey = "";
    private long headHash;
    private long readPosition;
    private long savedOffset = -1;
    private LineSplitter splitter;
    private boolean firstOpen = true;
    private volatile String state = "waiting for the file";

    FollowedFile(Path path, LogFormat format, CursorStore cursors, InstantSource clock, LogStats stats,
            int maxLineBytes, boolean fromBeginning) {
        this.path = path;
        this.pathKey = path.toString();
        this.parser = new LogLineParser(LogNames.logicalName(path), format, clock);
        this.cursors = cursors;
        this.stats = stats;
        this.maxLineBytes = maxLineBytes;
        this.fromBeginning = fromBeginning;
    }

    Path path() {
        return path;
    }

    String state() {
        return state;
    }

    /** Reads everything new; returns the number of bytes consumed. */
    long poll(EventSink sink) throws IOException {
        String current = identity(path);
        long before = readPosition;
        if (channel != null && (current == null || !current.equals(fileKey))) {
            // Renamed away (rotation) or deleted: finish the old file, then switch.
            readToEnd(sink);
            splitter.finish(delivery(sink));
            closeChannel();
            state = current == null ? "waiting for the file (rotated away)" : "rotated";
        }
        if (channel == null) {
            if (current == null) {
                firstOpen = false; // it did not exist at the first look: when it appears, read it whole
                return 0;
            }
            open(current, sink);
            before = readPosition;
        }
        long size = channel.size();
        long h = headHash == 0 ? 0 : head();
        if (size < readPosition || (h != 0 && h != headHash)) {
            // copytruncate: the file was emptied (and maybe refilled): start over.
            restartAt(0);
            headHash = head();
            state = "truncated; reading from the start";
        }
        readToEnd(sink);
        saveCursor(sink);
        return readPosition - before;
    }

    private void open(String key, EventSink sink) throws IOException {
        if (firstOpen) {
            finishRotatedWhileDown(key, sink);
        }
        channel = FileChannel.open(path, StandardOpenOption.READ);
        fileKey = key;
        long size = channel.size();
        headHash = head();
        long start = 0;
        Optional<Cursor> saved = cursors.load(pathKey);
        if (saved.isPresent() && saved.get().fileKey().equals(key) && saved.get().offset() <= size
                && (saved.get().headHash() == 0 || saved.get().headHash() == headHash)) {
            start = saved.get().offset(); // same file as the cursor's: resume after the last delivered line
        } else if (firstOpen && saved.isEmpty() && !fromBeginning) {
            start = lastLineStart(size); // first run ever: like tail -F, only new lines
        }
        // otherwise a new file (rotated, replaced, appeared later): from its first byte
        firstOpen = false;
        restartAt(start);
        state = "following";
    }

    /**
     * The log was rotated while we were not running: the cursor names a file that is no longer at
     * the path. If it is still next to it under a rotated name (messages.1, messages-20261121;
     * compressed ones cannot be matched by inode), read its rest from the cursor first, so the
     * restart loses nothing.
     */
    private void finishRotatedWhileDown(String currentKey, EventSink sink) throws IOException {
        Optional<Cursor> saved = cursors.load(pathKey);
        Path dir = path.toAbsolutePath().getParent();
        Path name = path.getFileName();
        if (saved.isEmpty() || saved.get().fileKey().equals(currentKey) || dir == null || name == null) {
            return;
        }
        String base = name.toString();
        try (var siblings = Files.list(dir)) {
            for (Path p : siblings.filter(x -> x.getFileName().toString().startsWith(base)
                    && !x.getFileName().toString().equals(base)).toList()) {
                if (!saved.get().fileKey().equals(identity(p))) {
                    continue;
                }
                try (FileChannel old = FileChannel.open(p, StandardOpenOption.READ)) {
                    if (old.size() < saved.get().offset()) {
                        return; // not the same content any more
                    }
                    LineSplitter rest = new LineSplitter(maxLineBytes, stats, saved.get().offset());
                    long pos = saved.get().offset();
                    while (true) {
                        buffer.clear();
                        int n = old.read(buffer, pos);
                        if (n <= 0) {
                            break;
                        }
                        pos += n;
                        rest.feed(chunk, 0, n, delivery(sink));
                    }
                    rest.finish(delivery(sink));
                    state = "finished " + p.getFileName() + " (rotated while stopped)";
                }
                return;
            }
        }
    }

    private void restartAt(long offset) {
        readPosition = offset;
        splitter = new LineSplitter(maxLineBytes, stats, offset);
        savedOffset = -1;
    }

    private void readToEnd(EventSink sink) throws IOException {
        while (true) {
            buffer.clear();
            int n = channel.read(buffer, readPosition);
            if (n <= 0) {
                return;
            }
            readPosition += n;
            splitter.feed(chunk, 0, n, delivery(sink));
        }
    }

    /** A splitter sink that delivers this file's events to {@code sink}. */
    private LineSplitter.Sink delivery(EventSink sink) {
        return new ParsingSink(parser, stats) {
            @Override
            void deliver(SecurityEvent event) {
                sink.accept(event);
            }
        };
    }

    /**
     * Saves the position once the events of the lines before it are processed (through the sink),
     * so a crash in between re-reads those lines rather than skipping them.
     */
    private void saveCursor(EventSink sink) {
        long offset = splitter.consumed();
        if (offset != savedOffset) {
            if (headHash == 0) {
                try {
                    headHash = head();
                } catch (IOException e) {
                    headHash = 0;
                }
            }
            Cursor cursor = new Cursor(pathKey, fileKey, offset, headHash);
            sink.afterPrevious(() -> cursors.save(cursor));
            savedOffset = offset;
        }
    }

    /** Offset just after the last newline before {@code size} (0 if none in the last chunk). */
    private long lastLineStart(long size) throws IOException {
        long from = Math.max(0, size - CHUNK);
        buffer.clear();
        int n = channel.read(buffer, from);
        for (int i = n - 1; i >= 0; i--) {
            if (chunk[i] == '\n') {
                return from + i + 1;
            }
        }
        return from == 0 ? 0 : size;
    }

    /**
     * FNV-1a over the file's first line (at most {@link #HEAD_BYTES}), or 0 while that line is
     * incomplete. The first line of an Asterisk log carries a timestamp and does not change
     * once written, so a different hash means the file was truncated and written again.
     */
    private long head() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(HEAD_BYTES);
        while (b.hasRemaining() && channel.read(b, b.position()) > 0) {
            // keep reading until HEAD_BYTES or EOF
        }
        int end = -1;
        for (int i = 0; i < b.position(); i++) {
            if (b.get(i) == '\n') {
                end = i + 1;
                break;
            }
        }
        if (end < 0) {
            if (b.position() < HEAD_BYTES) {
                return 0;
            }
            end = HEAD_BYTES;
        }
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < end; i++) {
            h ^= b.get(i) & 0xff;
            h *= 0x100000001b3L;
        }
        return h == 0 ? 1 : h;
    }

    /** device:inode of the file at {@code p}, or null if there is none. */
    static String identity(Path p) throws IOException {
        try {
            Map<String, Object> a = Files.readAttributes(p, "unix:dev,ino");
            return a.get("dev") + ":" + a.get("ino");
        } catch (NoSuchFileException e) {
            return null;
        } catch (UnsupportedOperationException e) {
            Object k = Files.readAttributes(p, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
            return k == null ? "" : k.toString();
        }
    }

    private void closeChannel() {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            // read-only channel: nothing to flush
        }
        channel = null;
    }

    @Override
    public void close() {
        closeChannel();
    }
}
