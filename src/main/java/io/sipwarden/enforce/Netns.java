package io.sipwarden.enforce;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A network namespace that work can be run in: one dedicated platform thread joins the namespace
 * with {@code setns(2)} and runs every task handed to it. Netlink and IP sockets opened on that
 * thread (libnftables' socket, Java sockets in tests) belong to the namespace for their whole life;
 * the rest of the process stays where it was.
 */
public final class Netns implements AutoCloseable {
    private static final int CLONE_NEWNET = 0x40000000;
    private static final int O_RDONLY_CLOEXEC = 0x80000;

    private final String name;
    private final ExecutorService thread;

    private Netns(String name, ExecutorService thread) {
        this.name = name;
        this.thread = thread;
    }

    /**
     * Joins {@code name} (a name under /var/run/netns, or an absolute path such as
     * /proc/PID/ns/net) on a new thread.
     *
     * @throws IllegalStateException with errno text if the namespace cannot be joined
     */
    public static Netns join(String name) {
        String path = name.startsWith("/") ? name : "/var/run/netns/" + name;
        if (!name.startsWith("/") && (name.contains("/") || name.contains(".."))) {
            throw new IllegalArgumentException("bad network namespace name '" + name + "'");
        }
        ExecutorService ex = Executors.newSingleThreadExecutor(r -> {
            Thread t = Thread.ofPlatform().daemon().name("netns-" + Path.of(path).getFileName()).unstarted(r);
            return t;
        });
        Netns ns = new Netns(name, ex);
        try {
            ns.call(() -> {
                enterOnThisThread(path);
                return null;
            });
        } catch (RuntimeException e) {
            ex.shutdownNow();
            throw e;
        }
        return ns;
    }

    /** The name or path this was joined with. */
    public String name() {
        return name;
    }

    /** Runs {@code task} on the namespace's thread and waits for it; exceptions pass through. */
    public <T> T call(Callable<T> task) {
        Future<T> f = thread.submit(task);
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            f.cancel(true);
            throw new IllegalStateException("interrupted while running in network namespace " + name, e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) {
                throw r;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(c.getMessage(), c);
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }

    /** Moves the calling (platform) thread into the namespace at {@code path}. */
    public static void enterOnThisThread(String path) {
        if (Thread.currentThread().isVirtual()) {
            throw new IllegalStateException("setns on a virtual thread would move its carrier");
        }
        Libc libc = Libc.INSTANCE;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Libc.STATE);
            int fd = (int) libc.open.invokeExact(state, arena.allocateFrom(path), O_RDONLY_CLOEXEC);
            if (fd < 0) {
                throw new IllegalStateException("cannot open network namespace " + path + ": errno " + libc.errno(state));
            }
            int rc = (int) libc.setns.invokeExact(state, fd, CLONE_NEWNET);
            int err = libc.errno(state);
            int ignored = (int) libc.close.invokeExact(fd);
            if (rc != 0) {
                throw new IllegalStateException("setns(" + path + ") failed: errno " + err
                        + (err == 1 ? " (operation not permitted: needs CAP_SYS_ADMIN)" : ""));
            }
        } catch (IllegalStateException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("setns(" + path + ") failed: " + t, t);
        }
    }

    /** The three libc calls, bound once. */
    private static final class Libc {
        static final Libc INSTANCE = new Libc();
        static final StructLayout STATE = Linker.Option.captureStateLayout();
        private static final VarHandle ERRNO = STATE.varHandle(java.lang.foreign.MemoryLayout.PathElement.groupElement("errno"));

        final MethodHandle open;
        final MethodHandle setns;
        final MethodHandle close;

        private Libc() {
            Linker linker = Linker.nativeLinker();
            var lookup = linker.defaultLookup();
            Linker.Option errno = Linker.Option.captureCallState("errno");
            open = linker.downcallHandle(lookup.find("open").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT), errno,
                    Linker.Option.firstVariadicArg(2));
            setns = linker.downcallHandle(lookup.find("setns").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT), errno);
            close = linker.downcallHandle(lookup.find("close").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
        }

        int errno(MemorySegment state) {
            return (int) ERRNO.get(state, 0L);
        }
    }
}
