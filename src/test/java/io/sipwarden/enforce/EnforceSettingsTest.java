package io.sipwarden.enforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.sipwarden.net.Cidr;
import io.sipwarden.time.DurationText;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Settings binding and defaults, and the pure reconcile arithmetic. */
class EnforceSettingsTest {
    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory()).configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    @Test
    void defaults() {
        EnforceSettings s = EnforceSettings.defaults();
        assertThat(s.backend()).isEqualTo(EnforceSettings.Backend.NFTABLES);
        assertThat(s.scope()).isEqualTo(EnforceSettings.Scope.ALL);
        assertThat(s.voipPorts()).containsExactly(5060, 5061);
        assertThat(s.removeOnStop()).isFalse();
        assertThat(s.reconcileInterval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(s.table()).isEqualTo("sipwarden");
        assertThat(s.trustOwnAddresses()).isTrue();
        assertThat(s.perimeter().trapPorts()).containsExactly(23, 1433, 3306, 3389, 5900);
        assertThat(s.perimeter().trapBan()).isEqualTo(Duration.ofMinutes(10));
        assertThat(s.perimeter().nfqueue().enabled()).isFalse();
        assertThat(s.perimeter().nfqueue().bypass()).isTrue();
    }

    @Test
    void bindsSnakeCaseYaml() throws Exception {
        EnforceSettings s = yaml.readValue("""
                backend: ipset
                scope: voip_ports
                voip_ports: [5060, 5080]
                remove_on_stop: true
                reconcile_interval: 90s
                table: swtest
                trusted: [192.0.2.0/24, "2001:db8::1"]
                ipset: {iptables_command: iptables-legacy}
                perimeter:
                  public_interface: eth0
                  trap_ports: [22, 23]
                  trap_ban: 1h30m
                  register_rate: 7
                  nfqueue: {enabled: true, num: 4, bypass: false}
                """, EnforceSettings.class);
        assertThat(s.backend()).isEqualTo(EnforceSettings.Backend.IPSET);
        assertThat(s.scope()).isEqualTo(EnforceSettings.Scope.VOIP_PORTS);
        assertThat(s.voipPorts()).containsExactly(5060, 5080);
        assertThat(s.removeOnStop()).isTrue();
        assertThat(s.reconcileInterval()).isEqualTo(Duration.ofSeconds(90));
        assertThat(s.trustedCidrs()).containsExactly(Cidr.parse("192.0.2.0/24"), Cidr.parse("2001:db8::1"));
        assertThat(s.ipset().iptablesCommand()).isEqualTo("iptables-legacy");
        assertThat(s.ipset().ip6tablesCommand()).isEqualTo("ip6tables");
        assertThat(s.perimeter().trapBan()).isEqualTo(Duration.ofMinutes(90));
        assertThat(s.perimeter().registerRate()).isEqualTo(7);
        assertThat(s.perimeter().inviteRate()).isEqualTo(10);
        assertThat(s.perimeter().nfqueue()).isEqualTo(new EnforceSettings.Nfqueue(true, 4, false));
    }

    @Test
    void badValuesSayWhichSetting() {
        assertThatThrownBy(() -> yaml.readValue("backend: pf", EnforceSettings.class)).hasMessageContaining("enforce.backend");
        assertThatThrownBy(() -> yaml.readValue("voip_ports: [70000]", EnforceSettings.class)).hasMessageContaining("enforce.voip_ports");
        assertThatThrownBy(() -> yaml.readValue("reconcile_interval: soon", EnforceSettings.class)).hasMessageContaining("not a duration");
        assertThatThrownBy(() -> yaml.readValue("table: 'x; flush ruleset'", EnforceSettings.class)).hasMessageContaining("enforce.table");
        assertThatThrownBy(() -> yaml.readValue("perimeter: {public_interface: 'eth0\" accept'}", EnforceSettings.class))
                .hasMessageContaining("public_interface");
    }

    @Test
    void durations() {
        assertThat(DurationText.parse("10m")).isEqualTo(Duration.ofMinutes(10));
        assertThat(DurationText.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(DurationText.parse("2d")).isEqualTo(Duration.ofDays(2));
        assertThat(DurationText.parse("1500ms")).isEqualTo(Duration.ofMillis(1500));
        assertThat(DurationText.parse("PT5M")).isEqualTo(Duration.ofMinutes(5));
        assertThatThrownBy(() -> DurationText.parse("5 minutes")).hasMessageContaining("not a duration");
    }

    @Test
    void diffAddsRemovesAndFixesOnlyRealDrift() {
        Duration max = Duration.ofDays(365);
        Map<Cidr, Duration> want = new LinkedHashMap<>();
        want.put(Cidr.parse("192.0.2.1"), Duration.ofSeconds(600));
        want.put(Cidr.parse("192.0.2.2"), Duration.ofSeconds(600));
        want.put(Cidr.parse("192.0.2.3"), Duration.ofSeconds(7200));
        want.put(Cidr.parse("192.0.2.4"), max);
        want.put(Cidr.parse("192.0.2.0/30"), null);
        Map<Cidr, Duration> have = new LinkedHashMap<>();
        have.put(Cidr.parse("192.0.2.2"), Duration.ofSeconds(598));
        have.put(Cidr.parse("192.0.2.3"), Duration.ofSeconds(600));
        have.put(Cidr.parse("192.0.2.4"), max.minusDays(10));
        have.put(Cidr.parse("192.0.2.9"), Duration.ofSeconds(5));
        have.put(Cidr.parse("192.0.2.0/30"), Duration.ofSeconds(5));
        ElementDiff d = ElementDiff.of(want, have, max, Duration.ofSeconds(3));
        assertThat(d.add()).containsOnlyKeys(Cidr.parse("192.0.2.1"));
        assertThat(d.remove()).containsExactly(Cidr.parse("192.0.2.9"));
        assertThat(d.fix()).containsOnlyKeys(Cidr.parse("192.0.2.3"), Cidr.parse("192.0.2.0/30"));
    }

    @Test
    void desiredKeepsTheLatestUntilAndDropsNestedPrefixes() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        Desired d = Desired.of(List.of(Decisions.ban("192.0.2.1", now, Duration.ofMinutes(5)),
                Decisions.ban("192.0.2.1", now, Duration.ofMinutes(50)),
                Decisions.ban("192.0.2.9", now.minusSeconds(600), Duration.ofMinutes(1))), now);
        assertThat(d.bans()).containsExactly(Map.entry(Cidr.parse("192.0.2.1"), now.plusSeconds(3000)));
        Map<Cidr, Integer> nets = new LinkedHashMap<>();
        nets.put(Cidr.parse("10.1.2.0/24"), 1);
        nets.put(Cidr.parse("10.0.0.0/8"), 2);
        nets.put(Cidr.parse("11.0.0.0/8"), 3);
        assertThat(Desired.outermost(nets)).containsOnlyKeys(Cidr.parse("10.0.0.0/8"), Cidr.parse("11.0.0.0/8"));
    }
}
