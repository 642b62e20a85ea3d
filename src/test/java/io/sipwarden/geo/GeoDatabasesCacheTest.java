package io.sipwarden.geo;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipwarden.geo.mmdb.MmdbLookup;
import io.sipwarden.geo.tor.TorGeoipTable;
import io.sipwarden.net.Addresses;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The answer cache in front of the whole chain: same answers as without it, dropped on every reload. */
class GeoDatabasesCacheTest {

    @TempDir
    Path dir;

    /** Counts lookups, to show what reaches a source. */
    private static final class Counting implements GeoLookup {
        final GeoLookup inner;
        final AtomicInteger calls = new AtomicInteger();

        Counting(GeoLookup inner) {
            this.inner = inner;
        }

        @Override
        public GeoLocation lookup(InetAddress address) {
            calls.incrementAndGet();
            return inner.lookup(address);
        }

        @Override
        public String describe() {
            return inner.describe();
        }
    }

    @Test
    void cachedAnswersAreTheUncachedAnswersOnRealFiles() throws IOException {
        TorGeoipTable tor = TorGeoipTable.loadDefault();
        try (MmdbLookup city = MmdbLookup.open(GeoTestData.dbipCityV4(), 0);
             MmdbLookup country = MmdbLookup.open(GeoTestData.whoisCountry(), 0)) {
            List<GeoDatabases.Source> chain = List.of(new GeoDatabases.Source(city, false),
                    new GeoDatabases.Source(country, false), new GeoDatabases.Source(tor, false));
            GeoDatabases plain = new GeoDatabases(chain);
            GeoDatabases cached = new GeoDatabases(chain, 1_000); // smaller than the set: evictions too
            SplittableRandom r = new SplittableRandom(11);
            InetAddress[] set = new InetAddress[4_000];
            for (int i = 0; i < set.length; i++) {
                byte[] b = new byte[i % 4 == 0 ? 16 : 4];
                r.nextBytes(b);
                if (b.length == 16 && i % 8 == 0) {
                    b[0] = 0x20; // mostly 2000::/3, where IPv6 is allocated
                }
                if (i % 50 == 1) {
                    b[0] = 10; // a few private ones
                }
                set[i] = InetAddress.getByAddress(b);
            }
            int known = 0;
            for (int pass = 0; pass < 3; pass++) {
                for (int i = 0; i < set.length; i += pass + 1) { // each pass walks differently
                    GeoLocation want = plain.lookup(set[i]);
                    assertThat(cached.lookup(set[i])).as(set[i].toString()).isEqualTo(want);
                    known += want.isKnown() ? 1 : 0;
                }
            }
            assertThat(known).isGreaterThan(3_000); // the sample holds known and unknown answers
        }
    }

    @Test
    void anUnknownAnswerIsCachedAndACachedAnswerNeedsNoSource() {
        Counting source = new Counting(StaticGeoLookup.of(Map.of("198.51.100.0/24", StaticGeoLookup.country("FR"))));
        try (GeoDatabases geo = new GeoDatabases(List.of(new GeoDatabases.Source(source, false)), 100)) {
            for (int i = 0; i < 3; i++) {
                assertThat(geo.lookup(Addresses.parse("203.0.113.1"))).isEqualTo(GeoLocation.UNKNOWN);
                assertThat(geo.lookup(Addresses.parse("198.51.100.1")).country()).isEqualTo("FR");
                assertThat(geo.lookup(Addresses.parse("2001:db8::1"))).isEqualTo(GeoLocation.UNKNOWN);
                assertThat(geo.lookup(Addresses.parse("10.0.0.1"))).isEqualTo(GeoLocation.UNKNOWN);
            }
            assertThat(source.calls).hasValue(3); // once each public address; never the private one
        }
    }

    @Test
    void aClosedChainAnswersFromItsSourcesNotFromTheCache() {
        Counting source = new Counting(StaticGeoLookup.of(Map.of("198.51.100.0/24", StaticGeoLookup.country("FR"))));
        GeoDatabases geo = new GeoDatabases(List.of(new GeoDatabases.Source(source, false)), 100);
        geo.lookup(Addresses.parse("198.51.100.1"));
        geo.lookup(Addresses.parse("198.51.100.1"));
        assertThat(source.calls).hasValue(1);
        geo.close();
        geo.lookup(Addresses.parse("198.51.100.1"));
        assertThat(source.calls).hasValue(2);
    }

    /** Countries the reloaded file names in turn: every reload gives a different answer. */
    private static final List<String> TURNS = List.of("FR", "DE", "IT", "ES", "PT", "GB", "US", "CA", "BR", "JP",
            "AU", "IN", "ZA", "EG", "NL", "BE", "CH", "AT", "PL", "SE");

    @Test
    void everyReloadDropsTheCacheAndNoLookupAfterItSeesAnOlderAnswer() throws Exception {
        Path live = dir.resolve("table");
        write(live, 0);
        ReloadingGeoLookup.Opener opener = () -> {
            String cc = Files.readString(live).substring(0, 2);
            GeoLocation g = StaticGeoLookup.country(cc);
            return StaticGeoLookup.of(Map.of("0.0.0.0/0", g, "::/0", g));
        };
        ReloadingGeoLookup source = ReloadingGeoLookup.start("table", List.of(live), opener, Duration.ZERO,
                Duration.ofMillis(1));
        InetAddress[] probes = {Addresses.parse("8.8.8.8"), Addresses.parse("192.0.2.77"),
            Addresses.parse("2001:4860:4860::8888")};
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        AtomicInteger done = new AtomicInteger(); // reloads finished (checkNow returned)
        AtomicBoolean stop = new AtomicBoolean();
        try (GeoDatabases geo = new GeoDatabases(List.of(new GeoDatabases.Source(source, false)), 64)) {
            Thread reader = Thread.ofPlatform().start(() -> {
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (!stop.get() && System.nanoTime() < deadline) {
                    for (InetAddress a : probes) {
                        int before = done.get();
                        String got = geo.lookup(a).country();
                        int after = done.get();
                        // Reload k finished before the lookup began: the answer is k's or a later one's.
                        int turn = TURNS.indexOf(got);
                        if (turn < before || turn > after + 1) {
                            problems.add(a.getHostAddress() + " answered " + got + " between reloads " + before
                                    + " and " + after);
                        }
                    }
                }
            });
            for (int k = 1; k < TURNS.size(); k++) {
                for (InetAddress a : probes) {
                    geo.lookup(a); // make sure the cache holds the answer about to go stale
                }
                write(live, k);
                assertThat(source.checkNow()).isTrue();
                done.set(k);
                for (InetAddress a : probes) {
                    assertThat(geo.lookup(a).country()).as("after reload %d", k).isEqualTo(TURNS.get(k));
                }
                Thread.sleep(5);
            }
            stop.set(true);
            reader.join(10_000);
        }
        assertThat(problems).isEmpty();
    }

    /** Replaces the file by rename with content one byte longer each time, so its stamp always changes. */
    private void write(Path live, int turn) throws IOException {
        Path tmp = dir.resolve("table.new");
        Files.writeString(tmp, TURNS.get(turn) + "\n" + "#".repeat(turn));
        Files.move(tmp, live, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
