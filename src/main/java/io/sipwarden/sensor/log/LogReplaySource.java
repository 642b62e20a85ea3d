package io.sipwarden.sensor.log;

import io.sipwarden.event.SecurityEvent;
import io.sipwarden.sensor.dedup.Deduplicator;
import java.io.IOException;
import java.nio.file.Path;
import io.sipwarden.event.Stack;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Reads finished Asterisk logs (plain or .gz) for {@code replay}: several files are merged by
 * event time (k-way merge; ties keep the order of the files as given), so the messages and
 * security logs of one period interleave correctly, and repeated reports of one attempt are
 * dropped by a {@link Deduplicator}. Single-threaded; close it when done.
 */
public final class LogReplaySource implements Iterator<SecurityEvent>, AutoCloseable {
    /** Default cap on one line's length; longer lines are skipped and counted. */
    public static final int DEFAULT_MAX_LINE_BYTES = 64 * 1024;

    /** A file's next event or {@link Repeat}, and its time for the merge. */
    private record Head(Object item, int file) {
        Instant time() {
            return item instanceof Repeat r ? r.time() : ((SecurityEvent) item).time();
        }
    }

    private final List<FileEvents> files;
    private final Deduplicator dedup;
    private final LogStats dedupStats = new LogStats();
    private final PriorityQueue<Head> heads = new PriorityQueue<>(
            Comparator.comparing(Head::time).thenComparingInt(Head::file));
    private SecurityEvent next;

    private LogReplaySource(List<FileEvents> files, Deduplicator dedup) {
        this.files = files;
        this.dedup = dedup;
        for (int i = 0; i < files.size(); i++) {
            refill(i);
        }
    }

    /** Opens the files with de-duplication on (default window and key cap). */
    public static LogReplaySource open(List<Path> files, LogFormat format, InstantSource clock) throws IOException {
        return open(files, format, clock, Deduplicator.withDefaults(), DEFAULT_MAX_LINE_BYTES);
    }

    /**
     * @param dedup        {@link Deduplicator#disabled()} to get every report; the source owns it
     *                     while open (it is used from the reading thread without its lock)
     * @throws IOException if a file cannot be opened (files opened so far are closed)
     */
    public static LogReplaySource open(List<Path> files, LogFormat format, InstantSource clock,
            Deduplicator dedup, int maxLineBytes) throws IOException {
        Objects.requireNonNull(files, "files");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(dedup, "dedup");
        List<FileEvents> opened = new ArrayList<>();
        try {
            for (Path p : files) {
                opened.add(new FileEvents(p, format, clock, maxLineBytes));
            }
        } catch (IOException | RuntimeException e) {
            opened.forEach(FileEvents::close);
            throw e;
        }
        return new LogReplaySource(opened, dedup);
    }

    private void refill(int file) {
        Object item = files.get(file).next();
        if (item != null) {
            heads.add(new Head(item, file));
        }
    }

    /**
     * The event if the de-duplicator finds it new, else null (counted). A {@link Repeat} is checked
     * by its parts and built only when new.
     */
    private SecurityEvent newOrNull(Object item) {
        if (item instanceof Repeat r) {
            var n = r.notice().meta();
            if (dedup.isNewFailureUnshared(r.time(), Stack.PJSIP, n.source().address(), n.correlation(), n.sensor(),
                    LineContext.CHANNEL_SECURITY)) {
                return r.event();
            }
        } else if (dedup.isNewUnshared((SecurityEvent) item)) {
            return (SecurityEvent) item;
        }
        dedupStats.countDuplicate();
        return null;
    }

    @Override
    public boolean hasNext() {
        if (files.size() == 1) {
            return hasNextSingle(); // nothing to merge
        }
        while (next == null && !heads.isEmpty()) {
            Head h = heads.poll();
            refill(h.file());
            next = newOrNull(h.item());
        }
        return next != null;
    }

    private boolean hasNextSingle() {
        FileEvents only = files.get(0);
        if (next == null && !heads.isEmpty()) {
            next = newOrNull(heads.poll().item()); // the head read when opening
        }
        while (next == null) {
            Object item = only.next();
            if (item == null) {
                return false;
            }
            next = newOrNull(item);
        }
        return true;
    }

    @Override
    public SecurityEvent next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        SecurityEvent e = next;
        next = null;
        return e;
    }

    /** The remaining events as a sequential stream (closing the stream closes the files). */
    public Stream<SecurityEvent> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(this,
                Spliterator.ORDERED | Spliterator.NONNULL), false).onClose(this::close);
    }

    /** All files' counters together, plus duplicates dropped. Complete once iteration ended. */
    public LogStats stats() {
        LogStats total = new LogStats();
        files.forEach(f -> total.add(f.stats()));
        total.add(dedupStats);
        return total;
    }

    /** Counters per file, in the order given. */
    public Map<Path, LogStats> statsByFile() {
        Map<Path, LogStats> out = new LinkedHashMap<>();
        files.forEach(f -> out.put(f.path(), f.stats()));
        return out;
    }

    @Override
    public void close() {
        files.forEach(FileEvents::close);
    }
}
