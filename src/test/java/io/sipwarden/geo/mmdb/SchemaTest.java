package io.sipwarden.geo.mmdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sipwarden.geo.GeoDatabases;
import io.sipwarden.geo.GeoLocation;
import io.sipwarden.geo.GeoSettings;
import io.sipwarden.geo.GeoTestData;
import io.sipwarden.geo.MmdbWriter;
import io.sipwarden.geo.load.GeoLoader;
import io.sipwarden.net.Addresses;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Schemas the npm and MaxMind test files do not cover, written with the test writer. */
class SchemaTest {

    @TempDir
    Path tmp;

    private Path asnDb() throws IOException {
        return new MmdbWriter("GeoLite2-ASN")
                .put("8.8.8.0/24", Map.of("autonomous_system_number", 15169L, "autonomous_system_organization", "GOOGLE"))
                .put("81.2.69.0/24", Map.of("autonomous_system_number", 20712L, "autonomous_system_organization", "Andrews & Arnold Ltd"))
                .put("2001:4860::/32", Map.of("autonomous_system_number", 15169L, "autonomous_system_organization", "GOOGLE"))
                .write(tmp.resolve("GeoLite2-ASN.mmdb"));
    }

    @Test
    void asnDatabase() throws IOException {
        try (MmdbLookup db = MmdbLookup.open(asnDb(), 10)) {
            assertThat(db.schema()).isEqualTo(Schema.ASN);
            GeoLocation g = db.lookup(Addresses.parse("8.8.8.8"));
            assertThat(g.asn()).isEqualTo(15169);
            assertThat(g.org()).isEqualTo("GOOGLE");
            assertThat(g.country()).isEmpty();
            assertThat(g.isKnown()).isTrue();
            assertThat(db.lookup(Addresses.parse("2001:4860:4860::8888")).asn()).isEqualTo(15169);
            assertThat(db.lookup(Addresses.parse("9.9.9.9"))).isEqualTo(GeoLocation.UNKNOWN);
        }
    }

    @Test
    void dbIpLiteShapeHasSubdivisionNamesButNoIsoCode() throws IOException {
        Path f = new MmdbWriter("DBIP-City-Lite")
                .put("81.2.69.0/24", Map.of(
                        "continent", Map.of("code", "EU", "names", Map.of("en", "Europe", "de", "Europa")),
                        "country", Map.of("iso_code", "FR", "names", Map.of("en", "France")),
                        "subdivisions", List.of(Map.of("names", Map.of("en", "Île-de-France"))),
                        "city", Map.of("names", Map.of("en", "Paris", "fr", "Paris")),
                        "location", Map.of("latitude", 48.8566, "longitude", 2.3522)))
                .write(tmp.resolve("dbip-city-lite.mmdb"));
        try (MmdbLookup db = MmdbLookup.open(f, 10)) {
            assertThat(db.schema()).isEqualTo(Schema.GEOIP2);
            assertThat(db.lookup(Addresses.parse("81.2.69.1")))
                    .isEqualTo(new GeoLocation("EU", "FR", "Île-de-France", "Paris", 48.8566, 2.3522, 0, ""));
        }
    }

    @Test
    void geoIp2WithoutContinentDerivesItAndUsesTheIsoSubdivision() throws IOException {
        Path f = new MmdbWriter("GeoIP2-City")
                .put("8.8.8.0/24", Map.of(
                        "country", Map.of("iso_code", "US"),
                        "subdivisions", List.of(Map.of("iso_code", "MN", "names", Map.of("en", "Minnesota"))),
                        "traits", Map.of("autonomous_system_number", 15169L, "autonomous_system_organization", "GOOGLE")))
                .put("9.9.9.0/24", Map.of("registered_country", Map.of("iso_code", "CH")))
                .write(tmp.resolve("city.mmdb"));
        try (MmdbLookup db = MmdbLookup.open(f, 10)) {
            GeoLocation g = db.lookup(Addresses.parse("8.8.8.8"));
            assertThat(g.continent()).isEqualTo("NA");
            assertThat(g.region()).isEqualTo("US-MN");
            assertThat(g.asn()).isEqualTo(15169);
            assertThat(g.hasCoordinates()).isFalse();
            // only the registered country known: better than nothing for a geofence
            assertThat(db.lookup(Addresses.parse("9.9.9.9")).country()).isEqualTo("CH");
        }
    }

    @Test
    void theShapeWinsOverAnUnfamiliarTypeName() throws IOException {
        Path f = new MmdbWriter("My-Renamed-DB")
                .put("8.8.8.0/24", Map.of("country_code", "US", "latitude", 37.4f, "longitude", -122.1f))
                .write(tmp.resolve("renamed.mmdb"));
        try (MmdbLookup db = MmdbLookup.open(f, 10)) {
            assertThat(db.schema()).isEqualTo(Schema.FLAT);
            GeoLocation g = db.lookup(Addresses.parse("8.8.8.8"));
            assertThat(g.latitude()).isEqualTo(37.4); // stored as float, read back as written
            assertThat(g.continent()).isEqualTo("NA");
        }
    }

    @Test
    void aDatabaseOfNoKnownSchemaIsRefused() throws IOException {
        Path f = new MmdbWriter("Weather").put("8.8.8.0/24", Map.of("rain", "yes")).write(tmp.resolve("weather.mmdb"));
        assertThatThrownBy(() -> MmdbLookup.open(f, 10))
                .isInstanceOf(IOException.class).hasMessageContaining("weather.mmdb").hasMessageContaining("unrecognised");
    }

    @Test
    void typeNamesAloneAreRecognised() {
        assertThat(Schema.byType("GeoLite2-ASN")).isEqualTo(Schema.ASN);
        assertThat(Schema.byType("DBIP-ASN-Lite (compat=GeoLite2-ASN)")).isEqualTo(Schema.ASN);
        assertThat(Schema.byType("DBIP-City-Lite")).isEqualTo(Schema.GEOIP2);
        assertThat(Schema.byType("GeoIP2-Enterprise")).isEqualTo(Schema.GEOIP2);
        assertThat(Schema.byType("city ipv4")).isEqualTo(Schema.FLAT);
        assertThat(Schema.byType("country ipvAll")).isEqualTo(Schema.FLAT);
        assertThat(Schema.byType("something")).isNull();
    }

    @Test
    void asnDatabaseComposesWithARealCityFile() throws IOException {
        GeoSettings s = GeoSettings.defaults().withDatabases(List.of(asnDb().toString(), GeoTestData.dbipCityV4().toString()));
        try (GeoDatabases geo = GeoLoader.open(s, false)) {
            assertThat(geo.sources().getFirst().asnOnly()).isTrue();
            GeoLocation g = geo.lookup(Addresses.parse("8.8.8.8"));
            assertThat(g.city()).isEqualTo("Mountain View");
            assertThat(g.asn()).isEqualTo(15169);
            assertThat(g.org()).isEqualTo("GOOGLE");
            assertThat(g.describe()).isEqualTo("NA/US/California/Mountain View AS15169");
        }
    }
}
