package io.sipwarden.sensor.log;

import io.sipwarden.event.SecurityEvent;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters of one log reader: lines read, events by kind, recognized, unmatched, oversize
 * lines skipped, and events dropped as duplicates. Safe to read from another thread while a
 * reader updates it ({@code status}); updates come from one reader thread.
 */
public final class LogStats {
    private final AtomicLong lines = new AtomicLong();
    private final AtomicLong recognized = new AtomicLong();
    private final AtomicLong unmatched = new AtomicLong();
    private final AtomicLong oversize = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final Map<String, AtomicLong> events = new TreeMap<>();
    private final Map<LinePattern, AtomicLong> patterns = new EnumMap<>(LinePattern.class);

    /** Counts one line and what it meant. */
    public void count(LineResult r) {
        lines.incrementAndGet();
        switch (r) {
            case LineResult.Parsed p -> {
                pattern(p.pattern());
                for (SecurityEvent e : p.events()) {
                    synchronized (events) {
                        events.computeIfAbsent(kind(e), k -> new AtomicLong()).incrementAndGet();
                    }
                }
            }
            case LineResult.Recognized rec -> {
                recognized.incrementAndGet();
                pattern(rec.pattern());
            }
            case LineResult.Unmatched u -> unmatched.incrementAndGet();
        }
    }

    private void pattern(LinePattern p) {
        synchronized (patterns) {
            patterns.computeIfAbsent(p, k -> new AtomicLong()).incrementAndGet();
        }
    }

    /** A line longer than the cap was skipped (and is not counted in {@link #lines}). */
    public void countOversize() {
        oversize.incrementAndGet();
    }

    /** An event was a second report of an attempt already delivered. */
    public void countDuplicate() {
        duplicates.incrementAndGet();
    }

    /** Event kind as shown in statistics: record name plus reason for failures. */
    static String kind(SecurityEvent e) {
        return switch (e) {
            case io.sipwarden.event.AuthFailure f -> "AuthFailure/" + f.reason();
            case io.sipwarden.event.AuthSuccess s -> "AuthSuccess";
            case io.sipwarden.event.RequestSeen q -> "RequestSeen/" + q.method();
            case io.sipwarden.event.CallStarted c -> "CallStarted";
            case io.sipwarden.event.CallEnded c -> "CallEnded";
            case io.sipwarden.event.TrapPortTouched t -> "TrapPortTouched";
        };
    }

    public long lines() {
        return lines.get();
    }

    public long recognized() {
        return recognized.get();
    }

    public long unmatched() {
        return unmatched.get();
    }

    public long oversize() {
        return oversize.get();
    }

    public long duplicates() {
        return duplicates.get();
    }

    /** Events parsed (before de-duplication), by kind. */
    public Map<String, Long> events() {
        synchronized (events) {
            Map<String, Long> out = new TreeMap<>();
            events.forEach((k, v) -> out.put(k, v.get()));
            return out;
        }
    }

    public long eventCount() {
        return events().values().stream().mapToLong(Long::longValue).sum();
    }

    /** Lines per pattern id (parsed and recognized). */
    public Map<String, Long> patterns() {
        synchronized (patterns) {
            Map<String, Long> out = new TreeMap<>();
            patterns.forEach((k, v) -> out.put(k.id(), v.get()));
            return out;
        }
    }

    /** Adds another reader's counters into this one (replay of several files). */
    public void add(LogStats o) {
        lines.addAndGet(o.lines());
        recognized.addAndGet(o.recognized());
        unmatched.addAndGet(o.unmatched());
        oversize.addAndGet(o.oversize());
        duplicates.addAndGet(o.duplicates());
        o.events().forEach((k, v) -> {
            synchronized (events) {
                events.computeIfAbsent(k, x -> new AtomicLong()).addAndGet(v);
            }
        });
        synchronized (o.patterns) {
            o.patterns.forEach((k, v) -> {
                synchronized (patterns) {
                    patterns.computeIfAbsent(k, x -> new AtomicLong()).addAndGet(v.get());
                }
            });
        }
    }

    /** One line for {@code status} and {@code replay}. */
    public String summary() {
        return "lines=" + lines() + " events=" + eventCount() + " " + events() + " recognized=" + recognized()
                + " unmatched=" + unmatched() + " oversize=" + oversize() + " duplicates=" + duplicates();
    }

    @Override
    public String toString() {
        return summary();
    }
}
