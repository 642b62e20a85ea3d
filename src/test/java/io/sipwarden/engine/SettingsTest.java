package io.sipwarden.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SettingsTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Test
    void snakeCaseYamlBindsAndMissingValuesTakeDefaults() throws Exception {
        EngineSettings s = YAML.readValue("""
                detect:
                  max_sources: 200000
                  brute_force: {threshold: 8, window: 15m}
                  scanner: {extra_clients: [EvilDialer]}
                  geolock: {action: alert}
                ban: {base: 30m, factor: 2, decay: 7d}
                store: {path: /tmp/x/sipwarden.db, recent_events: 0}
                output: {eve: '-', include_events: false}
                queue_capacity: 1024
                """, EngineSettings.class);
        assertThat(s.detect().maxSources()).isEqualTo(200_000);
        assertThat(s.detect().bruteForce().threshold()).isEqualTo(8);
        assertThat(s.detect().bruteForce().window()).isEqualTo(Duration.ofMinutes(15));
        assertThat(s.detect().bruteForce().enabled()).isTrue();
        assertThat(s.detect().manager().threshold()).isEqualTo(3);
        assertThat(s.detect().scanner().clients()).contains("friendly-scanner", "evildialer");
        assertThat(s.detect().geolock().action()).isEqualTo(io.sipwarden.detect.DetectorSettings.Action.ALERT);
        assertThat(s.ban().lengthFor(3)).isEqualTo(Duration.ofHours(2));
        assertThat(s.ban().max()).isEqualTo(Duration.ofDays(30));
        assertThat(s.store().recentEvents()).isZero();
        assertThat(s.output().eve()).isEqualTo("-");
        assertThat(s.queueCapacity()).isEqualTo(1024);
        assertThat(EngineSettings.defaults().store().path()).isEqualTo("/var/lib/sipwarden/sipwarden.db");
    }

    @Test
    void badValuesNameTheSettingAndTheLine() {
        assertThatThrownBy(() -> YAML.readValue("detect:\n  brute_force:\n    threshold: 0\n", EngineSettings.class))
                .hasMessageContaining("detect.brute_force.threshold must be between 1 and 100000: 0").hasMessageContaining("line: 4");
        assertThatThrownBy(() -> YAML.readValue("ban:\n  base: soon\n", EngineSettings.class))
                .hasMessageContaining("not a duration: 'soon'").hasMessageContaining("line: 2");
        assertThatThrownBy(() -> YAML.readValue("detect:\n  source_idle: 1m\n", EngineSettings.class))
                .hasMessageContaining("detect.source_idle (1m) must be at least the longest rule window (10m)");
        assertThatThrownBy(() -> YAML.readValue("detect:\n  enumeration: {threshold: 12}\n", EngineSettings.class))
                .hasMessageContaining("detect.enumeration.threshold must be between 2 and 9");
        assertThatThrownBy(() -> YAML.readValue("detect:\n  scanner: {clients: [ab]}\n", EngineSettings.class))
                .hasMessageContaining("too short");
        assertThatThrownBy(() -> YAML.readValue("ban:\n  factor: 0.5\n", EngineSettings.class))
                .hasMessageContaining("ban.factor must be between 1 and 100");
        assertThatThrownBy(() -> YAML.readValue("detect:\n  brute_farce: {}\n", EngineSettings.class))
                .hasMessageContaining("brute_farce");
    }
}
