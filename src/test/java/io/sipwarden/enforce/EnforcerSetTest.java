package io.sipwarden.enforce;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipwarden.decision.Decision;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** One broken backend among several. */
class EnforcerSetTest {

    /** A backend that records what reaches it, or fails with {@code failure} on add. */
    private static final class Backend implements Enforcer {
        final String name;
        final Throwable failure;
        final List<Decision> added = new CopyOnWriteArrayList<>();
        final CountDownLatch reached = new CountDownLatch(1);

        Backend(String name, Throwable failure) {
            this.name = name;
            this.failure = failure;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void add(Collection<Decision> decisions) {
            if (failure == null) {
                added.addAll(decisions); // before the latch: the test reads it as soon as the latch opens
            }
            reached.countDown();
            if (failure instanceof Error err) {
                throw err;
            }
            if (failure instanceof RuntimeException re) {
                throw re;
            }
        }

        @Override
        public void remove(Collection<Decision> decisions) {
        }

        @Override
        public ReconcileReport reconcile(Collection<Decision> active, Instant now) {
            return new ReconcileReport(0, 0, 0, false);
        }

        @Override
        public Health health() {
            return Health.ok("fine");
        }
    }

    @Test
    void anErrorFromOneBackendLeavesTheOthersTheirBatchAndShowsInHealth() throws Exception {
        Backend broken = new Backend("broken", new NoClassDefFoundError("io/sipwarden/enforce/nftables/NftSession"));
        Backend after = new Backend("after", null);
        try (EnforcerSet set = new EnforcerSet(List.of(broken, after))) {
            Decision ban = Decisions.ban("198.51.100.7", Instant.now(), Duration.ofMinutes(5));
            set.add(List.of(ban));
            assertThat(after.reached.await(10, TimeUnit.SECONDS)).as("the backend after the broken one ran").isTrue();
            assertThat(after.added).containsExactly(ban);
            List<EnforcerSet.Named> health = set.health();
            assertThat(health).filteredOn(n -> n.name().equals("broken")).singleElement()
                    .satisfies(n -> assertThat(n.health().ok()).isFalse())
                    .satisfies(n -> assertThat(n.health().detail()).contains("broken add failed", "NoClassDefFoundError"));
            assertThat(health).filteredOn(n -> n.name().equals("after")).singleElement()
                    .satisfies(n -> assertThat(n.health().ok()).isTrue());
            // The enforcement thread survived: the next batch reaches both again.
            Decision next = Decisions.ban("198.51.100.8", Instant.now(), Duration.ofMinutes(5));
            set.add(List.of(next));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (after.added.size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(after.added).containsExactly(ban, next);
        }
    }
}
