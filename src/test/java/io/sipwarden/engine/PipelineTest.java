package io.sipwarden.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipwarden.decision.BanBook;
import io.sipwarden.decision.Decider;
import io.sipwarden.decision.TrustGuard;
import io.sipwarden.detect.Detection;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Stopping the detection thread. */
class PipelineTest {
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Logger jul = Logger.getLogger(Pipeline.class.getName());
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            records.add(r);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureLog() {
        jul.addHandler(capture);
    }

    @AfterEach
    void releaseLog() {
        jul.removeHandler(capture);
    }

    private static Engine engine() {
        EngineSettings s = EngineSettings.defaults();
        Decider decider = new Decider(s.ban(), new TrustGuard(a -> false), new BanBook(s.ban().maxOffenders(), s.ban().decay()));
        return new Engine(new Enricher(new MapPolicy(), new MapGeo()), new Detection(s.detect()), decider,
                InstantSource.system(), List.of());
    }

    @Test
    void aStopThatCannotFinishTheQueueSaysSoAndWhatIsLeft() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch busy = new CountDownLatch(1);
        Pipeline p = new Pipeline(engine(), 16, 200);
        try {
            p.start();
            assertThat(p.run(e -> {
                busy.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS); // a detection thread stuck in its work
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            })).isTrue();
            assertThat(busy.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(p.run(e -> { })).isTrue();
            assertThat(p.run(e -> { })).isTrue();
            p.close();
            assertThat(p.stopped()).isFalse();
            assertThat(records).filteredOn(r -> r.getLevel() == java.util.logging.Level.SEVERE)
                    .singleElement()
                    .satisfies(r -> assertThat(java.text.MessageFormat.format(r.getMessage(), r.getParameters()))
                            .contains("still busy 200 ms", "2 events and tasks still queued"));
            assertThat(p.run(e -> { })).as("refused once stopping").isFalse();
        } finally {
            release.countDown();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!p.stopped() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(p.stopped()).as("the queue is still processed once the work ends").isTrue();
    }

    @Test
    void aStopWithAnIdleThreadLogsNothing() {
        Pipeline p = new Pipeline(engine(), 16, 5_000);
        p.start();
        p.run(e -> { });
        p.close();
        assertThat(p.stopped()).isTrue();
        assertThat(records).isEmpty();
    }
}
