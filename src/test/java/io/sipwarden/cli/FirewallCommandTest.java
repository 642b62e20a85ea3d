package io.sipwarden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipwarden.enforce.Lab;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sipwarden firewall}: printing needs nothing; apply/remove act in a namespace of the test's own. */
class FirewallCommandTest {
    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        CliRun.Result r = CliRun.run(args);
        return new Run(r.code(), r.out(), r.err());
    }

    @Test
    void printShowsTheWholeRulesetWithoutTouchingTheKernel() throws Exception {
        Path cfg = dir.resolve("sipwarden.yml");
        Files.writeString(cfg, """
                enforce:
                  trusted: [192.0.2.10, "2001:db8::/64"]
                  perimeter:
                    public_interface: eth0
                    trap_ports: [23, 3389]
                    trap_ban: 10m
                    nfqueue: {enabled: true, num: 2}
                """);
        Run r = run("firewall", "print", "--config", cfg.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("table inet sipwarden_perimeter {", "elements = { 192.0.2.10 }",
                "iifname \"eth0\" ip saddr @bogon4", "th dport { 23, 3389 } add @trap4", "timeout 600s",
                "queue num 2 bypass", "iptables -t mangle -A PREROUTING -p udp --dport 5060", "--queue-bypass",
                "REGISTER rate", "INVITE rate", "new connections", "ICMPv6 allow-list");
        assertThat(r.out()).doesNotContain("dport { 22");
    }

    @Test
    void aBadSettingNamesTheFileTheLineAndTheSetting() throws Exception {
        Path cfg = dir.resolve("bad.yml");
        Files.writeString(cfg, "enforce:\n  backend: nftables\n  perimeter:\n    trap_portz: [23]\n");
        Run r = run("firewall", "print", "--config", cfg.toString());
        assertThat(r.exit()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.err()).contains("bad.yml:4", "trap_portz");
        Files.writeString(cfg, "enforce:\n  trusted: [pbx.example.com]\n");
        r = run("firewall", "print", "--config", cfg.toString());
        assertThat(r.exit()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.err()).contains("not an IP address", "pbx.example.com");
    }

    /** A trap_ban past what nft loads passed validation and then failed at ruleset load, in apply. */
    @Test
    void aTrapBanLongerThanNftablesLoadsIsRefusedWithTheLimit() throws Exception {
        Path cfg = dir.resolve("long.yml");
        Files.writeString(cfg, "enforce:\n  perimeter:\n    trap_ban: 1200d\n");
        Run r = run("firewall", "print", "--config", cfg.toString());
        assertThat(r.exit()).as(r.out()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.err()).contains("long.yml:3", "enforce.perimeter.trap_ban", "at most 365d", "1200d");
        r = run("firewall", "print", "--trap-ban", "366d");
        assertThat(r.exit()).as(r.out()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.err()).contains("--trap-ban", "at most 365d", "366d");
        assertThat(run("firewall", "print", "--trap-ban", "soon").err()).contains("--trap-ban", "not a duration");
    }

    @Test
    void theLongestTrapBanLoadsIntoTheKernel() throws Exception {
        try (Lab lab = Lab.create()) {
            Run r = run("firewall", "apply", "--netns", lab.d, "--trap-ban", "365d");
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(lab.inD("nft", "list set inet sipwarden_perimeter trap4")).contains("timeout 365d");
        }
    }

    @Test
    void applyAndRemoveInANamespace() throws Exception {
        try (Lab lab = Lab.create()) {
            Run r = run("firewall", "apply", "--netns", lab.d, "--trap-ports", "23", "--trap-ban", "30s");
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.out()).contains("applied nftables table inet sipwarden_perimeter in netns " + lab.d);
            assertThat(lab.inD("nft", "list set inet sipwarden_perimeter trap4")).contains("timeout 30s");
            assertThat(run("firewall", "apply", "--netns", lab.d).exit()).isZero();
            r = run("firewall", "remove", "--netns", lab.d);
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(lab.inD("nft", "list tables")).doesNotContain("sipwarden_perimeter");
            assertThat(run("firewall", "remove", "--netns", lab.d).exit()).as("idempotent").isZero();
        }
    }

    @Test
    void aMissingNamespaceIsAClearRuntimeError() {
        Run r = run("firewall", "apply", "--netns", "sw-does-not-exist-" + ProcessHandle.current().pid());
        assertThat(r.exit()).isEqualTo(Main.EXIT_RUNTIME);
        assertThat(r.err()).contains("cannot enter network namespace", "errno 2");
    }
}
