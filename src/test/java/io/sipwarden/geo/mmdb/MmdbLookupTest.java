package io.sipwarden.geo.mmdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sipwarden.geo.GeoLocation;
import io.sipwarden.geo.GeoTestData;
import io.sipwarden.net.Addresses;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MmdbLookupTest {

    @TempDir
    Path tmp;

    @Test
    void flatCitySchemaGivesCountryDerivedContinentStateAndCoordinates() throws IOException {
        try (MmdbLookup db = MmdbLookup.open(GeoTestData.dbipCityV4(), 1000)) {
            assertThat(db.schema()).isEqualTo(Schema.FLAT);
            assertThat(db.databaseType()).isEqualTo("city ipv4");
            GeoLocation g = db.lookup(Addresses.parse("81.2.69.160"));
            assertThat(g.country()).isEqualTo("GB");
            assertThat(g.continent()).isEqualTo("EU"); // derived: the file has no continent
            assertThat(g.region()).isEqualTo("England"); // a name: the flat layout has no ISO code
            assertThat(g.city()).isEqualTo("London");
            assertThat(g.latitude()).isBetween(51.0, 52.0);
            assertThat(g.longitude()).isBetween(-1.0, 1.0);
            // the address the reference says sits apart from its /16 neighbours
            assertThat(db.lookup(Addresses.parse("5.8.18.7")).region()).isEqualTo("Arizona");
            // an IPv4-only file answers nothing for IPv6, without an error
            assertThat(db.lookup(Addresses.parse("2001:4860:4860::8888"))).isEqualTo(GeoLocation.UNKNOWN);
        }
    }

    @Test
    void flatCountrySchemaAnswersBothFamilies() throws IOException {
        try (MmdbLookup db = MmdbLookup.open(GeoTestData.whoisCountry(), 1000)) {
            assertThat(db.schema()).isEqualTo(Schema.FLAT);
            GeoLocation v4 = db.lookup(Addresses.parse("8.8.8.8"));
            assertThat(v4.country()).isEqualTo("US");
            assertThat(v4.continent()).isEqualTo("NA");
            assertThat(v4.city()).isEmpty();
            assertThat(v4.hasCoordinates()).isFalse();
            assertThat(db.lookup(Addresses.parse("2001:4860:4860::8888")).country()).isEqualTo("US");
            assertThat(db.lookup(Addresses.parse("10.1.2.3"))).isEqualTo(GeoLocation.UNKNOWN);
        }
    }

    @Test
    void geoIp2CitySchemaGivesIsoRegionCityAndContinentFromTheFile() throws IOException {
        try (MmdbLookup db = MmdbLookup.open(GeoTestData.geoLite2City(), 1000)) {
            assertThat(db.schema()).isEqualTo(Schema.GEOIP2);
            assertThat(db.databaseType()).isEqualTo("GeoLite2-City");
            GeoLocation g = db.lookup(Addresses.parse("81.2.69.160"));
            assertThat(g.continent()).isEqualTo("EU");
            assertThat(g.country()).isEqualTo("GB");
            assertThat(g.region()).matches("GB-[A-Z0-9]{1,3}");
            assertThat(g.city()).isEqualTo("Arnold");
            assertThat(g.latitude()).isEqualTo(53.0);
            GeoLocation us = db.lookup(Addresses.parse("2001:4860:4860::8888"));
            assertThat(us.country()).isEqualTo("US");
            assertThat(us.continent()).isEqualTo("NA");
        }
    }

    @Test
    void geoIp2CountrySchema() throws IOException {
        try (MmdbLookup db = MmdbLookup.open(GeoTestData.geoLite2Country(), 0)) {
            assertThat(db.schema()).isEqualTo(Schema.GEOIP2);
            GeoLocation g = db.lookup(Addresses.parse("81.2.69.160"));
            assertThat(g.continent()).isEqualTo("EU");
            assertThat(g.country()).isEqualTo("GB");
            assertThat(g.region()).isEmpty();
            assertThat(g.city()).isEmpty();
        }
    }

    @Test
    void frontCacheReturnsTheSameAnswerAsTheReader() throws IOException {
        try (MmdbLookup cached = MmdbLookup.open(GeoTestData.whoisCountry(), 100);
             MmdbLookup plain = MmdbLookup.open(GeoTestData.whoisCountry(), 0, false)) {
            for (int i = 0; i < 2_000; i++) {
                var a = Addresses.parse((i % 223 + 1) + "." + (i * 7 % 256) + "." + (i % 13) + ".9");
                assertThat(cached.lookup(a)).isEqualTo(plain.lookup(a));
                assertThat(cached.lookup(a)).isEqualTo(plain.lookup(a));
            }
        }
    }

    @Test
    void aFileThatIsNotAMaxMindDbIsRefusedWithItsName() throws IOException {
        Path junk = tmp.resolve("junk.mmdb");
        Files.writeString(junk, "this is not a database\n".repeat(100));
        assertThatThrownBy(() -> MmdbLookup.open(junk, 10))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("junk.mmdb");
        assertThatThrownBy(() -> MmdbLookup.open(tmp.resolve("missing.mmdb"), 10))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("missing.mmdb");
        // a directory at the path was reported as "no such file", sending the user to look for a missing file
        Path dir = Files.createDirectory(tmp.resolve("GeoLite2-City.mmdb"));
        assertThatThrownBy(() -> MmdbLookup.open(dir, 10))
                .isInstanceOf(IOException.class)
                .hasMessage(dir + ": is a directory, not a MaxMind DB file");
    }

    @Test
    void aDamagedFileNeverMakesALookupThrow() throws IOException {
        byte[] original = Files.readAllBytes(GeoTestData.whoisCountryV4());
        java.util.Random r = new java.util.Random(1);
        int opened = 0;
        for (int trial = 0; trial < 10; trial++) {
            byte[] b = original.clone();
            for (int i = 0, n = 1 + r.nextInt(2_000); i < n; i++) {
                b[r.nextInt(b.length - 20_000)] = (byte) r.nextInt(); // the metadata at the end stays readable
            }
            Path damaged = tmp.resolve("damaged-" + trial + ".mmdb");
            Files.write(damaged, b);
            try (MmdbLookup db = MmdbLookup.open(damaged, 0)) {
                opened++;
                for (int i = 0; i < 2_000; i++) {
                    int v = r.nextInt();
                    var a = java.net.InetAddress.getByAddress(new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v});
                    assertThat(db.lookup(a)).isNotNull();
                }
            } catch (IOException refused) {
                assertThat(refused).hasMessageContaining("damaged-" + trial);
            }
        }
        assertThat(opened).isPositive();
    }

    /** A file overwritten in place (cp over the live file) faults the mapping: that must be an unknown answer, not an Error. */
    @Test
    void aFileTruncatedWhileMappedAnswersUnknownAndTheProbeSaysSo() throws IOException {
        Path live = tmp.resolve("live.mmdb");
        Files.copy(GeoTestData.whoisCountryV4(), live);
        try (MmdbLookup db = MmdbLookup.open(live, 0)) {
            assertThat(db.lookup(Addresses.parse("8.8.8.8")).country()).isEqualTo("US");
            try (var f = new java.io.RandomAccessFile(live.toFile(), "rw")) {
                f.setLength(4096);
            }
            for (int i = 0; i < 256; i++) {
                assertThat(db.lookup(Addresses.parse("1.2." + i + ".4"))).isEqualTo(GeoLocation.UNKNOWN);
            }
            assertThatThrownBy(() -> db.probe(Addresses.parse("9.9.9.9")))
                    .isInstanceOf(IOException.class).hasMessageContaining("live.mmdb");
        }
    }

    @Test
    void describeNamesPathTypeSchemaAndBuildDate() throws IOException {
        try (MmdbLookup db = MmdbLookup.open(GeoTestData.whoisCountry(), 10)) {
            assertThat(db.describe()).contains("geo-whois-asn-country.mmdb", "country ipvAll", "flat schema",
                    "2026-06-17", "nodes");
        }
    }
}
