package io.sipwarden.geo;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A database that follows its files: it polls their size, mtime and inode, opens a changed file
 * beside the live one, checks that it answers, then swaps it in atomically and closes the old one
 * after a grace period. Lookups never wait for a reload; a bad file is refused, logged, and the
 * database in use stays. Files should be replaced by rename (as {@code geo update} and
 * {@code geoipupdate} do): a memory-mapped file rewritten in place changes under its reader.
 */
public final class ReloadingGeoLookup implements GeoLookup {

    private static final System.Logger LOG = System.getLogger(ReloadingGeoLookup.class.getName());

    /** Opens the database from its files; called on start and on every change. */
    @FunctionalInterface
    public interface Opener {
        GeoLookup open() throws IOException;
    }

    private record Stamp(Path path, long size, long mtimeMillis, Object fileKey) {
    }

    private final String name;
    private final List<Path> files;
    private final Opener opener;
    private final Duration grace;
    private final AtomicReference<GeoLookup> current = new AtomicReference<>();
    private final ScheduledExecutorService timer;
    private final Queue<GeoLookup> retiring = new ConcurrentLinkedQueue<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private List<Stamp> loaded;
    private List<Stamp> rejected;

    private ReloadingGeoLookup(String name, List<Path> files, Opener opener, Duration grace) {
        this.name = name;
        this.files = List.copyOf(files);
        this.opener = opener;
        this.grace = grace;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "geo-reload " + name);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Opens the database now (failing if it cannot be opened or answers nothing) and polls its
     * files every {@code interval} (zero: never).
     *
     * @param name  shown in log lines, e.g. the main file's name
     * @param grace how long a replaced database stays open for lookups already under way
     */
    public static ReloadingGeoLookup start(String name, List<Path> files, Opener opener, Duration interval,
                                           Duration grace) throws IOException {
        Objects.requireNonNull(opener, "opener");
        ReloadingGeoLookup r = new ReloadingGeoLookup(name, files, opener, grace);
        List<Stamp> stamps = r.stamps();
        GeoLookup first = opener.open();
        try {
            Probe.check(first);
        } catch (IOException e) {
            first.close();
            r.timer.shutdownNow();
            throw e;
        }
        r.current.set(first);
        r.loaded = stamps;
        if (!interval.isZero() && !interval.isNegative()) {
            long ms = interval.toMillis();
            r.timer.scheduleWithFixedDelay(r::poll, ms, ms, TimeUnit.MILLISECONDS);
        }
        return r;
    }

    @Override
    public GeoLocation lookup(InetAddress address) {
        return current.get().lookup(address);
    }

    @Override
    public String describe() {
        return current.get().describe();
    }

    /** Runs {@code listener} after every swap, once the new database answers. */
    @Override
    public void onChange(Runnable listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** The database in use now. */
    public GeoLookup current() {
        return current.get();
    }

    /** Set by {@link #close}; a reload after it would open a database nobody closes. */
    private boolean closed;

    /**
     * Reloads if a file changed since the last load or rejection.
     *
     * @return true if a new database was swapped in
     */
    public synchronized boolean checkNow() {
        if (closed) {
            return false;
        }
        List<Stamp> now;
        try {
            now = stamps();
        } catch (IOException e) {
            // Mid-replacement or deleted: keep what works and look again next time.
            LOG.log(System.Logger.Level.DEBUG, "geo {0}: cannot stat files: {1}", name, e.toString());
            return false;
        }
        if (now.equals(loaded) || now.equals(rejected)) {
            return false;
        }
        GeoLookup next;
        try {
            next = opener.open();
        } catch (IOException | RuntimeException e) {
            reject(now, e.getMessage());
            return false;
        }
        try {
            Probe.check(next);
        } catch (IOException e) {
            next.close();
            reject(now, e.getMessage());
            return false;
        }
        GeoLookup old = current.getAndSet(next);
        loaded = now;
        rejected = null;
        LOG.log(System.Logger.Level.INFO, "geo {0}: reloaded: {1}", name, next.describe());
        for (Runnable l : listeners) {
            try {
                l.run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "geo " + name + ": a reload listener failed", e);
            }
        }
        retiring.add(old);
        try {
            timer.schedule(() -> retire(old), grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            retire(old); // a reload that raced close(): nothing will answer from it any more
        }
        return true;
    }

    private void retire(GeoLookup old) {
        if (retiring.remove(old)) {
            old.close();
        }
    }

    private void poll() {
        try {
            checkNow();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "geo " + name + ": reload check failed", e);
        }
    }

    private void reject(List<Stamp> now, String why) {
        rejected = now;
        LOG.log(System.Logger.Level.WARNING, "geo {0}: new file rejected, keeping the database in use ({1}): {2}",
                name, current.get().describe(), why);
    }

    private List<Stamp> stamps() throws IOException {
        List<Stamp> out = new ArrayList<>(files.size());
        for (Path p : files) {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
            out.add(new Stamp(p, a.size(), a.lastModifiedTime().toMillis(), a.fileKey()));
        }
        return out;
    }

    /**
     * Closes the database in use and any still retiring. Synchronized with {@link #checkNow}, so
     * a reload either finishes first (and its database is closed here) or never starts.
     */
    @Override
    public synchronized void close() {
        closed = true;
        timer.shutdownNow();
        for (GeoLookup old; (old = retiring.poll()) != null; ) {
            old.close();
        }
        GeoLookup g = current.get();
        if (g != null) {
            g.close();
        }
    }
}
