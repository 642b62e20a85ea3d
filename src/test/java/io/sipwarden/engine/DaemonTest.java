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
        EngineSettings settings = new EngineSettings(null, null, StoreSettings.inDirectory(state), null, null);
        SteppedClock clock = new SteppedClock();
        LogEnforcer log = new LogEnforcer();
        SqliteStore store = SqliteStore.open(settings.store());
        try (Daemon d = Daemon.start(settings, store, state, new MapPolicy(), new MapGeo(), List.of(log), List.of(),
                List.of(), clock)) {
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
        EngineSettings settings = new EngineSettings(null, null, StoreSettings.inDirectory(state), null, null);
        SteppedClock clock = new SteppedClock();
        LogEnforcer log = new LogEnforcer();
        SqliteStore store = SqliteStore.open(settings.store());
        try (Daemon d = Daemon.start(settings, store, state, new MapPolicy(), new MapGeo(), List.of(log), List.of(),
                List.of(), clock)) {
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
