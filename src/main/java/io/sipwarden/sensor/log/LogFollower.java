package io.sipwarden.sensor.log;

import io.sipwarden.sensor.CursorStore;
import io.sipwarden.sensor.EventSink;
import io.sipwarden.sensor.EventSource;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Follows Asterisk log files live ({@code messages}, {@code full}, {@code security}) like
 * {@code tail -F} and delivers their events to a sink, resuming from persisted cursors after a
 * restart. One daemon thread polls every file at the configured interval. Events are raw
 * reports: pass them through one shared {@link io.sipwarden.sensor.dedup.Deduplicator} (for
 * example {@code dedup.filter(engineSink)}) so an attempt reported by several files counts once.
 */
public final class LogFollower implements EventSource {
    private static final System.Logger LOG = System.getLogger(LogFollower.class.getName());

    private final List<FollowedFile> files = new ArrayList<>();
    private final Duration pollInterval;
    private final LogStats stats = new LogStats();
    private final Object lock = new Object();
    private volatile Thread thread;
    private volatile boolean closed;
    private volatile String lastError = "";

    /** Follows with the defaults of {@link LogSettings}. */
    public LogFollower(List<Path> files, LogFormat format, CursorStore cursors, InstantSource clock) {
        this(files, format, cursors, clock, LogSettings.defaults().poll(), LogReplaySource.DEFAULT_MAX_LINE_BYTES, false);
    }

    public LogFollower(List<Path> files, LogFormat format, CursorStore cursors, InstantSource clock,
            Duration pollInterval, int maxLineBytes, boolean fromBeginning) {
        Objects.requireNonNull(files, "files");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(cursors, "cursors");
        Objects.requireNonNull(clock, "clock");
        this.pollInterval = Objects.requireNonNull(pollInterval, "pollInterval");
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no log files to follow");
        }
        for (Path p : files) {
            this.files.add(new FollowedFile(p, format, cursors, clock, stats, maxLineBytes, fromBeginning));
        }
    }

    public static LogFollower of(LogSettings settings, CursorStore cursors, InstantSource clock) {
        return new LogFollower(settings.paths(), settings.format(), cursors, clock, settings.poll(),
                settings.maxLineBytes(), settings.fromBeginning());
    }

    @Override
    public String name() {
        return "log";
    }

    @Override
    public void start(EventSink sink) {
        Objects.requireNonNull(sink, "sink");
        synchronized (lock) {
            if (thread != null || closed) {
                throw new IllegalStateException("log follower already started or closed");
            }
            thread = Thread.ofPlatform().daemon().name("sipwarden-log-follower").start(() -> loop(sink));
        }
    }

    private void loop(EventSink sink) {
        while (!closed) {
            pollOnce(sink);
            try {
                TimeUnit.NANOSECONDS.sleep(pollInterval.toNanos());
            } catch (InterruptedException e) {
                return; // close() interrupts us
            }
        }
    }

    /**
     * One pass over every file, delivering what is new. Called by the follower's thread; tests
     * call it directly instead of {@link #start}. Never throws: a failing file is reported in
     * {@link #status()} and retried on the next pass.
     */
    public void pollOnce(EventSink sink) {
        synchronized (lock) {
            for (FollowedFile f : files) {
                try {
                    f.poll(sink);
                } catch (IOException | RuntimeException e) {
                    String msg = f.path() + ": " + e;
                    if (!msg.equals(lastError)) {
                        LOG.log(Level.WARNING, "log follower: {0}", msg);
                    }
                    lastError = msg;
                    f.close(); // reopened (and re-identified) on the next pass
                }
            }
        }
    }

    /** Counters over all followed files. */
    public LogStats stats() {
        return stats;
    }

    @Override
    public String status() {
        StringBuilder b = new StringBuilder("log: ");
        for (FollowedFile f : files) {
            b.append(f.path()).append(" (").append(f.state()).append("), ");
        }
        b.append(stats.summary());
        if (!lastError.isEmpty()) {
            b.append(", last error: ").append(lastError);
        }
        return b.toString();
    }

    @Override
    public void close() {
        closed = true;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
            try {
                t.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (lock) {
            files.forEach(FollowedFile::close);
        }
    }
}
