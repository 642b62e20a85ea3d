package io.sipwarden.enforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sipwarden.net.Addresses;
import io.sipwarden.net.Cidr;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Bad input and broken environments: a clear message, no crash, health says degraded and why,
 * and the next call tries again.
 */
class DegradedEnforcementTest {
    private final InstantSource clock = InstantSource.system();

    @Test
    void missingLibnftablesDegradesWithAnInstallHint() {
        EnforceSettings s = new EnforceSettings(null, null, null, null, null, null, null, false,
                "libnftables-not-here.so.9", null, null, null);
        try (GuardedEnforcer e = Backends.open(s, clock)) {
            assertThat(e.health().ok()).isFalse();
            assertThat(e.health().detail()).contains("libnftables-not-here.so.9", "libnftables1");
            assertThatThrownBy(() -> e.add(List.of(Decisions.ban("10.77.0.2", clock.instant(), Duration.ofMinutes(1)))))
                    .isInstanceOf(EnforcementException.class).hasMessageContaining("libnftables1");
            assertThat(e.health().ok()).isFalse();
        }
    }

    @Test
    void missingIpsetToolDegrades() {
        EnforceSettings s = new EnforceSettings(EnforceSettings.Backend.IPSET, null, null, null, null, null, null, false,
                null, new EnforceSettings.Ipset("/nonexistent/ipset", null, null), null, null);
        try (GuardedEnforcer e = Backends.open(s, clock)) {
            assertThat(e.health().ok()).isFalse();
            assertThat(e.health().detail()).contains("/nonexistent/ipset", "install the ipset package");
        }
    }

    @Test
    void missingNamespaceDegrades() {
        EnforceSettings s = EnforceSettings.defaults().withNetns("sw-missing-" + ProcessHandle.current().pid());
        try (GuardedEnforcer e = Backends.open(s, clock)) {
            assertThat(e.health().ok()).isFalse();
            assertThat(e.health().detail()).contains("cannot enter network namespace", "errno 2");
        }
    }

    @Test
    void withoutCapNetAdminBothBackendsSayWhatIsMissingAndKeepRunning() throws Exception {
        try (Lab lab = Lab.create()) {
            for (String backend : List.of("nftables", "ipset")) {
                String out = Lab.sh("ip", "netns", "exec", lab.d, "setpriv", "--inh-caps=-all", "--bounding-set=-net_admin",
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "--enable-native-access=ALL-UNNAMED",
                        "-cp", System.getProperty("java.class.path"), HealthProbe.class.getName(), backend);
                assertThat(out).as(out).contains("health-after-open: Health[ok=false", "CAP_NET_ADMIN", "add: failed:",
                        "health-after-add: Health[ok=false");
            }
        }
    }

    @Test
    void addressesNeverReachACommandAsNames() throws Exception {
        for (String hostile : List.of("pbx.example.com", "1.2.3.4; flush ruleset", "1.2.3.4 }", "localhost", "")) {
            assertThatThrownBy(() -> Cidr.parse(hostile)).isInstanceOf(IllegalArgumentException.class);
        }
        // A zone id would be text nft does not expect: scopes carry none.
        Cidr scoped = Cidr.of(java.net.Inet6Address.getByAddress(null, Addresses.parse("fe80::1").getAddress(), 2));
        assertThat(KernelSet.literal(scoped)).isEqualTo("fe80::1");
        assertThat(KernelSet.literal(Cidr.parse("10.60.0.0/16"))).isEqualTo("10.60.0.0/16");
        assertThat(KernelSet.literal(Cidr.parse("2001:db8::/32"))).isEqualTo("2001:db8::/32");
    }

    @Test
    void guardRefusesLoopbackUnspecifiedMulticastTrustedAndOwnButNotPrivateRanges() {
        BanGuard g = new BanGuard(List.of(Cidr.parse("198.51.100.0/24")), List.of(Cidr.parse("203.0.113.5")));
        var now = clock.instant();
        for (String refused : List.of("127.0.0.1", "::1", "0.0.0.0", "::", "224.0.0.5", "ff02::1", "fe80::1",
                "198.51.100.7", "198.51.0.0/16", "203.0.113.5", "0.0.0.0/0", "::/0")) {
            assertThat(g.refusal(Decisions.ban(refused, now, Duration.ofMinutes(1)))).as(refused).isPresent();
        }
        for (String allowed : List.of("10.77.0.2", "192.168.1.9", "172.16.0.1", "fd77::2", "100.64.0.1", "8.8.8.8",
                "10.0.0.0/8")) {
            assertThat(g.refusal(Decisions.ban(allowed, now, Duration.ofMinutes(1)))).as(allowed).isEmpty();
        }
        assertThat(g.refusal(Decisions.allow("127.0.0.1", now, Duration.ofMinutes(1)))).isEmpty();
    }
}
