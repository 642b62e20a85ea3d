package io.sipwarden.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipwarden.decision.Decision;
import io.sipwarden.store.StoreSettings;
import io.sipwarden.store.SqliteStoreFixtures;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationsTest {

    @Test
    void aVersionOneDatabaseIsUpgradedAndItsSupersededBansMarked(@TempDir Path dir) throws Exception {
        StoreSettings s = StoreSettings.inDirectory(dir);
        Instant t0 = Instant.parse("2026-11-21T10:00:00Z");
        Decision shortBan = SqliteStoreFixtures.ban("198.51.100.1", t0, Duration.ofHours(1));
        Decision longBan = SqliteStoreFixtures.ban("198.51.100.1", t0.plusSeconds(60), Duration.ofHours(4));
        Decision other = SqliteStoreFixtures.ban("198.51.100.2", t0, Duration.ofHours(1));
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + s.path())) {
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, what TEXT NOT NULL, applied_at INTEGER NOT NULL)");
                for (String sql : Migrations.STEPS.getFirst().sql()) {
                    st.execute(sql);
                }
                st.execute("INSERT INTO schema_version VALUES (1, 'v1', 0)");
            }
            for (Decision d : new Decision[] {shortBan, longBan, other}) {
                try (PreparedStatement ps = c.prepareStatement(Rows.INSERT)) {
                    Rows.bind(ps, d);
                    ps.executeUpdate();
                }
            }
        }
        try (SqliteStore store = SqliteStore.open(s)) {
            assertThat(store.schemaVersion()).isEqualTo(Migrations.latest());
            assertThat(store.active(t0.plusSeconds(120))).containsExactlyInAnyOrder(longBan, other);
        }
    }
}
