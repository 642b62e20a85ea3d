package io.sipwarden.engine;

import io.sipwarden.decision.BanBook;
import io.sipwarden.decision.Decider;
import io.sipwarden.decision.Decision;
import io.sipwarden.decision.Origin;
import io.sipwarden.decision.TrustGuard;
import io.sipwarden.detect.Detection;
import io.sipwarden.detect.Detector;
import io.sipwarden.enforce.Enforcer;
import io.sipwarden.enforce.EnforcerSet;
import io.sipwarden.geo.GeoLocation;
import io.sipwarden.geo.GeoLookup;
import io.sipwarden.net.Cidr;
import io.sipwarden.output.EveOutput;
import io.sipwarden.policy.Policy;
import io.sipwarden.sensor.EventSource;
import io.sipwarden.store.ActiveDecisions;
import io.sipwarden.store.Store;
import io.sipwarden.store.sqlite.SqliteStore;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The running daemon assembled: store → restored bans and offences → enforcers reconciled →
 * engine and detection thread → sources started. {@link #close} stops in the reverse order and
 * loses nothing queued. The same engine code as {@link Replay}; only the clock and queue differ.
 */
public final class Daemon implements AutoCloseable {
    private static final Logger LOG = System.getLogger(Daemon.class.getName());
    private static final Duration STATUS_EVERY = Duration.ofSeconds(5);
    private static final Duration RECONCILE_EVERY = Duration.ofMinutes(10);
    private static final Duration POLL_EVERY = Duration.ofSeconds(5);
    // A change committed a little after its own timestamp must not slip between two polls.
    private static final Duration POLL_OVERLAP = Duration.ofMinutes(1);

    private final EngineSettings settings;
    private final Store store;
    private final EnforcerSet enforcers;
    private final EveOutput eve;
    private final Engine engine;
    private final Pipeline pipeline;
    private final List<EventSource> sources;
    private final InstantSource clock;
    private final Instant started;
    private final Path stateDir;
    private Instant lastStatus = Instant.EPOCH;
    private Instant lastReconcile;
    private Instant lastPoll;
    /**
     * Store changes already applied, so the overlapping polls apply each once: id (or "revoked:" + id)
     * → a time at or after the change's own. A poll asks for changes after {@code since}, so an entry
     * at or before it can never come back and is forgotten; the map holds about a minute of changes.
     * It used to keep the last 10,000 whatever their age, which evicted changes still inside the
     * window when more came in one minute, and the next poll applied those again.
     */
    private final java.util.Map<String, Instant> applied = new java.util.HashMap<>();
    private volatile boolean closed;
    private volatile Status lastSnapshot;

    private Daemon(EngineSettings settings, Store store, EnforcerSet enforcers, EveOutput eve, Engine engine,
                   List<EventSource> sources, InstantSource clock, Path stateDir) {
        this.settings = settings;
        this.store = store;
        this.enforcers = enforcers;
        this.eve = eve;
        this.engine = engine;
        this.pipeline = new Pipeline(engine, settings.queueCapacity());
        this.sources = List.copyOf(sources);
        this.clock = clock;
        this.started = clock.instant();
        this.lastReconcile = started;
        this.lastPoll = started;
        this.stateDir = stateDir;
    }

    /**
     * Opens the SQLite store named in the settings and starts everything.
     *
     * @throws io.sipwarden.store.StoreException when the store cannot be opened at all
     */
    public static Daemon start(EngineSettings settings, Policy policy, GeoLookup geo, List<Enforcer> enforcers,
                               List<EventSource> sources, List<Detector> extraRules) {
        Store store = SqliteStore.open(settings.store());
        return start(settings, store, settings.store().stateDirectory(), policy, geo, enforcers, sources, extraRules,
                InstantSource.system());
    }

    /** Starts on a given store and clock (tests, other store backends). */
    public static Daemon start(EngineSettings settings, Store store, Path stateDir, Policy policy, GeoLookup geo,
                               List<Enforcer> enforcers, List<EventSource> sources, List<Detector> extraRules,
                               InstantSource clock) {
        Objects.requireNonNull(settings, "settings");
        Instant now = clock.instant();
        BanBook book = new BanBook(settings.ban().maxOffenders(), settings.ban().decay());
        store.forEachOffender(now.minus(settings.ban().decay()), book::restoreOffender);
        TrustGuard guard = new TrustGuard(policy::isTrusted, policy::trustedScopes);
        int[] restored = {0};
        store.forEachActive(now, d -> {
            // Trust is absolute even for bans made before the address became trusted.
            if (d.type() == Decision.Type.BAN && guard.check(d.scope(), "store (restored at start)") != null) {
                return;
            }
            book.restore(d);
            restored[0]++;
        });
        EnforcerSet set = new EnforcerSet(enforcers);
        // A paged view: a million restored bans are never all in memory at once.
        set.reconcile(activeView(store, now, guard), now);
        LOG.log(Level.INFO, "restored {0} active bans from the store and handed them to {1} enforcer(s)",
                restored[0], enforcers.size());
        Decider decider = new Decider(settings.ban(), guard, book);
        EveOutput eve = EveOutput.open(settings.output());
        List<Downstream> down = new ArrayList<>();
        down.add(Outlets.store(store));
        down.add(Outlets.enforcers(set));
        if (eve != null) {
            down.add(Outlets.eve(eve));
        }
        Engine engine = new Engine(new Enricher(policy, geo), new Detection(settings.detect(), extraRules), decider, clock, down);
        Daemon d = new Daemon(settings, store, set, eve, engine, sources, clock, stateDir);
        d.pipeline.every(d::periodic);
        d.pipeline.start();
        for (EventSource s : d.sources) {
            try {
                s.start(d.pipeline);
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "source " + s.name() + " failed to start: " + e, e);
            }
        }
        d.writeStatus();
        return d;
    }

    /** Where sensors hand events (also for sources started later). */
    public Pipeline sink() {
        return pipeline;
    }

    /** Reopens the EVE file (call on SIGHUP after logrotate). */
    public void reopenOutputs() {
        if (eve != null) {
            eve.reopen();
        }
    }

    /** A manual ban while running; same trust guard, store and enforcers as detector bans. */
    public CompletableFuture<Decider.Result> ban(Cidr scope, Duration length, String reason, String who) {
        CompletableFuture<Decider.Result> f = new CompletableFuture<>();
        boolean queued = pipeline.run(e -> {
            Decider.Result r = e.decider().request(scope, length, reason, Origin.manual(who), GeoLocation.UNKNOWN, clock.instant());
            if (r instanceof Decider.Made m) {
                e.submit(m);
            }
            f.complete(r);
        });
        if (!queued) {
            f.completeExceptionally(new IllegalStateException("engine queue full or daemon stopping; try again"));
        }
        return f;
    }

    /** Lifts the bans on {@code scope} now: memory, store and enforcers. */
    public CompletableFuture<Integer> unban(Cidr scope) {
        CompletableFuture<Integer> f = new CompletableFuture<>();
        boolean queued = pipeline.run(e -> {
            Instant now = clock.instant();
            List<Decision> lifted = new ArrayList<>();
            store.forEachActive(now, d -> {
                if (d.scope().equals(scope)) {
                    lifted.add(d);
                }
            });
            e.decider().book().lift(scope);
            store.revoke(scope, now);
            enforcers.remove(lifted);
            f.complete(lifted.size());
        });
        if (!queued) {
            f.completeExceptionally(new IllegalStateException("engine queue full or daemon stopping; try again"));
        }
        return f;
    }

    /**
     * A fresh snapshot. The engine's state belongs to the detection thread, so from any other
     * thread the snapshot is taken there (waiting up to 2 s); if it is too busy, the last one.
     */
    public Status status() {
        if (pipeline.isDetectionThread() || !pipeline.isAlive()) {
            Status s = buildStatus();
            lastSnapshot = s;
            return s;
        }
        CompletableFuture<Status> f = new CompletableFuture<>();
        if (pipeline.run(e -> f.complete(buildStatus()))) {
            try {
                Status s = f.get(2, java.util.concurrent.TimeUnit.SECONDS);
                lastSnapshot = s;
                return s;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                // fall through to the last snapshot
            }
        }
        Status last = lastSnapshot;
        return last != null ? last : buildStatus();
    }

    private Status buildStatus() {
        List<Status.Component> enf = enforcers.health().stream()
                .map(n -> new Status.Component(n.name(), n.health().ok(), n.health().detail())).toList();
        Store.Health h = store.health();
        String detail = h.detail() + (h.pending() > 0 ? " (" + h.pending() + " writes pending)" : "");
        return StatusBuilder.of(engine, started, clock.instant(), pipeline.dropped(), pipeline.depth(), enf,
                new Status.Component("store", h.ok(), detail));
    }

    public Store store() {
        return store;
    }

    private void periodic() {
        Instant now = clock.instant();
        if (Engine.due(lastPoll, now, POLL_EVERY)) {
            Instant since = lastPoll.minus(POLL_OVERLAP);
            lastPoll = now;
            try {
                applyExternalChanges(since, now);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "cannot read ban changes from the store: {0}", e.getMessage());
            }
        }
        if (Engine.due(lastStatus, now, STATUS_EVERY)) {
            lastStatus = now;
            writeStatus();
        }
        if (Engine.due(lastReconcile, now, RECONCILE_EVERY)) {
            lastReconcile = now;
            // Runs on the enforcement thread: reading a million bans must not stall detection.
            TrustGuard guard = engine.decider().guard();
            enforcers.reconcileLater(() -> activeView(store, clock.instant(), guard), clock::instant);
        }
    }

    private static ActiveDecisions activeView(Store store, Instant now, TrustGuard guard) {
        return new ActiveDecisions(store, now, d -> d.type() != Decision.Type.BAN || !guard.wouldRefuse(d.scope()));
    }

    /**
     * Bans added or lifted by `sipwarden bans` (another process) since the last poll. Revocations go
     * first, to the enforcers too: `bans remove X && bans add X --for 1d` gives both in one poll, and
     * the old ban's revocation lifts the scope, which is how bans are keyed. A revocation lifts only
     * the ban its decision put in force: one returned again (a clock stepped back past a change this
     * map has forgotten) must not lift the newer ban an earlier poll applied.
     */
    private void applyExternalChanges(Instant since, Instant now) {
        TrustGuard guard = engine.decider().guard();
        BanBook book = engine.decider().book();
        List<Decision> made = new ArrayList<>();
        List<Decision> revoked = new ArrayList<>();
        applied.values().removeIf(t -> !t.isAfter(since));
        store.forEachChangeSince(since, d -> {
            if (d.isActiveAt(now) && applied.putIfAbsent(d.id(), d.created()) == null && d.type() == Decision.Type.BAN) {
                made.add(d);
            }
        }, d -> {
            // The revocation's own time is not in the row; it was committed before this read, so now is not earlier.
            if (applied.putIfAbsent("revoked:" + d.id(), now) == null) {
                revoked.add(d);
            }
        });
        List<Decision> remove = new ArrayList<>();
        for (Decision d : revoked) {
            if (book.lift(d, now)) {
                remove.add(d);
            }
        }
        List<Decision> add = new ArrayList<>();
        for (Decision d : made) {
            if (guard.check(d.scope(), d.origin().kind().name().toLowerCase(java.util.Locale.ROOT) + " " + d.origin().name()) == null) {
                book.restore(d);
                if (!book.outlasted(d, now)) {
                    add.add(d); // a shorter ban than the one in force would cut the kernel's timeout
                }
            }
        }
        if (!add.isEmpty() || !revoked.isEmpty()) {
            LOG.log(Level.INFO, "applying {0} ban(s) and {1} unban(s) made outside the daemon{2}", add.size(), remove.size(),
                    remove.size() < revoked.size() ? "; " + (revoked.size() - remove.size())
                            + " revocation(s) left a newer ban on the same scope in force" : "");
            enforcers.remove(remove);
            enforcers.add(add);
        }
    }

    /** How many store changes are remembered as applied (tests: it must not grow with the daemon's age). */
    int appliedChanges() {
        CompletableFuture<Integer> f = new CompletableFuture<>();
        if (!pipeline.run(e -> f.complete(applied.size()))) {
            return applied.size();
        }
        return f.join();
    }

    /** Waits until the enforcers have been handed everything queued so far (tests: after a poll). */
    boolean drainEnforcers() {
        return enforcers.drain(10_000);
    }

    private synchronized void writeStatus() {
        try {
            StatusFile.write(stateDir, status());
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "cannot write {0} in {1}: {2}", StatusFile.NAME, stateDir, e.toString());
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (EventSource s : sources) {
            try {
                s.close();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "source {0} close failed: {1}", s.name(), e.toString());
            }
        }
        pipeline.close();
        writeStatus();
        store.close();
        enforcers.close();
        if (eve != null) {
            eve.close();
        }
    }
}
