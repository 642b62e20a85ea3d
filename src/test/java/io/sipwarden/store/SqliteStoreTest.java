package io.sipwarden.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipwarden.decision.Decision;
import io.sipwarden.decision.Origin;
import io.sipwarden.geo.GeoLocation;
import io.sipwarden.net.Addresses;
import io.sipwarden.net.Cidr;
import io.sipwarden.sensor.CursorStore;
import io.sipwarden.store.sqlite.SqliteStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteStoreTest {
    static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");

    static Decision ban(String scope, Instant created, Duration length) {
        return SqliteStoreFixtures.ban(scope, created, length);
    }

    @Test
    void decisionsOffendersAndCursorsRoundTrip(@TempDir Path dir) {
        StoreSettings s = StoreSettings.inDirectory(dir.resolve("state"));
        Decision a = ban("198.51.100.1", T0, Duration.ofHours(1));
        Decision aLonger = ban("198.51.100.1", T0.plusSeconds(60), Duration.ofHours(4));
        Decision b = ban("2001:db8::/48", T0, Duration.ofDays(1));
        Decision expired = ban("198.51.100.2", T0.minus(Duration.ofHours(3)), Duration.ofHours(1));
        try (SqliteStore store = SqliteStore.open(s)) {
            assertThat(store.schemaVersion()).isEqualTo(2);
            List.of(a, aLonger, b, expired).forEach(store::save);
            store.recordOffence(Addresses.parse("198.51.100.1"), 2, T0);
            store.save(new CursorStore.Cursor("/var/log/asterisk/security", "2049:1234", 4096, 77));
            assertThat(store.flush(Duration.ofSeconds(10))).isTrue();
        }
        try (SqliteStore store = SqliteStore.open(s)) {
            List<Decision> active = store.active(T0.plusSeconds(120));
            assertThat(active).containsExactlyInAnyOrder(aLonger, b);
            List<String> offenders = new ArrayList<>();
            store.forEachOffender(T0.minusSeconds(1), (addr, n, last) -> offenders.add(addr.getHostAddress() + " " + n + " " + last));
            assertThat(offenders).containsExactly("198.51.100.1 2 " + T0);
            assertThat(store.load("/var/log/asterisk/security")).contains(new CursorStore.Cursor("/var/log/asterisk/security", "2049:1234", 4096, 77));
            store.revoke(Cidr.parse("198.51.100.1"), T0.plusSeconds(300));
            assertThat(store.flush(Duration.ofSeconds(10))).isTrue();
            assertThat(store.active(T0.plusSeconds(400))).containsExactly(b);
        }
    }

    @Test
    void schemaVersionsAreRecordedAndANewerDatabaseIsRejected(@TempDir Path dir) throws Exception {
        StoreSettings s = StoreSettings.inDirectory(dir);
        SqliteStore.open(s).close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + s.path()); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT version, what FROM schema_version")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
            st.execute("INSERT INTO schema_version(version, what, applied_at) VALUES (99, 'future', 0)");
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SqliteStore.open(s))
                .isInstanceOf(StoreException.class).hasMessageContaining("newer than this sipwarden").hasMessageContaining(s.path());
    }

    @Test
    void lockedDatabaseDegradesRetriesAndRecoversWithoutLosingWrites(@TempDir Path dir) throws Exception {
        StoreSettings s = new StoreSettings(dir.resolve("sipwarden.db").toString(), Duration.ofMillis(200), null, null);
        try (SqliteStore store = SqliteStore.open(s);
             Connection locker = DriverManager.getConnection("jdbc:sqlite:" + s.path())) {
            try (Statement st = locker.createStatement()) {
                st.execute("PRAGMA busy_timeout = 0");
                st.execute("BEGIN EXCLUSIVE");
            }
            Decision d = ban("198.51.100.7", T0, Duration.ofHours(1));
            store.save(d); // never blocks, never throws
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (store.health().ok() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(store.health().ok()).isFalse();
            assertThat(store.health().detail()).contains("write failed").contains("retried");
            assertThat(store.health().pending()).isGreaterThanOrEqualTo(1);
            try (Statement st = locker.createStatement()) {
                st.execute("ROLLBACK");
            }
            assertThat(store.flush(Duration.ofSeconds(15))).isTrue();
            assertThat(store.health().ok()).isTrue();
            assertThat(store.active(T0)).containsExactly(d);
        }
    }

    @Test
    void unopenableStoreGivesAClearError(@TempDir Path dir) throws Exception {
        Path notADir = dir.resolve("file");
        java.nio.file.Files.writeString(notADir, "x");
        StoreSettings s = new StoreSettings(notADir.resolve("sipwarden.db").toString(), null, null, null);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SqliteStore.open(s))
                .isInstanceOf(StoreException.class).hasMessageContaining("state directory");
    }

    @Test
    void recentEventsAreBoundedByRetention(@TempDir Path dir) throws Exception {
        StoreSettings s = new StoreSettings(dir.resolve("sipwarden.db").toString(), null, 1_000, null);
        try (SqliteStore store = SqliteStore.open(s)) {
            for (int i = 0; i < 5_000; i++) {
                store.recordEvent(T0.plusMillis(i), "auth_failure", "198.51.100.1", "{\"n\":" + i + "}");
                if (i % 500 == 0) {
                    store.flush(Duration.ofSeconds(10)); // keep the bounded event queue from overflowing
                }
            }
            assertThat(store.flush(Duration.ofSeconds(10))).isTrue();
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + s.path()); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*), MAX(json) FROM events")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isBetween(1_000, 2_000);
        }
    }

    @Test
    void activeBansArePagedNotLoadedAtOnce(@TempDir Path dir) throws Exception {
        StoreSettings s = StoreSettings.inDirectory(dir);
        try (SqliteStore store = SqliteStore.open(s)) {
            for (int i = 0; i < 12_345; i++) {
                store.save(ban("10." + (i >>> 16) + "." + ((i >>> 8) & 255) + "." + (i & 255), T0, Duration.ofHours(1)));
            }
            store.save(ban("198.51.100.200", T0.minus(Duration.ofHours(2)), Duration.ofHours(1))); // expired
            assertThat(store.flush(Duration.ofSeconds(30))).isTrue();
            ActiveDecisions view = new ActiveDecisions(store, T0.plusSeconds(1), d -> !d.scope().toString().equals("10.0.0.7"));
            assertThat(view.size()).isEqualTo(12_344);
            java.util.Set<String> ids = new java.util.HashSet<>();
            for (Decision d : view) {
                assertThat(ids.add(d.id())).isTrue();
            }
            assertThat(ids).hasSize(12_344);
            assertThat(store.active(T0.plusSeconds(1))).hasSize(12_345);
        }
    }

    @Test
    void aFullDatabaseDegradesAndKeepsTheWritesWithoutThrowing(@TempDir Path dir) throws Exception {
        StoreSettings s = new StoreSettings(dir.resolve("sipwarden.db").toString(), null, 0, 1);
        try (SqliteStore store = SqliteStore.open(s)) {
            for (int i = 0; i < 6_000; i++) {
                store.save(ban("10.1." + (i >>> 8) + "." + (i & 255), T0, Duration.ofHours(1))); // never throws
            }
            assertThat(store.flush(Duration.ofSeconds(3))).as("cannot all fit in 1 MiB").isFalse();
            assertThat(store.health().ok()).isFalse();
            assertThat(store.health().detail()).containsIgnoringCase("full").contains("retried");
            assertThat(store.health().pending()).isPositive();
            assertThat(store.active(T0)).as("reads still work").isNotNull();
        }
        assertThat(java.nio.file.Files.size(dir.resolve("sipwarden.db"))).isLessThanOrEqualTo(1_048_576L);
    }
}
