package io.sipwarden.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sipwarden.geo.mmdb.MmdbLookup;
import io.sipwarden.net.Addresses;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Swaps real files under a thread that looks up without pause. */
class ReloadingGeoLookupTest {

    private static final List<InetAddress> KNOWN = List.of(
            Addresses.parse("8.8.8.8"), Addresses.parse("81.2.69.160"), Addresses.parse("2001:4860:4860::8888"));

    // The replaced database must still answer when the test looks right after the swap, and a lookup that
    // took it just before the swap must still get its answer: both hold only if neither thread is held up
    // longer than the grace, and a loaded 2-vCPU CI machine can hold a thread up for 300 ms.
    private static final Duration GRACE = Duration.ofSeconds(3);

    @TempDir
    Path dir;

    @Test
    void noReloadOpensAFileAfterClose() throws Exception {
        Path live = dir.resolve("geo.mmdb");
        Files.copy(GeoTestData.whoisCountry(), live);
        AtomicLong opened = new AtomicLong();
        ReloadingGeoLookup geo = ReloadingGeoLookup.start("geo.mmdb", List.of(live), () -> {
            opened.incrementAndGet();
            return MmdbLookup.open(live, 1000);
        }, Duration.ofHours(1), Duration.ofMillis(300));
        assertThat(opened.get()).isEqualTo(1);
        geo.close();
        replace(live, GeoTestData.geoLite2Country());
        // A reload that comes after close (e.g. a poll that was already due) must not open a database nobody closes.
        assertThat(geo.checkNow()).isFalse();
        assertThat(opened.get()).isEqualTo(1);
    }

    @Test
    void swapsGoodFilesRejectsBadOnesAndLookupsNeverSeeAGap() throws Exception {
        Path live = dir.resolve("geo.mmdb");
        Files.copy(GeoTestData.whoisCountry(), live);
        Path geoLite = GeoTestData.geoLite2Country();

        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        AtomicLong lookups = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        try (ReloadingGeoLookup geo = ReloadingGeoLookup.start("geo.mmdb", List.of(live),
                () -> MmdbLookup.open(live, 1000), Duration.ofMillis(20), GRACE)) {
            Thread reader = Thread.ofPlatform().start(() -> {
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (!stop.get() && System.nanoTime() < deadline) {
                    for (InetAddress a : KNOWN) {
                        try {
                            GeoLocation g = geo.lookup(a);
                            if (!g.country().equals(a.getHostAddress().startsWith("81.") ? "GB" : "US")) {
                                problems.add(a.getHostAddress() + " -> " + g);
                            }
                        } catch (RuntimeException e) {
                            problems.add(e.toString());
                        }
                        lookups.incrementAndGet();
                    }
                }
            });
            GeoLookup first = geo.current();

            replace(live, geoLite);
            await(() -> geo.describe().contains("GeoLite2-Country"));
            // the replaced database is closed after its grace period, not before
            assertThat(first.lookup(KNOWN.getFirst()).country()).isEqualTo("US");
            await(() -> !first.lookup(KNOWN.getFirst()).isKnown());

            Path junk = dir.resolve("junk");
            Files.writeString(junk, "<html>404 Not Found</html>\n");
            replace(live, junk);
            Thread.sleep(200);
            assertThat(geo.describe()).contains("GeoLite2-Country");

            Path truncated = dir.resolve("truncated");
            byte[] whole = Files.readAllBytes(GeoTestData.whoisCountry());
            Files.write(truncated, java.util.Arrays.copyOf(whole, whole.length / 2));
            replace(live, truncated);
            Thread.sleep(200);
            assertThat(geo.describe()).contains("GeoLite2-Country");
            assertThat(geo.checkNow()).isFalse(); // a rejected file is not retried until it changes again

            replace(live, GeoTestData.whoisCountry());
            await(() -> geo.describe().contains("country ipvAll"));

            stop.set(true);
            reader.join(10_000);
        }
        assertThat(problems).isEmpty();
        assertThat(lookups.get()).isGreaterThan(1_000);
    }

    @Test
    void aBadFileAtStartIsAnError() throws IOException {
        Path junk = dir.resolve("junk.mmdb");
        Files.writeString(junk, "junk");
        assertThatThrownBy(() -> ReloadingGeoLookup.start("junk.mmdb", List.of(junk),
                () -> MmdbLookup.open(junk, 10), Duration.ZERO, Duration.ZERO))
                .isInstanceOf(IOException.class).hasMessageContaining("junk.mmdb");
    }

    @Test
    void aDatabaseThatAnswersNoProbeIsRefused() {
        GeoLookup empty = StaticGeoLookup.of(java.util.Map.of());
        assertThatThrownBy(() -> ReloadingGeoLookup.start("empty", List.of(), () -> empty, Duration.ZERO, Duration.ZERO))
                .isInstanceOf(IOException.class).hasMessageContaining("answers none of the probe addresses");
    }

    /** Replaces by rename, as geo update and geoipupdate do. */
    private static void replace(Path live, Path from) throws IOException {
        Path tmp = live.resolveSibling(live.getFileName() + ".new");
        Files.copy(from, tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, live, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 20 s");
            }
            Thread.sleep(10);
        }
    }
}
