package io.sipwarden.sensor.log;

import io.sipwarden.event.SecurityEvent;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.zip.GZIPInputStream;

/**
 * The events of one finished log file (plain or gzip, or a pipe), in file order, read lazily.
 * Read as a stream: mapping the file measured no faster (docs/bench-log.md, round 4); a regular
 * file is read by {@link NativeFileInput}, which saves the JDK's copy through a direct buffer.
 */
final class FileEvents implements AutoCloseable {
    /**
     * Bytes per read: 128 KB measured ≈ 2 % faster per pass than 64 KB and 4 % faster than 32 KB
     * (ReplayAB, docs/bench-log.md round 7); larger reads gave nothing more.
     */
    private static final int CHUNK = 1 << 17;

    private final Path path;
    private final InputStream in;
    private final LogLineParser parser;
    private final LineSplitter splitter;
    private final LogStats stats = new LogStats();
    /** Events, and {@link Repeat}s for the replay's de-duplicator to resolve. */
    private final ArrayDeque<Object> ready = new ArrayDeque<>();
    private final byte[] chunk = new byte[CHUNK];
    private final LineSplitter.Sink sink;
    private boolean eof;

    FileEvents(Path path, LogFormat format, InstantSource clock, int maxLineBytes) throws IOException {
        this.path = path;
        this.in = open(path);
        this.parser = new LogLineParser(LogNames.logicalName(path), format, clock);
        parser.readRepeats();
        this.splitter = new LineSplitter(maxLineBytes, stats, 0);
        this.sink = new ParsingSink(parser, stats) {
            @Override
            void deliver(SecurityEvent event) {
                ready.add(event);
            }

            @Override
            void deliver(Repeat repeat) {
                ready.add(repeat);
            }
        };
    }

    private static InputStream open(Path path) throws IOException {
        InputStream direct = NativeFileInput.open(path); // a regular file without the JDK's extra copy
        InputStream raw = new BufferedInputStream(direct != null ? direct : Files.newInputStream(path), CHUNK);
        try {
            raw.mark(2);
            int b0 = raw.read();
            int b1 = raw.read();
            raw.reset();
            if (b0 == 0x1f && b1 == 0x8b) {
                return new GZIPInputStream(raw, CHUNK);
            }
            return raw;
        } catch (IOException | RuntimeException e) {
            raw.close(); // a file that cannot be read (or a broken gzip header) keeps no descriptor
            throw e;
        }
    }

    Path path() {
        return path;
    }

    LogStats stats() {
        return stats;
    }

    /** The next event or {@link Repeat}, or null at the end of the file. */
    Object next() {
        while (ready.isEmpty() && !eof) {
            try {
                int n = in.read(chunk);
                if (n < 0) {
                    eof = true;
                    splitter.finish(sink);
                } else {
                    splitter.feed(chunk, 0, n, sink);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("reading " + path + ": " + e.getMessage(), e);
            }
        }
        return ready.poll();
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            // closing a file we only read: nothing is lost
        }
    }
}
