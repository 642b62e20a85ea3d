package io.sipwarden.sensor.dedup;

import io.sipwarden.sensor.EventSink;
import io.sipwarden.sensor.EventSource;
import java.util.List;
import java.util.Objects;

/**
 * A source whose events pass through a {@link Deduplicator} shared with the other sources, so
 * one attempt reported by the messages log, the security log and AMI reaches the engine once.
 */
public final class DedupedSource implements EventSource {
    private final EventSource inner;
    private final Deduplicator dedup;

    private DedupedSource(EventSource inner, Deduplicator dedup) {
        this.inner = Objects.requireNonNull(inner, "inner");
        this.dedup = Objects.requireNonNull(dedup, "dedup");
    }

    /** Wraps every source around one shared de-duplicator (it is thread-safe). */
    public static List<EventSource> share(List<? extends EventSource> sources, Deduplicator dedup) {
        return sources.stream().<EventSource>map(s -> new DedupedSource(s, dedup)).toList();
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public void start(EventSink sink) {
        inner.start(dedup.filter(sink));
    }

    @Override
    public String status() {
        return inner.status();
    }

    @Override
    public void close() {
        inner.close();
    }
}
