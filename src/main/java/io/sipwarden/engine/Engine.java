package io.sipwarden.engine;

import io.sipwarden.decision.Decider;
import io.sipwarden.detect.Detection;
import io.sipwarden.detect.EnrichedEvent;
import io.sipwarden.detect.Finding;
import io.sipwarden.detect.FindingSink;
import io.sipwarden.event.AuthFailure;
import io.sipwarden.event.AuthSuccess;
import io.sipwarden.event.CallEnded;
import io.sipwarden.event.CallStarted;
import io.sipwarden.event.RequestSeen;
import io.sipwarden.event.SecurityEvent;
import io.sipwarden.event.TrapPortTouched;
import io.sipwarden.policy.Verdict;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The synchronous heart shared by live and replay: enrich → detect → decide → downstream.
 * {@link #process} runs on one thread, in event order; {@link #endBatch} hands the batch's
 * decisions on. Counters may be read from any thread through {@link #counters()}.
 */
public final class Engine {
    private static final Logger LOG = System.getLogger(Engine.class.getName());
    static final String[] KINDS = {"auth_failure", "auth_success", "request", "call_started", "call_ended", "trap"};

    private final Enricher enricher;
    private final Detection detection;
    private final Decider decider;
    private final InstantSource clock;
    private final EventClock eventClock;
    private final List<Downstream> downstream;
    private final List<Decider.Made> pending = new ArrayList<>();
    private final Map<String, Integer> ruleIndex = new LinkedHashMap<>();
    private final FindingSink findings = this::onFinding;
    private EnrichedEvent current;
    private Instant lastHousekeeping = Instant.EPOCH;
    private long lastFailureLog;

    // Single writer (the detection thread), readers anywhere: release stores, no locks.
    private final AtomicLongArray kinds = new AtomicLongArray(KINDS.length);
    private final AtomicLongArray rules;
    private final AtomicLongArray counts = new AtomicLongArray(C_COUNT);
    static final int C_DECISIONS = 0;
    static final int C_TRUSTED = 1;
    static final int C_FAILED = 2;
    static final int C_ALERTS = 3;
    static final int C_COUNT = 4;

    /**
     * @param clock      wall time live; an {@link EventClock} in replay, which the engine advances
     *                   to each event's time
     */
    public Engine(Enricher enricher, Detection detection, Decider decider, InstantSource clock, List<Downstream> downstream) {
        this.enricher = Objects.requireNonNull(enricher, "enricher");
        this.detection = Objects.requireNonNull(detection, "detection");
        this.decider = Objects.requireNonNull(decider, "decider");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.eventClock = clock instanceof EventClock ec ? ec : null;
        this.downstream = List.copyOf(downstream);
        detection.rules().forEach(r -> ruleIndex.putIfAbsent(r.rule(), ruleIndex.size()));
        this.rules = new AtomicLongArray(ruleIndex.size() + 1);
    }

    /** Processes one event. Never throws: a failing event is logged and counted. */
    public void process(SecurityEvent e) {
        try {
            bump(kinds, kindIndex(e));
            if (eventClock != null) {
                eventClock.advance(e.time());
            }
            EnrichedEvent enriched = enricher.enrich(e);
            for (Downstream d : downstream) {
                d.event(enriched);
            }
            if (enriched.verdict().outcome() == Verdict.Outcome.TRUSTED) {
                bump(counts, C_TRUSTED); // never banned: no point judging it
                return;
            }
            current = enriched;
            detection.observe(enriched, findings);
        } catch (RuntimeException ex) {
            bump(counts, C_FAILED);
            long now = System.nanoTime();
            // A broken policy or rule fails every event: say so every 10 s, not 500,000 times a second.
            if (now - lastFailureLog > 10_000_000_000L || lastFailureLog == 0) {
                lastFailureLog = now;
                LOG.log(Level.ERROR, "event from " + e.address().getHostAddress() + " could not be processed ("
                        + counts.get(C_FAILED) + " failed so far): " + ex, ex);
            }
        } finally {
            current = null;
        }
    }

    private void onFinding(Finding f) {
        Integer idx = ruleIndex.get(f.rule());
        bump(rules, idx == null ? rules.length() - 1 : idx);
        Instant now = clock.instant();
        switch (decider.decide(f, current.location(), now)) {
            case Decider.Made m -> {
                pending.add(m);
                bump(counts, C_DECISIONS);
            }
            case Decider.Alerted a -> {
                bump(counts, C_ALERTS);
                for (Downstream d : downstream) {
                    d.alert(a.finding(), current);
                }
            }
            case Decider.Refused r -> {
                // counted and logged by the trust guard
            }
            case Decider.Suppressed s -> {
                // already banned at least as long
            }
        }
    }

    /**
     * A decision made outside detection (manual, import) that must reach the same downstream
     * (store, enforcers, outputs). Detection thread only.
     */
    public void submit(Decider.Made made) {
        pending.add(made);
        bump(counts, C_DECISIONS);
    }

    /** Hands the batch's decisions downstream and flushes; also does periodic housekeeping. */
    public List<Decider.Made> endBatch() {
        List<Decider.Made> batch = pending.isEmpty() ? List.of() : List.copyOf(pending);
        pending.clear();
        for (Downstream d : downstream) {
            try {
                if (!batch.isEmpty()) {
                    d.decided(batch);
                }
                d.flush();
            } catch (RuntimeException ex) {
                LOG.log(Level.ERROR, "downstream " + d.getClass().getSimpleName() + " failed: " + ex, ex);
            }
        }
        Instant now = clock.instant();
        if (due(lastHousekeeping, now, Duration.ofMinutes(10))) {
            lastHousekeeping = now;
            decider.book().expire(now);
        }
        return batch;
    }

    /**
     * Whether a task last run at {@code last} is due again at {@code now}. Live, {@code now} is
     * wall time: after the clock is stepped back (NTP, a VM resumed) {@code last} lies in the
     * future, and waiting for {@code every} to pass after it would stop the task for as long as
     * the step, so a clock that went backwards makes it due at once.
     */
    static boolean due(Instant last, Instant now, Duration every) {
        Duration elapsed = Duration.between(last, now);
        return elapsed.isNegative() || elapsed.compareTo(every) >= 0;
    }

    public Decider decider() {
        return decider;
    }

    public Detection detection() {
        return detection;
    }

    public InstantSource clock() {
        return clock;
    }

    /** Counters for a {@link Status}; safe from any thread. */
    public Counters counters() {
        Map<String, Long> byKind = new LinkedHashMap<>();
        long total = 0;
        for (int i = 0; i < KINDS.length; i++) {
            long v = kinds.get(i);
            total += v;
            byKind.put(KINDS[i], v);
        }
        Map<String, Long> byRule = new LinkedHashMap<>();
        ruleIndex.forEach((rule, i) -> byRule.put(rule, rules.get(i)));
        if (rules.get(rules.length() - 1) > 0) {
            byRule.put("other", rules.get(rules.length() - 1));
        }
        return new Counters(total, byKind, byRule, counts.get(C_DECISIONS), decider.suppressedCount(),
                decider.guard().refusedCount(), counts.get(C_ALERTS), counts.get(C_TRUSTED), counts.get(C_FAILED));
    }

    /** Engine counters since start. */
    public record Counters(long events, Map<String, Long> eventsByKind, Map<String, Long> findingsByRule,
                           long decisions, long suppressed, long refused, long alerts, long trustedEvents,
                           long failedEvents) {
    }

    static int kindIndex(SecurityEvent e) {
        return switch (e) {
            case AuthFailure f -> 0;
            case AuthSuccess s -> 1;
            case RequestSeen r -> 2;
            case CallStarted c -> 3;
            case CallEnded c -> 4;
            case TrapPortTouched t -> 5;
        };
    }

    private static void bump(AtomicLongArray a, int i) {
        a.setRelease(i, a.getPlain(i) + 1);
    }
}
