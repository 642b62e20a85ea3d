package io.sipwarden.sensor.dedup;

import io.sipwarden.event.AuthFailure;
import io.sipwarden.event.AuthSuccess;
import io.sipwarden.event.CallEnded;
import io.sipwarden.event.CallStarted;
import io.sipwarden.event.RequestSeen;
import io.sipwarden.event.SecurityEvent;
import io.sipwarden.event.Sensor;
import io.sipwarden.event.Stack;
import io.sipwarden.event.TrapPortTouched;
import io.sipwarden.sensor.EventSink;
import java.net.InetAddress;
import java.time.Duration;
import java.util.HashMap;
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

    /** A channel: which sensor, and which representation within it. */
    private record Channel(Sensor sensor, String representation) {
    }

    private final long windowMillis;
    private final int maxKeys;
    private final boolean enabled;
    /** Keys (stack, address, correlation, class) in access order, with counts per channel. */
    private final KeyTable keys = new KeyTable();
    private final Map<Channel, Integer> channels = new HashMap<>();
    private long latestMillis = Long.MIN_VALUE;
    private long lastEvictionMillis = Long.MIN_VALUE;
    private final Sensor[] recentSensors = new Sensor[8];
    private final String[] recentRepresentations = new String[8];
    private final int[] recentChannels = new int[8];
    private int recentNext;
    private long duplicates;

    private Deduplicator(Duration window, int maxKeys, boolean enabled) {
        Objects.requireNonNull(window, "window");
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("dedup window must be positive: " + window);
        }
        if (maxKeys < 1) {
            throw new IllegalArgumentException("dedup max keys must be at least 1: " + maxKeys);
        }
        this.windowMillis = Math.max(1, window.toMillis());
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
        return check(e);
    }

    /**
     * {@link #isNew} for the one thread that owns this instance, e.g. a replay reading files:
     * the same answer without taking the lock, which costs about as much as the rest of the
     * check for a report whose key is hot. Never call it on an instance other threads use.
     */
    public boolean isNewUnshared(SecurityEvent e) {
        return check(e);
    }

    /**
     * {@link #isNewUnshared} for an {@link AuthFailure} given by its parts, before it is built: a
     * replay builds only the reports that are new (see sensor.log's Repeat). The same answer, and
     * the same bookkeeping, as for the event with these parts.
     */
    public boolean isNewFailureUnshared(java.time.Instant time, Stack stack, InetAddress address, String correlation,
            Sensor sensor, String channel) {
        return !enabled || check(time.toEpochMilli(), stack.ordinal() * 8 + EventClass.FAILURE.ordinal(), address,
                correlation, channel(sensor, channel));
    }

    private boolean check(SecurityEvent e) {
        if (!enabled) {
            return true;
        }
        return check(e.time().toEpochMilli(), e.meta().stack().ordinal() * 8 + classOf(e).ordinal(), e.address(),
                e.meta().correlation(), channel(e.meta().sensor(), e.meta().channel()));
    }

    private boolean check(long t, int kind, InetAddress address, String correlation, int channel) {
        if (t > latestMillis) {
            latestMillis = t;
        }
        int hash = keys.hash(kind, address, correlation);
        int entry = keys.find(hash, kind, address, correlation);
        if (entry < 0) {
            entry = keys.add(hash, kind, address, correlation, t);
        } else {
            keys.touch(entry);
            if (Math.abs(t - keys.lastMillis(entry)) > windowMillis) {
                keys.reset(entry, t); // idle past the window: a new attempt under an old key
            }
        }
        if (t > keys.lastMillis(entry)) {
            keys.lastMillis(entry, t);
        }
        boolean fresh = keys.countAndCheck(entry, channel);
        evict();
        if (!fresh) {
            duplicates++;
        }
        return fresh;
    }

    /** Channel number; a small identity cache first, because sensors reuse the same objects. */
    private int channel(Sensor sensor, String representation) {
        for (int i = 0; i < recentSensors.length; i++) {
            if (recentSensors[i] == sensor && recentRepresentations[i] == representation) {
                return recentChannels[i];
            }
        }
        int c = channels.computeIfAbsent(new Channel(sensor, representation), k -> channels.size());
        int slot = recentNext++ & (recentSensors.length - 1);
        recentSensors[slot] = sensor;
        recentRepresentations[slot] = representation;
        recentChannels[slot] = c;
        return c;
    }

    /** An {@link EventSink} that passes only new attempts on to {@code next}. */
    public EventSink filter(EventSink next) {
        Objects.requireNonNull(next, "next");
        return new EventSink() {
            @Override
            public void accept(SecurityEvent e) {
                if (isNew(e)) {
                    next.accept(e);
                }
            }

            @Override
            public void afterPrevious(Runnable action) {
                next.afterPrevious(action);
            }
        };
    }

    /** Reports recognised as duplicates so far. */
    public synchronized long duplicates() {
        return duplicates;
    }

    /** Whether the table met colliding keys and hashes with its secret key (for tests). */
    synchronized boolean keyedHash() {
        return keys.keyed();
    }

    /** The slots a lookup of every remembered key visits (for tests). */
    synchronized long probes() {
        return keys.probes();
    }

    /** Keys currently remembered (for tests and status). */
    public synchronized int size() {
        return keys.size();
    }

    /** Drops least-recently-used keys beyond the cap, and idle ones at the old end. */
    private void evict() {
        if (keys.size() <= maxKeys && lastEvictionMillis != Long.MIN_VALUE
                && latestMillis - lastEvictionMillis < windowMillis / 8) {
            return; // idle keys are swept a few times per window, not on every event
        }
        lastEvictionMillis = latestMillis;
        for (int e = keys.oldest(); e >= 0; e = keys.oldest()) {
            boolean idle = latestMillis - keys.lastMillis(e) > windowMillis;
            if (keys.size() > maxKeys || idle) {
                keys.remove(e);
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
