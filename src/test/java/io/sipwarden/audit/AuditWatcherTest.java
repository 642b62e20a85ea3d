package io.sipwarden.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The daemon's watcher: first audit at start, a re-run after a change, a summary for status. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AuditWatcherTest {

    @TempDir
    Path dir;

    private static void await(BooleanSupplier cond) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!cond.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met within 30 s").isLessThan(end);
            Thread.sleep(50);
        }
    }

    @Test
    void rerunsAfterAChangeInTheDirectoryOrASubdirectory() throws Exception {
        Files.writeString(dir.resolve("logger.conf"), "[logfiles]\nsecurity => security\n");
        Files.writeString(dir.resolve("sip.conf"), "[general]\nallowguest = no\n#include conf.d/*.conf\n");
        Files.createDirectory(dir.resolve("conf.d"));
        try (AuditWatcher w = new AuditWatcher(dir, OptionalInt.of(20), Duration.ofMillis(200), Fixture.CLOCK)) {
            await(() -> w.runs() >= 1);
            assertThat(Fixture.of(w.latest(), Rule.WEAK_SECRET)).isEmpty();
            assertThat(w.summary().counts().get("high")).isZero();

            Files.writeString(dir.resolve("conf.d/peers.conf"), "[2001]\ntype=friend\nhost=dynamic\nsecret=abc123\n");
            await(() -> w.runs() >= 2 && !Fixture.of(w.latest(), Rule.WEAK_SECRET).isEmpty());
            assertThat(w.summary().counts().get("high")).isPositive();
            assertThat(w.summary().top()).anySatisfy(t -> assertThat(t).contains("SWA-102"));
            assertThat(w.summary().error()).isNull();
            assertThat(w.summary().toString()).doesNotContain("abc123");
        }
    }

    @Test
    void aBrokenFileNeverStopsTheWatcher() throws Exception {
        Files.writeString(dir.resolve("sip.conf"), "[general]\nallowguest = no\n");
        try (AuditWatcher w = new AuditWatcher(dir, OptionalInt.of(20), Duration.ofMillis(100), Fixture.CLOCK)) {
            await(() -> w.runs() >= 1);
            Files.write(dir.resolve("sip.conf"), new byte[] {0, 1, 2, 3});
            await(() -> w.runs() >= 2 && !Fixture.of(w.latest(), Rule.CONFIG_UNREADABLE).isEmpty());
            Files.writeString(dir.resolve("sip.conf"), "[general]\nallowguest = yes\n");
            await(() -> !Fixture.of(w.latest(), Rule.ALLOWGUEST_ON).isEmpty());
        }
    }
}
