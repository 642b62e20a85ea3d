package io.sipwarden.sensor.ami;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.sipwarden.endpoint.TravelSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AmiSettingsTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void bindsSnakeCaseYamlWithDefaults() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("ami-settings");
        java.nio.file.Files.writeString(dir.resolve("secret"), "hunter2-file\n");
        java.nio.file.Files.writeString(dir.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\n");
        AmiSettings s = YAML.readValue("""
                connections:
                  - name: pbx1
                    host: 10.0.0.5
                    username: sipwarden
                    secret: hunter2-not-real
                  - name: pbx2
                    host: pbx2.example.net
                    tls: true
                    tls_ca_file: %s
                    username: sipwarden
                    secret_file: %s
                    auth: plain
                    ping_interval: 10s
                    ping_timeout: 1500ms
                    reconnect_max: 2m
                    alarm_after: 90
                call_control:
                  on_rules: [SW-1005]
                """.formatted(dir.resolve("ca.pem"), dir.resolve("secret")), AmiSettings.class);
        AmiSettings.Connection a = s.connections().get(0);
        assertThat(a.port()).isEqualTo(5038);
        assertThat(a.auth()).isEqualTo(AmiSettings.Auth.MD5);
        assertThat(a.events()).isEqualTo("security,system,call,cdr");
        assertThat(a.pingInterval()).isEqualTo(Duration.ofSeconds(20));
        assertThat(a.pingTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(a.reconnectMin()).isEqualTo(Duration.ofSeconds(1));
        assertThat(a.reconnectMax()).isEqualTo(Duration.ofSeconds(60));
        assertThat(a.alarmAfter()).isEqualTo(Duration.ofSeconds(60));
        AmiSettings.Connection b = s.connections().get(1);
        assertThat(b.port()).isEqualTo(5039);
        assertThat(b.auth()).isEqualTo(AmiSettings.Auth.PLAIN);
        assertThat(b.pingTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(b.reconnectMax()).isEqualTo(Duration.ofMinutes(2));
        assertThat(b.alarmAfter()).isEqualTo(Duration.ofSeconds(90));
        assertThat(s.callControl().enabled()).isTrue();
        assertThat(s.callControl().appliesTo("SW-1005")).isTrue();
        assertThat(s.callControl().appliesTo("SW-2001")).isFalse();
        assertThat(AmiSettings.CallControl.DEFAULT.appliesTo("SW-2001")).isTrue();
        assertThat(AmiSettings.CallControl.DEFAULT.appliesTo("SW-1001")).isFalse();
        assertThat(s.problems()).isEmpty();
        assertThat(s.toString()).doesNotContain("hunter2");
        // Validation at binding names the setting; the secret is never printed.
        assertThatThrownBy(() -> YAML.readValue("""
                connections:
                  - name: pbx2
                    host: pbx2.example.net
                    tls: true
                    tls_ca_file: /nonexistent/ca.pem
                    username: sipwarden
                    secret_file: /nonexistent/secret
                """, AmiSettings.class))
                .hasMessageContaining("ami.connections[0].secret_file: cannot read /nonexistent/secret")
                .hasMessageContaining("ami.connections[0].tls_ca_file: cannot read /nonexistent/ca.pem")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
    }

    @Test
    void invalidValuesAreNamed() throws Exception {
        assertThatThrownBy(() -> YAML.readValue("""
                connections:
                  - name: pbx1
                    username: u
                    secret: x
                    secret_file: /etc/x
                    events: system,call
                    reconnect_min: 10s
                    reconnect_max: 1s
                  - name: pbx1
                    port: 70000
                    username: u
                    secret: x
                """, AmiSettings.class))
                .hasMessageContaining("ami.connections[0]: set exactly one of secret")
                .hasMessageContaining("ami.connections[0].events:")
                .hasMessageContaining("ami.connections[0].reconnect_max:")
                .hasMessageContaining("ami.connections[1].name: 'pbx1' is used twice")
                .hasMessageContaining("ami.connections[1].port:");
        // 1000000d passed, and the keepalive timer then failed on every tick (ArithmeticException in toNanos).
        assertThatThrownBy(() -> YAML.readValue(
                "connections: [{name: a, username: u, secret: x, ping_interval: 1000000d, reconnect_max: 999999999w}]",
                AmiSettings.class))
                .hasMessageContaining("ami.connections[0].ping_interval: must be at most 365d, is 1000000d")
                .hasMessageContaining("ami.connections[0].reconnect_max: must be at most 365d");
        assertThatThrownBy(() -> YAML.readValue("connections: [{name: a, ping_interval: soon}]", AmiSettings.class))
                .hasMessageContaining("not a duration");
        assertThatThrownBy(() -> YAML.readValue("connections: [{name: a, colour: red}]", AmiSettings.class))
                .hasMessageContaining("colour");
    }

    @Test
    void travelSettingsDefaults() throws Exception {
        TravelSettings t = YAML.readValue("min_distance_km: 50", TravelSettings.class);
        assertThat(t.maxSpeedKmh()).isEqualTo(1000.0);
        assertThat(t.minDistanceKm()).isEqualTo(50.0);
        assertThat(t.ban()).isFalse();
        assertThatThrownBy(() -> new TravelSettings(-1.0, null, null, 0))
                .hasMessageContaining("impossible_travel.max_speed_kmh")
                .hasMessageContaining("impossible_travel.max_endpoints");
    }
}
