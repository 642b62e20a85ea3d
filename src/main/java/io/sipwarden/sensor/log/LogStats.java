package io.sipwarden.sensor.log;

import io.sipwarden.event.SecurityEvent;
import io.sipwarden.event.AuthFailure;
import io.sipwarden.event.AuthSuccess;
import io.sipwarden.event.CallEnded;
import io.sipwarden.event.CallStarted;
import io.sipwarden.event.RequestSeen;
import io.sipwarden.event.TrapPortTouched;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Counters of one log reader: lines read, events by kind, recognized, unmatched, oversize
 * lines skipped, and events dropped as duplicates. Safe to read from another thread while a
 * reader updates it ({@code status}); updates come from one reader thread.
 */
public final class LogStats {
    private static final AuthFailure.Reason[] REASONS = AuthFailure.Reason.values();
    private static final LinePattern[] PATTERNS = LinePattern.values();

    private final AtomicLong lines = new AtomicLong();
    private final AtomicLong recognized = new AtomicLong();
    private final AtomicLong unmatched = new AtomicLong();
    private final AtomicLong oversize = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    /** Lines read as a {@link Repeat} (also counted as their events): for tests and measurements. */
    private final AtomicLong repeats = new AtomicLong();
    /** Failures by reason, then successes, requests, calls, traps. */
    private final AtomicLongArray kinds = new AtomicLongArray(REASONS.length + 4);
    private final AtomicLongArray patterns = new AtomicLongArray(PATTERNS.length);

    /** Counts one line and what it meant. */
    public void count(LineResult r) {
        bump(lines);
        switch (r) {
            case LineResult.Parsed p -> {
                bump(patterns, p.pattern().ordinal());
                for (SecurityEvent e : p.events()) {
                    bump(kinds, kindIndex(e));
                }
            }
            case LineResult.Recognized rec -> {
                bump(recognized);
                bump(patterns, rec.pattern().ordinal());
            }
            case LineResult.Unmatched u -> bump(unmatched);
        }
    }

    /** Counts a line read as a {@link Repeat}: as {@link #count} counts the event it stands for. */
    void count(Repeat r) {
        bump(repeats);
        bump(lines);
        bump(patterns, r.pattern().ordinal());
        bump(kinds, r.reason().ordinal());
    }

    // One writer per instance (the reader thread), readers elsewhere: a release store of
    // the incremented value is enough and costs far less per line than an atomic add.
    private static void bump(AtomicLong a) {
        a.setRelease(a.getPlain() + 1);
    }

    private static void bump(AtomicLongArray a, int i) {
        a.setRelease(i, a.getPlain(i) + 1);
    }

    private static int kindIndex(SecurityEvent e) {
        int n = REASONS.length;
        return switch (e) {
            case AuthFailure f -> f.reason().ordinal();
            case AuthSuccess s -> n;
            case RequestSeen q -> n + 1;
            case CallStarted c -> n + 2;
            case CallEnded c -> n + 2;
            case TrapPortTouched t -> n + 3;
        };
    }

    private static String kindName(int i) {
        int n = REASONS.length;
        if (i < n) {
            return "AuthFailure/" + REASONS[i];
        }
        return switch (i - n) {
            case 0 -> "AuthSuccess";
            case 1 -> "RequestSeen";
            case 2 -> "Call";
            default -> "TrapPortTouched";
        };
    }

    /** A line longer than the cap was skipped (and is not counted in {@link #lines}). */
    public void countOversize() {
        bump(oversize);
    }

    /** An event was a second report of an attempt already delivered. */
    public void countDuplicate() {
        bump(duplicates);
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

    /** Events parsed (before de-duplication), by kind; kinds never seen are left out. */
    public Map<String, Long> events() {
        Map<String, Long> out = new TreeMap<>();
        for (int i = 0; i < kinds.length(); i++) {
            long v = kinds.get(i);
            if (v > 0) {
                out.merge(kindName(i), v, Long::sum);
            }
        }
        return out;
    }

    public long eventCount() {
        return events().values().stream().mapToLong(Long::longValue).sum();
    }

    /** Lines per pattern id (parsed and recognized); patterns never seen are left out. */
    public Map<String, Long> patterns() {
        Map<String, Long> out = new TreeMap<>();
        for (int i = 0; i < patterns.length(); i++) {
            long v = patterns.get(i);
            if (v > 0) {
                out.put(PATTERNS[i].id(), v);
            }
        }
        return out;
    }

    /** Adds another reader's counters into this one (replay of several files). */
    public void add(LogStats o) {
        lines.addAndGet(o.lines());
        recognized.addAndGet(o.recognized());
        unmatched.addAndGet(o.unmatched());
        oversize.addAndGet(o.oversize());
        duplicates.addAndGet(o.duplicates());
        repeats.addAndGet(o.repeats());
        for (int i = 0; i < kinds.length(); i++) {
            kinds.addAndGet(i, o.kinds.get(i));
        }
        for (int i = 0; i < patterns.length(); i++) {
            patterns.addAndGet(i, o.patterns.get(i));
        }
    }

    long repeats() {
        return repeats.get();
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
