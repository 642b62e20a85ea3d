package io.sipwarden.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sipwarden.decision.Decider;
import io.sipwarden.decision.Decision;
import io.sipwarden.decision.Origin;
import io.sipwarden.enforce.EnforcementException;
import io.sipwarden.enforce.Enforcer;
import io.sipwarden.enforce.log.LogEnforcer;
import io.sipwarden.event.AuthFailure;
import io.sipwarden.event.EventMeta;
import io.sipwarden.event.Sensor;
import io.sipwarden.event.Source;
import io.sipwarden.event.Stack;
import io.sipwarden.event.Transport;
import io.sipwarden.geo.GeoLocation;
import io.sipwarden.net.Addresses;
import io.sipwarden.net.Cidr;
import io.sipwarden.store.StoreSettings;
import io.sipwarden.store.sqlite.SqliteStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DaemonTest {

    private static void bruteForce(Daemon d, String address) {
        Instant now = Instant.now();
        for (int i = 0; i < 5; i++) {
            EventMeta m = new EventMeta(now.plusMillis(i), Stack.PJSIP, Source.of(Addresses.parse(address), 5060, Transport.UDP),
                    new Sensor(Sensor.Kind.LOG, "test"), "", "security-event");
            d.sink().accept(new AuthFailure(m, "1001", AuthFailure.Reason.WRONG_PASSWORD, ""));
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    /** An enforcer that always fails, as a broken kernel backend would. */
    private static final class BrokenEnforcer implements Enforcer {
        @Override
        public String name() {
            return "broken";
        }

        @Override
        public void add(Collection<Decision> decisions) throws EnforcementException {
            throw new EnforcementException("nft: Operation not permitted (run as root or grant CAP_NET_ADMIN)");
        }

        @Override
        public void remove(Collection<Decision> decisions) throws EnforcementException {
            throw new EnforcementException("nft: Operation not permitted");
        }

        @Override
        public ReconcileReport reconcile(Collection<Decision> active, Instant now) throws EnforcementException {
            throw new EnforcementException("nft: Operation not permitted");
        }

        @Override
        public Health health() {
            return Health.ok("claims to be fine");
        }
    }

    @Test
    void lockedStoreAndBrokenEnforcerNeverStopEnforcementOrDetection(@TempDir Path state) throws Exception {
        StoreSettings ss = new StoreSettings(state.resolve("sipwarden.db").toString(), Duration.ofMillis(100), null, null);
        EngineSettings settings = new EngineSettings(null, null, ss, null, null);
        LogEnforcer log = new LogEnforcer();
        try (Daemon d = Daemon.start(settings, new MapPolicy(), new MapGeo(), List.of(new BrokenEnforcer(), log), List.of(), List.of());
             Connection locker = DriverManager.getConnection("jdbc:sqlite:" + ss.path())) {
            try (Statement st = locker.createStatement()) {
                st.execute("BEGIN EXCLUSIVE");
            }
            bruteForce(d, "198.51.100.10");
            await(() -> log.size() == 1, "the ban to reach the working enforcer");
            await(() -> !d.status().store().ok(), "the store to report degraded");
            Status s = d.status();
            assertThat(s.degraded()).isTrue();
            assertThat(s.enforcers()).extracting(Status.Component::name, Status.Component::ok)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("broken", false), org.assertj.core.groups.Tuple.tuple("log", true));
            assertThat(s.activeBans()).isEqualTo(1);
            try (Statement st = locker.createStatement()) {
                st.execute("ROLLBACK");
            }
            assertThat(d.store().flush(Duration.ofSeconds(40))).isTrue();
            assertThat(d.store().active(Instant.now())).extracting(x -> x.scope().toString()).containsExactly("198.51.100.10");
            assertThat(d.status().store().ok()).isTrue();
        }
        assertThat(StatusFile.read(state)).get().extracting(Status::decisions).isEqualTo(1L);
    }

    @Test
    void manualBanAndUnbanWhileRunningGoThroughTheSameStages(@TempDir Path state) throws Exception {
        EngineSettings settings = new EngineSettings(null, null, StoreSettings.inDirectory(state), null, null);
        LogEnforcer log = new LogEnforcer();
        try (Daemon d = Daemon.start(settings, new MapPolicy().trust("192.0.2.10"), new MapGeo(), List.of(log), List.of(), List.of())) {
            assertThat(d.ban(Cidr.parse("192.0.2.10"), null, "oops", "op").get(5, TimeUnit.SECONDS)).isInstanceOf(Decider.Refused.class);
            assertThat(d.ban(Cidr.parse("203.0.113.0/24"), Duration.ofDays(1), "abuse", "op").get(5, TimeUnit.SECONDS))
                    .isInstanceOf(Decider.Made.class);
            await(() -> log.size() == 1, "the manual ban to reach the enforcer");
            bruteForce(d, "203.0.113.5");
            Thread.sleep(300);
            assertThat(d.status().suppressed()).as("inside the banned prefix: not banned again").isEqualTo(1);
            assertThat(d.unban(Cidr.parse("203.0.113.0/24")).get(5, TimeUnit.SECONDS)).isEqualTo(1);
            await(() -> log.size() == 0, "the unban to reach the enforcer");
            assertThat(d.store().flush(Duration.ofSeconds(5))).isTrue();
            assertThat(d.store().active(Instant.now())).isEmpty();
        }
    }

    /** A trunk inside a manually banned /24 was banned with it: the daemon's guard only checked the prefix's ends. */
    @Test
    void aPrefixBanContainingATrustedAddressIsRefused(@TempDir Path state) throws Exception {
        EngineSettings settings = new EngineSettings(null, null, StoreSettings.inDirectory(state), null, null);
        LogEnforcer log = new LogEnforcer();
        try (Daemon d = Daemon.start(settings, new MapPolicy().trust("203.0.113.5"), new MapGeo(), List.of(log), List.of(), List.of())) {
            assertThat(d.ban(Cidr.parse("203.0.113.0/24"), Duration.ofDays(1), "abuse", "op").get(5, TimeUnit.SECONDS))
                    .isInstanceOf(Decider.Refused.class);
            assertThat(d.ban(Cidr.parse("198.51.100.0/24"), Duration.ofDays(1), "abuse", "op").get(5, TimeUnit.SECONDS))
                    .isInstanceOf(Decider.Made.class);
        }
    }

    @Test
    void aStoredBanOnANowTrustedAddressIsRefusedAtStart(@TempDir Path state) throws Exception {
        EngineSettings settings = new EngineSettings(null, null, StoreSettings.inDirectory(state), null, null);
        try (Daemon d = Daemon.start(settings, new MapPolicy(), new MapGeo(), List.of(new LogEnforcer()), List.of(), List.of())) {
            bruteForce(d, "192.0.2.10");
            bruteForce(d, "198.51.100.11");
            await(() -> d.status().decisions() == 2, "two bans");
        }
        // The operator then adds 192.0.2.10 (a trunk) to the trusted networks and restarts.
        LogEnforcer log = new LogEnforcer();
        try (Daemon d = Daemon.start(settings, new MapPolicy().trust("192.0.2.10"), new MapGeo(), List.of(log), List.of(), List.of())) {
            assertThat(log.size()).as("only the untrusted ban reaches the enforcer").isEqualTo(1);
            assertThat(d.status().refused()).isEqualTo(1);
            assertThat(d.status().activeBans()).isEqualTo(1);
        }
    }

    @Test
    void bansAddedAndRemovedByTheCliReachARunningDaemon(@TempDir Path state) throws Exception {
        EngineSettings settings = new EngineSettings(null, null, StoreSettings.inDirectory(state), null, null);
        LogEnforcer log = new LogEnforcer();
        try (Daemon d = Daemon.start(settings, new MapPolicy(), new MapGeo(), List.of(log), List.of(), List.of())) {
            String sd = "--state-dir=" + state;
            assertThat(io.sipwarden.cli.Main.execute("bans", "add", sd, "203.0.113.77", "--for", "1h")).isZero();
            await(() -> log.size() == 1, "the CLI ban to reach the enforcer (poll every 5 s)");
            assertThat(d.status().activeBans()).isEqualTo(1);
            assertThat(io.sipwarden.cli.Main.execute("bans", "remove", sd, "203.0.113.77")).isZero();
            await(() -> log.size() == 0, "the CLI unban to reach the enforcer");
            assertThat(d.status().activeBans()).isZero();
        }
    }

    /** The system clock plus an offset the test changes, as NTP steps a clock. */
    private static final class SteppedClock implements InstantSource {
        volatile Duration offset = Duration.ZERO;

        @Override
        public Instant instant() {
            return Instant.now().plus(offset);
        }
    }

    @Test
    void aBanMadeAfterTheClockWasSteppedBackStillReachesTheEnforcers(@TempDir Path state) throws Exception {
        // Periodic tasks waited for the interval to pass after a last run that now lay an hour ahead.
        SteppedClock clock = new SteppedClock();
        LogEnforcer log = new LogEnforcer();
        SqliteStore store = SqliteStore.open(StoreSettings.inDirectory(state));
        try (Daemon d = daemonOn(state, store, log, clock)) {
            clock.offset = Duration.ofHours(-1);
            Instant now = clock.instant();
            store.save(new Decision(UUID.randomUUID().toString(), Cidr.parse("203.0.113.78"), Decision.Type.BAN,
                    Origin.manual("op"), "by the CLI", GeoLocation.UNKNOWN, now, now, now, now.plus(Duration.ofHours(1))));
            await(() -> log.size() == 1, "the CLI ban to reach the enforcer (poll every 5 s)");
        }
    }

    /** Applied CLI changes were remembered for the daemon's life (up to 10,000): only those a poll can still return are kept. */
    @Test
    void appliedStoreChangesAreForgottenOnceNoPollCanReturnThem(@TempDir Path state) throws Exception {
        SteppedClock clock = new SteppedClock();
        LogEnforcer log = new LogEnforcer();
        SqliteStore store = SqliteStore.open(StoreSettings.inDirectory(state));
        try (Daemon d = daemonOn(state, store, log, clock)) {
            Instant now = clock.instant();
            for (String a : List.of("203.0.113.80", "203.0.113.81")) {
                store.save(new Decision(UUID.randomUUID().toString(), Cidr.parse(a), Decision.Type.BAN,
                        Origin.manual("op"), "by the CLI", GeoLocation.UNKNOWN, now, now, now, now.plus(Duration.ofHours(1))));
            }
            await(() -> log.size() == 2, "the CLI bans to reach the enforcer (poll every 5 s)");
            store.revoke(Cidr.parse("203.0.113.81"), clock.instant());
            await(() -> log.size() == 1, "the CLI unban to reach the enforcer");
            assertThat(d.appliedChanges()).as("two bans and a revocation").isEqualTo(3);
            // Ten minutes on: the second poll from now asks for changes after a time past all three.
            clock.offset = Duration.ofMinutes(10);
            await(() -> d.appliedChanges() == 0, "the applied changes to be forgotten");
            assertThat(log.size()).as("forgetting applies nothing again and lifts nothing").isEqualTo(1);
            assertThat(d.status().activeBans()).isEqualTo(1);
        }
    }

    /** A clock that moves only when the test sets it, so the test decides which changes each poll sees. */
    private static final class ManualClock implements InstantSource {
        // Whole milliseconds, as the store keeps times.
        final Instant start = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        volatile Instant now = start;

        void at(Duration sinceStart) {
            now = start.plus(sinceStart);
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** A backend holding scope → until as a kernel set does: an add replaces, a remove deletes the scope. */
    private static final class HeldEnforcer implements Enforcer {
        final java.util.Map<String, Instant> held = new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        public String name() {
            return "held";
        }

        @Override
        public void add(Collection<Decision> decisions) {
            decisions.forEach(d -> held.put(d.scope().toString(), d.until()));
        }

        @Override
        public void remove(Collection<Decision> decisions) {
            decisions.forEach(d -> held.remove(d.scope().toString()));
        }

        @Override
        public ReconcileReport reconcile(Collection<Decision> active, Instant now) {
            held.clear();
            add(active);
            return new ReconcileReport(0, 0, 0, false);
        }

        @Override
        public Health health() {
            return Health.ok("test");
        }
    }

    private static Decision cliBan(String scope, Instant created, Duration length) {
        return new Decision(UUID.randomUUID().toString(), Cidr.parse(scope), Decision.Type.BAN, Origin.manual("op"),
                "by the CLI", GeoLocation.UNKNOWN, created, created, created, created.plus(length));
    }

    /** Moves the clock so the next poll runs, and waits until it has applied what it found. */
    /** A daemon on {@code store} in {@code state} whose one enforcer is {@code enforcer}, for the store-change tests. */
    private static Daemon daemonOn(Path state, SqliteStore store, Enforcer enforcer, InstantSource clock) throws Exception {
        EngineSettings settings = new EngineSettings(null, null, StoreSettings.inDirectory(state), null, null);
        return Daemon.start(settings, store, state, new MapPolicy(), new MapGeo(), List.of(enforcer), List.of(), List.of(), clock);
    }

    private static void poll(Daemon d, ManualClock clock, Duration at, int appliedAfter) throws InterruptedException {
        clock.at(at);
        await(() -> d.appliedChanges() == appliedAfter, "the poll at " + at + " to apply its changes");
        assertThat(d.drainEnforcers()).isTrue();
    }

    /**
     * `bans add X --for 5m` while a 1d ban on X is in force: the shorter decision was handed to the
     * enforcers, whose add overwrites an element's timeout, so the kernel let X in after five minutes.
     */
    @Test
    void aShorterBanMadeWhileALongerOneIsInForceDoesNotReachTheEnforcers(@TempDir Path state) throws Exception {
        ManualClock clock = new ManualClock();
        HeldEnforcer enforcer = new HeldEnforcer();
        SqliteStore store = SqliteStore.open(StoreSettings.inDirectory(state));
        try (Daemon d = daemonOn(state, store, enforcer, clock)) {
            Instant t0 = clock.start;
            Decision day = cliBan("203.0.113.93", t0, Duration.ofDays(1));
            store.save(day);
            assertThat(store.flush(Duration.ofSeconds(5))).isTrue();
            poll(d, clock, Duration.ofSeconds(5), 1);
            assertThat(enforcer.held).containsOnly(java.util.Map.entry("203.0.113.93", day.until()));

            Decision brief = cliBan("203.0.113.93", t0.plusSeconds(6), Duration.ofMinutes(5));
            Decision longer = cliBan("203.0.113.94", t0.plusSeconds(6), Duration.ofDays(2));
            store.save(brief);
            store.save(longer);
            assertThat(store.flush(Duration.ofSeconds(5))).isTrue();
            poll(d, clock, Duration.ofSeconds(10), 3);

            assertThat(enforcer.held).containsOnly(java.util.Map.entry("203.0.113.93", day.until()),
                    java.util.Map.entry("203.0.113.94", longer.until()));
            assertThat(d.status().activeBans()).isEqualTo(2);
        }
    }

    /** `bans remove X && bans add X --for 1d` in one poll window: the old ban's revocation, applied last, lifted the new ban. */
    @Test
    void aBanRemovedAndAddedAgainWithinOnePollStaysInForce(@TempDir Path state) throws Exception {
        ManualClock clock = new ManualClock();
        HeldEnforcer enforcer = new HeldEnforcer();
        SqliteStore store = SqliteStore.open(StoreSettings.inDirectory(state));
        try (Daemon d = daemonOn(state, store, enforcer, clock)) {
            Instant t0 = clock.start;
            store.save(cliBan("203.0.113.90", t0, Duration.ofHours(1)));
            store.save(cliBan("203.0.113.91", t0, Duration.ofDays(1)));
            assertThat(store.flush(Duration.ofSeconds(5))).isTrue();
            poll(d, clock, Duration.ofSeconds(5), 2);
            assertThat(enforcer.held).containsOnlyKeys("203.0.113.90", "203.0.113.91");

            // One ban made longer, one made shorter; both changes land before the next poll.
            Instant t6 = t0.plusSeconds(6);
            Decision longer = cliBan("203.0.113.90", t6, Duration.ofDays(1));
            Decision shorter = cliBan("203.0.113.91", t6, Duration.ofHours(1));
            store.revoke(Cidr.parse("203.0.113.90"), t6);
            store.save(longer);
            store.revoke(Cidr.parse("203.0.113.91"), t6);
            store.save(shorter);
            assertThat(store.flush(Duration.ofSeconds(5))).isTrue();
            poll(d, clock, Duration.ofSeconds(10), 6);

            assertThat(enforcer.held).containsOnly(java.util.Map.entry("203.0.113.90", longer.until()),
                    java.util.Map.entry("203.0.113.91", shorter.until()));
            assertThat(d.status().activeBans()).as("the daemon's own ban list").isEqualTo(2);
            assertThat(store.active(clock.instant())).hasSize(2);
        }
    }

    /**
     * The old ban's revocation, forgotten as applied and returned again after the clock stepped back,
     * lifted the newer ban on the same address that an earlier poll had applied.
     */
    @Test
    void aRevocationSeenAgainAfterTheClockSteppedBackDoesNotLiftANewerBan(@TempDir Path state) throws Exception {
        ManualClock clock = new ManualClock();
        HeldEnforcer enforcer = new HeldEnforcer();
        SqliteStore store = SqliteStore.open(StoreSettings.inDirectory(state));
        try (Daemon d = daemonOn(state, store, enforcer, clock)) {
            Instant t0 = clock.start;
            store.save(cliBan("203.0.113.92", t0, Duration.ofHours(1)));
            assertThat(store.flush(Duration.ofSeconds(5))).isTrue();
            poll(d, clock, Duration.ofSeconds(5), 1);

            // The revocation and the new ban reach the daemon in separate polls, in their true order.
            store.revoke(Cidr.parse("203.0.113.92"), t0.plusSeconds(6));
            assertThat(store.flush(Duration.ofSeconds(5))).isTrue();
            poll(d, clock, Duration.ofSeconds(10), 2);
            assertThat(enforcer.held).isEmpty();
            Decision newer = cliBan("203.0.113.92", t0.plusSeconds(80), Duration.ofDays(1));
            store.save(newer);
            assertThat(store.flush(Duration.ofSeconds(5))).isTrue();
            poll(d, clock, Duration.ofSeconds(80), 3);
            assertThat(enforcer.held).containsOnly(java.util.Map.entry("203.0.113.92", newer.until()));

            // This poll asks for changes after t0+20s: the first ban and its revocation are forgotten, the newer ban is not.
            poll(d, clock, Duration.ofSeconds(85), 1);

            // The clock steps back 55 s. The first poll after the step still asks from before it; another
            // CLI ban tells when it has run. The next one asks from t0-30s and gets the revocation again.
            store.save(cliBan("198.51.100.93", t0.plusSeconds(28), Duration.ofHours(1)));
            assertThat(store.flush(Duration.ofSeconds(5))).isTrue();
            poll(d, clock, Duration.ofSeconds(30), 2);
            poll(d, clock, Duration.ofSeconds(35), 3);

            assertThat(enforcer.held).containsEntry("203.0.113.92", newer.until()).hasSize(2);
            assertThat(d.status().activeBans()).as("the daemon's own ban list").isEqualTo(2);
        }
    }

    @Test
    void aBanAskedForOnceTheDaemonStopsIsRefusedNotLeftHanging(@TempDir Path state) throws Exception {
        // A task queued after the detection thread's last look at the queue never ran: the ban was lost, its future never done.
        EngineSettings settings = new EngineSettings(null, null, StoreSettings.inDirectory(state), null, null);
        Daemon d = Daemon.start(settings, new MapPolicy(), new MapGeo(), List.of(new LogEnforcer()), List.of(), List.of());
        d.close();
        CompletableFuture<Decider.Result> f = d.ban(Cidr.parse("203.0.113.9"), Duration.ofHours(1), "abuse", "op");
        assertThatThrownBy(() -> f.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasMessageContaining("stopping");
    }
}
