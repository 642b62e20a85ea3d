package io.sipwarden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipwarden.sensor.EventSink;
import io.sipwarden.sensor.EventSource;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** runtime.json at shutdown: the stopped report is the file's last word. */
class RuntimeReportTest {
    @TempDir
    Path dir;

    /** A source whose first status() waits for the test, holding the periodic write in the middle. */
    private static final class SlowSource implements EventSource {
        final CountDownLatch inStatus = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        private final AtomicBoolean first = new AtomicBoolean(true);

        @Override
        public String name() {
            return "log";
        }

        @Override
        public void start(EventSink sink) {
        }

        @Override
        public String status() {
            if (first.compareAndSet(true, false)) {
                inStatus.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return "following /var/log/asterisk/messages";
        }

        @Override
        public void close() {
        }
    }

    @Test
    void aPeriodicWriteUnderWayAtShutdownDoesNotOverwriteTheStoppedReport() throws Exception {
        SlowSource source = new SlowSource();
        RuntimeReport report = new RuntimeReport(dir, List.of(source), null, "audit off", InstantSource.system());
        Thread periodic = Thread.ofPlatform().start(report::write);
        assertThat(source.inStatus.await(10, TimeUnit.SECONDS)).isTrue();
        Thread stopping = Thread.ofPlatform().start(report::writeStopped);
        // The stopped write either waits for the periodic one or (without the lock) finishes first.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (stopping.getState() != Thread.State.BLOCKED && stopping.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        source.release.countDown();
        periodic.join(10_000);
        stopping.join(10_000);
        assertThat(RuntimeReport.stoppedAt(dir)).as("runtime.json says the daemon stopped").isPresent();
        report.write(); // a periodic run that was still queued behind the stop
        assertThat(RuntimeReport.stoppedAt(dir)).isPresent();
    }
}
