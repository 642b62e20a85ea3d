package io.sipwarden.sensor.dedup;

import io.sipwarden.event.AuthFailure;
import io.sipwarden.event.AuthSuccess;
import io.sipwarden.event.CallEnded;
import io.sipwarden.event.CallStarted;
import io.sipwarden.event.RequestSeen;
import io.sipwarden.event.SecurityEvent;
import io.sipwarden.event.Stack;
import io.sipwarden.event.TrapPortTouched;
import io.sipwarden.sensor.EventSink;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Recognises several reports of one attempt so it is counted once. The same wrong password can
 * arrive as a SECURITY line in {@code messages}, the same line in {@code security}, the NOTICE
 * line, and as an AMI event.
 *
 * <p>Rule: reports share a key (stack, address, correlation, class). Each channel — sensor name
 * plus representation, e.g. {@code messages/notice} — counts its reports per key. A report is
 * new only if its channel's count now exceeds every other channel's count for the key. So N
 * attempts reported by K channels yield exactly N events whatever the interleaving, including
 * svcrack reusing one Call-ID for many guesses and chan_sip/AMI lines without any correlation
 * id. A key is forgotten after {@code window} of event-time inactivity; at most
 * {@code maxKeys} keys are kept (least recently used dropped first).
 *
 * <p>The stack rather than the service is in the key because each stack's reports are
 * consistent among themselves while a pjproject "Dropping" line and a chan_sip NOTICE from the
 * same address are different attempts. Thread-safe (one lock; the work per event is tiny).
 */
public final class Deduplicator {
    /** Default event-time idle window after which a key is forgotten. */
    public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(5);
    /** Default bound on remembered keys. */
    public static final int DEFAULT_MAX_KEYS = 100_000;

    private enum EventClass { FAILURE, SUCCESS, REQUEST, CALL_START, CALL_END, TRAP }

    private record Key(Stack stack, InetAddress address, String correlation, EventClass kind) {
    }

    /** Per-key counts by channel; channels per key are few (2–4), so a small map. */
    private static final class Entry {
        final Map<String, Integer> counts = new HashMap<>(4);
        Instant last;
    }

    private final long windowNanos;
    private final int maxKeys;
    private final boolean enabled;
    private final LinkedHashMap<Key, Entry> keys = new LinkedHashMap<>(1024, 0.75f, true);
    private Instant latest = Instant.EPOCH;
    private long duplicates;

    private Deduplicator(Duration window, int maxKeys, boolean enabled) {
        Objects.requireNonNull(window, "window");
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("dedup window must be positive: " + window);
        }
        if (maxKeys < 1) {
            throw new IllegalArgumentException("dedup max keys must be at least 1: " + maxKeys);
        }
        this.windowNanos = window.toNanos();
        this.maxKeys = maxKeys;
        this.enabled = enabled;
    }

    public static Deduplicator create(Duration window, int maxKeys) {
        return new Deduplicator(window, maxKeys, true);
    }

    public static Deduplicator withDefaults() {
        return create(DEFAULT_WINDOW, DEFAULT_MAX_KEYS);
    }

    /** A deduplicator that lets every event through (for raw replays). */
    public static Deduplicator disabled() {
        return new Deduplicator(DEFAULT_WINDOW, 1, false);
    }

    /** Whether this report is a new attempt (true) or another report of a known one (false). */
    public synchronized boolean isNew(SecurityEvent e) {
        if (!enabled) {
            return true;
        }
        Instant t = e.time();
        if (t.isAfter(latest)) {
            latest = t;
        }
        Key key = new Key(e.meta().stack(), e.address(), e.meta().correlation(), classOf(e));
        String channel = e.meta().sensor().kind() + ":" + e.meta().sensor().name() + "/" + e.meta().channel();
        Entry entry = keys.get(key);
        if (entry == null || idleNanos(entry.last, t) > windowNanos) {
            entry = new Entry();
            keys.put(key, entry);
        }
        if (entry.last == null || t.isAfter(entry.last)) {
            entry.last = t;
        }
        int mine = entry.counts.merge(channel, 1, Integer::sum);
        boolean fresh = true;
        for (Map.Entry<String, Integer> c : entry.counts.entrySet()) {
            if (!c.getKey().equals(channel) && c.getValue() >= mine) {
                fresh = false;
                break;
            }
        }
        evict();
        if (!fresh) {
            duplicates++;
        }
        return fresh;
    }

    /** An {@link EventSink} that passes only new attempts on to {@code next}. */
    public EventSink filter(EventSink next) {
        Objects.requireNonNull(next, "next");
        return e -> {
            if (isNew(e)) {
                next.accept(e);
            }
        };
    }

    /** Reports recognised as duplicates so far. */
    public synchronized long duplicates() {
        return duplicates;
    }

    /** Keys currently remembered (for tests and status). */
    public synchronized int size() {
        return keys.size();
    }

    private static long idleNanos(Instant last, Instant now) {
        return Duration.between(last, now).abs().toNanos();
    }

    /** Drops least-recently-used keys beyond the cap, and idle ones at the old end. */
    private void evict() {
        Iterator<Map.Entry<Key, Entry>> it = keys.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Key, Entry> oldest = it.next();
            boolean idle = Duration.between(oldest.getValue().last, latest).toNanos() > windowNanos;
            if (keys.size() > maxKeys || idle) {
                it.remove();
            } else {
                break;
            }
        }
    }

    private static EventClass classOf(SecurityEvent e) {
        return switch (e) {
            case AuthFailure f -> EventClass.FAILURE;
            case AuthSuccess s -> EventClass.SUCCESS;
            case RequestSeen r -> EventClass.REQUEST;
            case CallStarted c -> EventClass.CALL_START;
            case CallEnded c -> EventClass.CALL_END;
            case TrapPortTouched t -> EventClass.TRAP;
        };
    }
}
