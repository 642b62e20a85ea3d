package io.sipwarden.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A broken configuration stops {@code config check} and {@code run} with exit 2 and every error at its file:line. */
class ConfigErrorsCliTest {

    @TempDir
    Path dir;

    private static final String BROKEN = """
            general:
              state_dirr: /var/lib/sipwarden
            policy:
              trusted:
                networks: [192.0.2.0/24, 198.51.100.0/33]
              geofence:
                sip:
                  allow:
                    countries: [FR, UK]
                    continents: [EU, EA]
            """;

    private List<String> expected(Path file) {
        return List.of(
                file + ":2: general.state_dirr: unknown setting 'state_dirr' (known here: host_address_refresh, host_addresses, queue_capacity, state_dir)",
                file + ":5: policy.trusted.networks[1]: not an address or CIDR: '198.51.100.0/33' (write 192.0.2.0/24, 2001:db8::/32 or a single address)",
                file + ":9: policy.geofence.sip.allow.countries[1]: unknown country code 'UK' (ISO 3166-1 alpha-2, e.g. FR, US, DE)",
                file + ":10: policy.geofence.sip.allow.continents[1]: unknown continent code 'EA' (one of AF AN AS EU NA OC SA)",
                "sipwarden: 4 configuration errors");
    }

    @Test
    void configCheckReportsEveryErrorAtItsLine() throws Exception {
        Path file = Files.writeString(dir.resolve("sipwarden.yml"), BROKEN);
        Cli.Run r = Cli.run("config", "check", "--config", file.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().lines().toList()).containsExactlyElementsOf(expected(file));
        assertThat(r.out()).isEmpty();
    }

    @Test
    void runRefusesToStartWithTheSameErrors() throws Exception {
        Path file = Files.writeString(dir.resolve("sipwarden.yml"), BROKEN);
        Path state = dir.resolve("state");
        Cli.Run r = Cli.run("run", "--config", file.toString(), "--state-dir", state.toString(), "--exit-after", "5s");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().lines().toList()).containsExactlyElementsOf(expected(file));
        assertThat(state).as("nothing was started").doesNotExist();
    }

    @Test
    void anErrorInADropInPointsIntoTheDropIn() throws Exception {
        Path file = Files.writeString(dir.resolve("sipwarden.yml"), "policy:\n  geofence:\n    sip:\n      allow:\n        countries: [FR]\n");
        Files.createDirectories(dir.resolve("conf.d"));
        Path dropIn = Files.writeString(dir.resolve("conf.d/20-office.yml"), "policy:\n  trusted:\n    networks:\n      - 10.0.0.300/8\n");
        for (String[] cmd : List.of(new String[] {"config", "check"}, new String[] {"run", "--exit-after", "5s", "--state-dir", dir.resolve("s").toString()})) {
            String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(cmd), java.util.stream.Stream.of("--config", file.toString()))
                    .toArray(String[]::new);
            Cli.Run r = Cli.run(args);
            assertThat(r.code()).as(String.join(" ", cmd)).isEqualTo(2);
            assertThat(r.err().lines().toList()).as(String.join(" ", cmd)).containsExactly(
                    dropIn + ":4: policy.trusted.networks[0]: not an address or CIDR: '10.0.0.300/8' (write 192.0.2.0/24, 2001:db8::/32 or a single address)",
                    "sipwarden: 1 configuration error");
        }
    }

    /** config check printed every error: a list of 20,000 bad entries was 20,000 lines. */
    @Test
    void aFloodOfErrorsPrintsTheFirstHundredAndHowManyMore() throws Exception {
        Path file = Files.writeString(dir.resolve("sipwarden.yml"), "policy:\n  trusted:\n    networks: [" + "~, ".repeat(20_000) + "]\n");
        Cli.Run r = Cli.run("config", "check", "--config", file.toString());
        assertThat(r.code()).isEqualTo(2);
        List<String> lines = r.err().lines().toList();
        assertThat(lines).hasSize(102);
        assertThat(lines.getFirst()).isEqualTo(file + ":3: policy.trusted.networks[0]: empty list entry");
        assertThat(lines.subList(100, 102)).containsExactly(
                "... and 19900 more configuration errors (only the first 100 are shown)",
                "sipwarden: 20000 configuration errors");
    }

    @Test
    void theDetectorAndBanSectionsAreNamedAsDocumented() throws Exception {
        // docs/detection.md: `detect:` and `ban:`.
        Path file = Files.writeString(dir.resolve("sipwarden.yml"), """
                detect:
                  brute_force: {threshold: 4, window: 15m}
                ban:
                  base: 2h
                """);
        Cli.Run r = Cli.run("config", "check", "--config", file.toString());
        assertThat(r.code()).as(r.err()).isZero();
        Path unknown = Files.writeString(dir.resolve("other.yml"), "detectors:\n  brute_force: {threshold: 4}\n");
        Cli.Run bad = Cli.run("config", "check", "--config", unknown.toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).startsWith(unknown + ":1: detectors: unknown section (known: ami, audit, ban, detect, ");
    }
}
