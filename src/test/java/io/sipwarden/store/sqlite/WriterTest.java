package io.sipwarden.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipwarden.decision.Decision;
import io.sipwarden.decision.Origin;
import io.sipwarden.geo.GeoLocation;
import io.sipwarden.net.Cidr;
import io.sipwarden.store.StoreSettings;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriterTest {

    @Test
    void anErrorOnTheWriterThreadIsRetriedNotFatal(@TempDir Path dir) throws Exception {
        // An Error (here as from a jar replaced by an upgrade) killed the writer; later bans were never saved.
        StoreSettings settings = StoreSettings.inDirectory(dir);
        SqliteStore.open(settings).close(); // creates the schema
        AtomicInteger connects = new AtomicInteger();
        Writer w = new Writer(settings, () -> {
            if (connects.incrementAndGet() == 1) {
                throw new NoClassDefFoundError("org/sqlite/core/NativeDB");
            }
            return DriverManager.getConnection("jdbc:sqlite:" + settings.file());
        }, null);
        w.start();
        Instant t = Instant.now();
        w.add(new Op.SaveDecision(new Decision(UUID.randomUUID().toString(), Cidr.parse("198.51.100.7"), Decision.Type.BAN,
                Origin.manual("op"), "test", GeoLocation.UNKNOWN, t, t, t, t.plus(Duration.ofHours(1)))));
        CountDownLatch committed = new CountDownLatch(1);
        w.add(new Op.Barrier(committed));
        assertThat(committed.await(20, TimeUnit.SECONDS)).as("the ban committed after the failure").isTrue();
        assertThat(w.health().ok()).isTrue();
        w.stop();
        try (SqliteStore s = SqliteStore.open(settings)) {
            assertThat(s.active(Instant.now())).extracting(d -> d.scope().toString()).containsExactly("198.51.100.7");
        }
    }
}
