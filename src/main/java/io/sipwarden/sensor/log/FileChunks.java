package io.sipwarden.sensor.log;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.GZIPInputStream;

/**
 * The bytes of a finished log file in chunks. A plain file is memory-mapped and each chunk is
 * one copy out of the page cache; reading it through a stream costs two copies (the kernel's
 * into a native buffer, then the JDK's into the array) and a system call per chunk, about 8 %
 * of a replay (docs/bench-log.md). A gzip file, an empty one (procfs files report size 0), a
 * pipe or device, or anything that cannot be mapped is read as a stream. Not thread-safe.
 */
sealed interface FileChunks extends AutoCloseable permits FileChunks.Mapped, FileChunks.Streamed {

    /** Fills {@code chunk} from index 0: the number of bytes, or -1 at the end of the file. */
    int read(byte[] chunk) throws IOException;

    @Override
    void close();

    static FileChunks open(Path path, int bufferSize) throws IOException {
        if (!Files.isRegularFile(path)) {
            return streamed(Files.newInputStream(path), bufferSize); // a pipe or device: no position to map or seek
        }
        FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
        try {
            ByteBuffer magic = ByteBuffer.allocate(2);
            while (magic.hasRemaining() && ch.read(magic, magic.position()) > 0) {
                // a short read of a regular file only happens at its end
            }
            boolean gzip = magic.position() == 2 && magic.get(0) == (byte) 0x1f && magic.get(1) == (byte) 0x8b;
            long size = ch.size();
            if (!gzip && size > 0) {
                Arena arena = Arena.ofShared(); // the source may be opened on one thread and read on another
                try {
                    return new Mapped(ch, arena, ch.map(FileChannel.MapMode.READ_ONLY, 0, size, arena));
                } catch (IOException | UnsupportedOperationException e) {
                    arena.close(); // not mappable (some file systems): read it instead
                }
            }
            return streamed(Channels.newInputStream(ch.position(0)), bufferSize);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** A stream, gunzipped if it starts with gzip's magic bytes. */
    private static FileChunks streamed(InputStream in, int bufferSize) throws IOException {
        InputStream raw = new BufferedInputStream(in, bufferSize);
        try {
            raw.mark(2);
            int b0 = raw.read();
            int b1 = raw.read();
            raw.reset();
            return new Streamed(b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(raw, bufferSize) : raw);
        } catch (IOException | RuntimeException e) {
            Streamed.closeQuietly(raw);
            throw e;
        }
    }

    /** A mapped plain file; the mapping is released on close. */
    final class Mapped implements FileChunks {
        private final FileChannel channel;
        private final Arena arena;
        private final MemorySegment bytes;
        private long position;

        Mapped(FileChannel channel, Arena arena, MemorySegment bytes) {
            this.channel = channel;
            this.arena = arena;
            this.bytes = bytes;
        }

        @Override
        public int read(byte[] chunk) throws IOException {
            long left = bytes.byteSize() - position;
            if (left <= 0) {
                return -1;
            }
            int n = (int) Math.min(chunk.length, left);
            try {
                MemorySegment.copy(bytes, ValueLayout.JAVA_BYTE, position, chunk, 0, n);
            } catch (InternalError e) {
                // the JVM's answer to SIGBUS: the file was truncated under the mapping
                throw new IOException("the file shrank while it was being read (at byte " + position + ")", e);
            }
            position += n;
            return n;
        }

        @Override
        public void close() {
            arena.close();
            Streamed.closeQuietly(channel);
        }
    }

    /** A gzip file, or one that cannot be mapped. */
    final class Streamed implements FileChunks {
        private final InputStream in;

        Streamed(InputStream in) {
            this.in = in;
        }

        @Override
        public int read(byte[] chunk) throws IOException {
            return in.read(chunk);
        }

        @Override
        public void close() {
            closeQuietly(in);
        }

        static void closeQuietly(AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                // closing a file we only read: nothing is lost
            }
        }
    }
}
