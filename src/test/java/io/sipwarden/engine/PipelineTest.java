package io.sipwarden.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipwarden.decision.BanBook;
import io.sipwarden.decision.Decider;
import io.sipwarden.decision.TrustGuard;
import io.sipwarden.detect.Detection;
import io.sipwarden.testing.LogCapture;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Stopping the detection thread. */
class PipelineTest {
    private LogCapture log;
    private List<LogRecord> records;

    @BeforeEach
    void captureLog() {
        log = LogCapture.of(Pipeline.class);
        records = log.records();
    }

    @AfterEach
    void releaseLog() {
        log.close();
    }

    private static Engine engine() {
        return engine(List.of());
    }

    private static Engine engine(List<Downstream> downstream) {
        EngineSettings s = EngineSettings.defaults();
        Decider decider = new Decider(s.ban(), new TrustGuard(a -> false), new BanBook(s.ban().maxOffenders(), s.ban().decay()));
        return new Engine(new Enricher(new MapPolicy(), new MapGeo()), new Detection(s.detect()), decider,
                InstantSource.system(), downstream);
    }

    /**
     * A log cursor is saved through afterPrevious: it must run after the decisions of the events
     * before it reached the store, not when it was queued, nor in the middle of their batch.
     */
    @Test
    void afterPreviousRunsOnceTheDecisionsBeforeItAreHandedOn() throws Exception {
        List<String> order = new CopyOnWriteArrayList<>();
        Downstream store = new Downstream() {
            @Override
            public void decided(List<Decider.Made> batch) {
                batch.forEach(m -> order.add("decided " + m.decision().scope()));
            }
        };
        Pipeline p = new Pipeline(engine(List.of(store)), 16, 5_000);
        CountDownLatch release = new CountDownLatch(1);
        p.start();
        try {
            p.run(e -> {
                try {
                    release.await(10, TimeUnit.SECONDS); // holds the thread: what follows is one batch
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            });
            p.run(e -> {
                Decider.Result r = e.decider().request(io.sipwarden.net.Cidr.parse("198.51.100.9/32"),
                        java.time.Duration.ofHours(1), "test", io.sipwarden.decision.Origin.manual("test"),
                        io.sipwarden.geo.GeoLocation.UNKNOWN, java.time.Instant.now());
                e.submit((Decider.Made) r);
            });
            p.afterPrevious(() -> order.add("cursor"));
            assertThat(order).as("not run when queued").isEmpty();
        } finally {
            release.countDown();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (order.size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(order).containsExactly("decided 198.51.100.9", "cursor");
        p.close();
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
