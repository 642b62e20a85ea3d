package io.sipwarden.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class GeoSettingsTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void bindsFromSnakeCaseYaml() throws Exception {
        GeoSettings s = YAML.readValue("""
                databases: [/var/lib/sipwarden/geo/dbip-city-lite.mmdb, /usr/share/GeoIP/GeoLite2-ASN.mmdb]
                tor_geoip: ""
                cache_size: 5000
                reload_interval: 5m
                update:
                  source: maxmind
                  account_id: "12345"
                  license_key_file: /etc/sipwarden/maxmind.key
                  edition: GeoLite2-Country
                """, GeoSettings.class);
        assertThat(s.databasePaths()).containsExactly(Path.of("/var/lib/sipwarden/geo/dbip-city-lite.mmdb"),
                Path.of("/usr/share/GeoIP/GeoLite2-ASN.mmdb"));
        assertThat(s.torGeoipPath()).isNull();
        assertThat(s.torGeoip6Path()).isEqualTo(Path.of("/usr/share/tor/geoip6"));
        assertThat(s.cacheSize()).isEqualTo(5000);
        assertThat(s.reloadEvery()).isEqualTo(Duration.ofMinutes(5));
        assertThat(s.update().accountId()).isEqualTo("12345");
        assertThat(s.update().destPath()).isEqualTo(Path.of("/var/lib/sipwarden/geo/GeoLite2-Country.mmdb"));
    }

    @Test
    void everythingHasADefault() throws Exception {
        GeoSettings s = YAML.readValue("{}", GeoSettings.class);
        assertThat(s).isEqualTo(GeoSettings.defaults());
        assertThat(s.databases()).isEmpty();
        assertThat(s.torGeoipPath()).isEqualTo(Path.of("/usr/share/tor/geoip"));
        assertThat(s.cacheSize()).isEqualTo(100_000);
        assertThat(s.reloadEvery()).isEqualTo(Duration.ofSeconds(60));
        assertThat(s.update().source()).isEqualTo("dbip");
        assertThat(s.update().destPath()).isEqualTo(Path.of("/var/lib/sipwarden/geo/dbip-city-lite.mmdb"));
    }

    @Test
    void badValuesNameTheSetting() {
        assertThatThrownBy(() -> YAML.readValue("cache_size: -1", GeoSettings.class)).hasMessageContaining("geo.cache_size");
        assertThatThrownBy(() -> YAML.readValue("reload_interval: soon", GeoSettings.class))
                .hasMessageContaining("geo.reload_interval");
        assertThatThrownBy(() -> YAML.readValue("update: {source: ftp}", GeoSettings.class))
                .hasMessageContaining("geo.update.source");
        assertThatThrownBy(() -> YAML.readValue("cache_sise: 5", GeoSettings.class)).hasMessageContaining("cache_sise");
    }

    @Test
    void durations() {
        assertThat(GeoSettings.parseDuration("x", "30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(GeoSettings.parseDuration("x", "1h")).isEqualTo(Duration.ofHours(1));
        assertThat(GeoSettings.parseDuration("x", "PT2M")).isEqualTo(Duration.ofMinutes(2));
        assertThat(GeoSettings.parseDuration("x", "0")).isEqualTo(Duration.ZERO);
        assertThat(GeoSettings.parseDuration("x", "250ms")).isEqualTo(Duration.ofMillis(250));
        assertThatThrownBy(() -> GeoSettings.parseDuration("x", "-5s")).hasMessageContaining("x");
    }

    @Test
    void theCliOverrideKeepsTheRest() {
        GeoSettings s = GeoSettings.defaults().withDatabases(List.of("/a.mmdb"));
        assertThat(s.databases()).containsExactly("/a.mmdb");
        assertThat(s.cacheSize()).isEqualTo(100_000);
    }
}
