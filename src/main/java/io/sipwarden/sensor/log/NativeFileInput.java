package io.sipwarden.sensor.log;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.lang.ref.Cleaner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A regular file read with libc's {@code read(2)} straight into the caller's array. The JDK's
 * streams and channels read a heap array through a direct buffer and copy it over afterwards, a
 * second pass over every byte of the log: ≈ 5 ns of the ≈ 300 a replayed line costs
 * (docs/bench-log.md, round 7). Here the read is a <em>critical</em> downcall, which may hand
 * native code a heap array because the JVM holds its safepoints for the call's length. That is
 * right for a read from a regular file (page cache or disk, a bounded wait) and wrong for
 * anything that may block without bound, so {@link #open} takes regular files only and opens
 * them non-blocking: should the path turn into a FIFO between the check and the open, a read
 * fails at once instead of holding the JVM.
 *
 * <p>One wait stays unbounded on either path: a file on a hard-mounted network share whose server
 * has gone. Here it would also hold the JVM's safepoints; replay (the only reader of this class)
 * is a one-thread batch job, so nothing else waits on them.
 *
 * <p>Nothing is lost when this path is missing (another OS, no libc symbols, an open that
 * fails): {@link #open} returns null and the caller reads through the JDK as before, which also
 * gives the JDK's own message for a missing or unreadable file.
 */
final class NativeFileInput extends InputStream {
    private static final int O_RDONLY = 0;
    private static final int O_NONBLOCK = 0x800;
    private static final int O_CLOEXEC = 0x80000;
    private static final int EINTR = 4;
    private static final int EAGAIN = 11;

    private static final Libc LIBC = Libc.bind();
    /** Closes the descriptor of a stream nobody closed once it is unreachable, as the JDK's streams do. */
    private static final Cleaner CLEANER = Cleaner.create();

    private final Path path;
    private final MemorySegment state = Arena.ofAuto().allocate(Libc.STATE);
    private final int fd;
    private final Cleaner.Cleanable closer;
    private boolean closed;

    private NativeFileInput(Path path, int fd) {
        this.path = path;
        this.fd = fd;
        this.closer = CLEANER.register(this, new Closer(fd));
    }

    /** A stream over the regular file, or null: then read it through the JDK. */
    static InputStream open(Path path) {
        Objects.requireNonNull(path, "path");
        if (LIBC == null || !Files.isRegularFile(path)) {
            return null;
        }
        try (Arena arena = Arena.ofConfined()) {
            int fd = (int) LIBC.open.invokeExact(arena.allocateFrom(path.toString()), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
            return fd < 0 ? null : new NativeFileInput(path, fd);
        } catch (Throwable t) {
            return null; // a name libc cannot take, native access refused: the JDK path reads it
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (closed) {
            throw new IOException("reading " + path + ": stream closed");
        }
        if (len == 0) {
            return 0;
        }
        MemorySegment target = MemorySegment.ofArray(b).asSlice(off, len);
        while (true) {
            long n;
            try {
                n = (long) LIBC.read.invokeExact(state, fd, target, (long) len);
            } catch (Throwable t) {
                throw new IOException("reading " + path + ": " + t, t);
            }
            if (n > 0) {
                return (int) n;
            }
            if (n == 0) {
                return -1;
            }
            int errno = Libc.errno(state);
            if (errno != EINTR) {
                throw new IOException("reading " + path + ": "
                        + (errno == EAGAIN ? "not a regular file any more" : "read(2) failed with errno " + errno));
            }
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            closer.clean(); // closes the descriptor, once
        }
    }

    /** close(2) of a descriptor: run by {@link #close} or, for a forgotten stream, by the cleaner. */
    private record Closer(int fd) implements Runnable {
        @Override
        public void run() {
            try {
                int ignored = (int) LIBC.close.invokeExact(fd);
            } catch (Throwable t) {
                // closing a file we only read: nothing is lost
            }
        }
    }

    /** open, read (critical, errno captured) and close, bound once; null where they cannot be. */
    private record Libc(MethodHandle open, MethodHandle read, MethodHandle close) {
        static final StructLayout STATE = Linker.Option.captureStateLayout();
        private static final VarHandle ERRNO = STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));

        static Libc bind() {
            try {
                Linker linker = Linker.nativeLinker();
                var lookup = linker.defaultLookup();
                return new Libc(
                        linker.downcallHandle(lookup.find("open").orElseThrow(),
                                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT),
                                Linker.Option.firstVariadicArg(2)),
                        linker.downcallHandle(lookup.find("read").orElseThrow(),
                                FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG),
                                Linker.Option.critical(true), Linker.Option.captureCallState("errno")),
                        linker.downcallHandle(lookup.find("close").orElseThrow(),
                                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT)));
            } catch (RuntimeException | LinkageError e) {
                return null; // no native linker or no libc symbols here: the JDK path reads files
            }
        }

        static int errno(MemorySegment state) {
            return (int) ERRNO.get(state, 0L);
        }
    }
}
