package io.sipwarden.audit;

import io.sipwarden.audit.check.SecretStrength;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Re-runs the audit when the Asterisk config directory (or a sub-directory) changes, and keeps
 * the latest result for {@code sipwarden status}. Changes are debounced (an editor or FreePBX
 * "Apply Config" writes many files at once). One daemon thread; {@link #close} stops it.
 * The secret judge is shared across runs, so only changed secrets are measured again.
 */
public final class AuditWatcher implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(AuditWatcher.class.getName());

    /** What status shows: when, how long, counts per severity and the first few findings. */
    public record Summary(Instant at, long millis, Map<String, Integer> counts, List<String> top, String error) {
        public Summary {
            counts = Map.copyOf(counts);
            top = List.copyOf(top);
        }
    }

    private final Path dir;
    private final OptionalInt major;
    private final Duration debounce;
    private final InstantSource clock;
    private final Auditor auditor;
    private final AtomicReference<AuditReport> latest = new AtomicReference<>();
    private final AtomicReference<Summary> summary = new AtomicReference<>();
    private final WatchService watch;
    private final Thread thread;
    private volatile int runs;

    /**
     * Starts watching and runs the first audit at once (in the watcher thread).
     *
     * @param debounce quiet time after the last change before re-running
     */
    public AuditWatcher(Path dir, OptionalInt major, Duration debounce, InstantSource clock) throws IOException {
        this.dir = Objects.requireNonNull(dir, "dir");
        this.major = Objects.requireNonNull(major, "major");
        this.debounce = Objects.requireNonNull(debounce, "debounce");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.auditor = new Auditor(new SecretStrength(), clock);
        this.watch = FileSystems.getDefault().newWatchService();
        register(dir);
        this.thread = Thread.ofPlatform().daemon().name("sipwarden-audit-watch").start(this::loop);
    }

    /** The latest full report, or null before the first run finished. */
    public AuditReport latest() {
        return latest.get();
    }

    /** The latest summary for status, or null before the first run finished. */
    public Summary summary() {
        return summary.get();
    }

    /** Completed runs so far (for tests and metrics). */
    public int runs() {
        return runs;
    }

    private void register(Path d) throws IOException {
        d.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                StandardWatchEventKinds.ENTRY_DELETE);
        try (var s = Files.list(d)) {
            for (Path p : s.toList()) {
                if (Files.isDirectory(p) && !Files.isSymbolicLink(p)) {
                    register(p);
                }
            }
        }
    }

    private void loop() {
        runOnce();
        try {
            while (!Thread.currentThread().isInterrupted()) {
                WatchKey key = watch.take();
                drain(key);
                // debounce: keep draining until the directory has been quiet for the whole period
                WatchKey more;
                while ((more = watch.poll(debounce.toMillis(), TimeUnit.MILLISECONDS)) != null) {
                    drain(more);
                }
                runOnce();
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void drain(WatchKey key) {
        for (var ev : key.pollEvents()) {
            if (ev.context() instanceof Path p && key.watchable() instanceof Path parent) {
                Path full = parent.resolve(p);
                if (ev.kind() == StandardWatchEventKinds.ENTRY_CREATE && Files.isDirectory(full)) {
                    try {
                        register(full);
                    } catch (IOException e) {
                        LOG.log(System.Logger.Level.WARNING, "audit watcher: cannot watch " + full + ": " + e.getMessage());
                    }
                }
            }
        }
        key.reset();
    }

    private void runOnce() {
        try {
            AuditReport r = auditor.audit(dir, major);
            latest.set(r);
            Map<String, Integer> counts = new java.util.LinkedHashMap<>();
            r.counts().forEach((k, v) -> counts.put(k.name().toLowerCase(java.util.Locale.ROOT), v));
            List<String> top = r.findings().stream().limit(5)
                    .map(f -> f.severity() + " " + f.rule().id() + " " + f.subject()).toList();
            summary.set(new Summary(r.at(), r.millis(), counts, top, null));
        } catch (RuntimeException e) {
            // a bad config must never take the daemon down: keep the last good report, say why
            LOG.log(System.Logger.Level.WARNING, "audit of " + dir + " failed: " + e);
            Summary old = summary.get();
            summary.set(new Summary(clock.instant(), 0, old == null ? Map.of() : old.counts(),
                    old == null ? List.of() : old.top(), e.toString()));
        }
        runs++;
    }

    @Override
    public void close() throws IOException {
        thread.interrupt();
        watch.close();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
