package io.sipwarden.sensor.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.time.Duration;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class LogSettingsTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void defaults() {
        LogSettings s = LogSettings.defaults();
        assertThat(s.files()).containsExactly("/var/log/asterisk/messages", "/var/log/asterisk/security");
        assertThat(s.dateformat()).isEqualTo("%b %e %T");
        assertThat(s.poll()).isEqualTo(Duration.ofMillis(250));
        assertThat(s.maxLineBytes()).isEqualTo(65536);
        assertThat(s.fromBeginning()).isFalse();
        assertThat(s.format().zone()).isEqualTo(ZoneId.systemDefault());
    }

    @Test
    void bindsSnakeCaseYaml() throws Exception {
        LogSettings s = YAML.readValue("""
                files: [/var/log/asterisk/full]
                dateformat: "%F %T.%3q"
                timezone: Europe/Zurich
                poll_interval: 1s
                max_line_bytes: 8192
                start_at: beginning
                dedup_window: 10s
                dedup_max_keys: 500
                """, LogSettings.class);
        assertThat(s.paths()).hasSize(1);
        assertThat(s.poll()).isEqualTo(Duration.ofSeconds(1));
        assertThat(s.format().zone()).isEqualTo(ZoneId.of("Europe/Zurich"));
        assertThat(s.fromBeginning()).isTrue();
        assertThat(s.deduplicator()).isNotNull();
    }

    @Test
    void badValuesNameTheSetting() {
        assertThatThrownBy(() -> YAML.readValue("dateformat: '%Q'", LogSettings.class)).hasMessageContaining("log.dateformat");
        assertThatThrownBy(() -> YAML.readValue("timezone: Mars/Olympus", LogSettings.class)).hasMessageContaining("log.timezone");
        assertThatThrownBy(() -> YAML.readValue("poll_interval: soon", LogSettings.class)).hasMessageContaining("log.poll_interval");
        assertThatThrownBy(() -> YAML.readValue("max_line_bytes: 10", LogSettings.class)).hasMessageContaining("log.max_line_bytes");
        assertThatThrownBy(() -> YAML.readValue("start_at: middle", LogSettings.class)).hasMessageContaining("log.start_at");
        assertThatThrownBy(() -> YAML.readValue("files: []", LogSettings.class)).hasMessageContaining("log.files");
        assertThatThrownBy(() -> YAML.readValue("colour: blue", LogSettings.class)).hasMessageContaining("colour");
    }
}
