package io.sipwarden.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sipwarden.net.Cidr;
import io.sipwarden.policy.PolicySettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    private List<String> errors(Path main) {
        try {
            ConfigLoader.load(main);
            throw new AssertionError("expected configuration errors");
        } catch (ConfigException e) {
            return e.errors().stream().map(ConfigError::toString).toList();
        }
    }

    @Test
    void noFileAtAllGivesBuiltInDefaults() throws Exception {
        Configuration c = ConfigLoader.load(dir.resolve("sipwarden.yml"), false, Sections.ALL);
        assertThat(c.files()).isEmpty();
        Settings s = Settings.from(c);
        assertThat(s.general().stateDir()).isEqualTo(Path.of("/var/lib/sipwarden"));
        assertThat(s.policy()).isEqualTo(PolicySettings.defaults());
        assertThat(s.policy().geofence().sip().isEmpty()).isTrue();
        assertThat(Settings.from(Configuration.defaults())).isEqualTo(s);
    }

    @Test
    void explicitFileMustExist() {
        assertThat(errors(dir.resolve("missing.yml"))).containsExactly(dir.resolve("missing.yml") + ": no such file");
    }

    @Test
    void dropInsApplyInNameOrderMapsMergeListsReplace() throws Exception {
        Path main = write("sipwarden.yml", """
                general:
                  state_dir: /srv/sw
                policy:
                  trusted:
                    networks: [192.0.2.0/24, 198.51.100.7]
                    resolve_interval: 10m
                  deny:
                    countries: [CN]
                """);
        write("conf.d/20-late.yml", """
                policy:
                  trusted:
                    networks:
                      - 203.0.113.0/24
                """);
        write("conf.d/10-early.yml", """
                policy:
                  trusted:
                    networks: [10.0.0.0/8]
                  deny:
                    continents: [AN]
                """);
        write("conf.d/.hidden.yml", "nonsense: [");
        write("conf.d/notes.txt", "nonsense: [");
        Configuration c = ConfigLoader.load(main);
        assertThat(c.files()).containsExactly(main, dir.resolve("conf.d/10-early.yml"), dir.resolve("conf.d/20-late.yml"));
        PolicySettings p = Settings.from(c).policy();
        assertThat(p.trusted().networks()).containsExactly(Cidr.parse("203.0.113.0/24"));
        assertThat(p.trusted().resolveInterval()).isEqualTo(Duration.ofMinutes(10));
        assertThat(p.deny().countries()).containsExactly(CountryCode.parse("CN"));
        assertThat(p.deny().continents()).containsExactly(Continent.AN);
        assertThat(Settings.from(c).general().stateDir()).isEqualTo(Path.of("/srv/sw"));
        assertThat(c.describe("policy.trusted.networks")).isEqualTo(dir.resolve("conf.d/20-late.yml") + ":3");
        assertThat(c.describe("policy.trusted.networks[0]")).isEqualTo(dir.resolve("conf.d/20-late.yml") + ":4");
        assertThat(c.locate("policy.trusted.networks[1]")).isEmpty();
        assertThat(c.describe("policy.deny.countries")).isEqualTo(main + ":8");
        assertThat(c.describe("policy.geofence")).isEqualTo("built-in default");
    }

    @Test
    void emptyDropInSectionDoesNotWipeEarlierSettings() throws Exception {
        Path main = write("sipwarden.yml", "policy:\n  deny:\n    countries: [RU]\n");
        write("conf.d/50-empty.yml", "policy:\n  # deny:\n  #   countries: []\n");
        write("conf.d/60-blank.yml", "");
        Configuration c = ConfigLoader.load(main);
        assertThat(Settings.from(c).policy().deny().countries()).containsExactly(CountryCode.parse("RU"));
    }

    /** A directory given as the file used to read as "YAML syntax error: not valid YAML", and one in conf.d was skipped unsaid. */
    @Test
    void aDirectoryWhereAFileIsExpectedIsNamedAsSuch() throws Exception {
        Path main = Files.createDirectory(dir.resolve("sipwarden.yml"));
        assertThat(errors(main)).containsExactly(main + ": is a directory, not a configuration file");
        Path other = write("other.yml", "general:\n  state_dir: /x\n");
        Path dropIn = Files.createDirectories(dir.resolve("conf.d/20-b.yml"));
        Files.createSymbolicLink(dir.resolve("conf.d/30-c.yml"), dir.resolve("gone.yml"));
        assertThat(errors(other)).containsExactly(dropIn + ": is a directory, not a configuration file",
                dir.resolve("conf.d/30-c.yml") + ": cannot read: no such file");
    }

    /** A file or a dangling link named conf.d was skipped unsaid: the daemon started without the drop-ins meant to apply. */
    @Test
    void aConfDThatIsNotADirectoryIsAnError() throws Exception {
        Path main = write("sipwarden.yml", "general:\n  state_dir: /x\n");
        Path confD = write("conf.d", "policy:\n  deny:\n    countries: [RU]\n");
        assertThat(errors(main)).containsExactly(confD
                + ": is not a directory; drop-in files go in a directory conf.d beside sipwarden.yml");
        Files.delete(confD);
        Files.createSymbolicLink(confD, dir.resolve("gone"));
        assertThat(errors(main)).hasSize(1).first().asString().startsWith(confD + ": is not a directory");
    }

    /** {@code head} followed by comment lines, {@code bytes} long in all (ASCII). */
    private static String withComments(String head, int bytes) {
        int rest = bytes - head.length();
        String line = "#".repeat(79) + "\n";
        StringBuilder b = new StringBuilder(bytes).append(head).append(line.repeat(rest / line.length()));
        if (rest % line.length() > 0) {
            b.append("#".repeat(rest % line.length() - 1)).append('\n');
        }
        return b.toString();
    }

    /** A file over the YAML parser's 3 MiB limit was reported as "YAML syntax error: not valid YAML" at line 393215. */
    @Test
    void aFileOverTheSizeLimitIsCalledTooLargeNamingTheLimit() throws Exception {
        int limit = 3 * 1024 * 1024;
        Path atLimit = write("sipwarden.yml", withComments("general:\n  state_dir: /x\n", limit));
        assertThat(Files.size(atLimit)).isEqualTo(limit);
        assertThat(Settings.from(ConfigLoader.load(atLimit)).general().stateDir()).isEqualTo(Path.of("/x"));

        Path big = write("big.yml", "policy:\n  trusted:\n    networks:\n" + "      - 192.0.2.1\n".repeat(180_000));
        assertThat(errors(big)).containsExactly(big + ": too large: " + Files.size(big)
                + " bytes; a configuration file may be at most 3145728 bytes (3 MiB)");
        Path oneOver = write("one-over.yml", withComments("general:\n  state_dir: /x\n", limit + 1));
        assertThat(errors(oneOver)).containsExactly(oneOver + ": too large: 3145729 bytes; a configuration file may be at most 3145728 bytes (3 MiB)");
    }

    /** A file that is not UTF-8 read as "YAML syntax error: not valid YAML" at line 1: the decoder failed inside the parser. */
    @Test
    void aFileThatIsNotUtf8IsNamedAsSuch() throws Exception {
        Path latin1 = Files.write(dir.resolve("sipwarden.yml"), "general:\n  state_dir: /caf\u00e9\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertThat(errors(latin1)).containsExactly(latin1 + ": cannot read: not UTF-8 text");
    }

    @Test
    void dropInsWithoutMainFileAreRead() throws Exception {
        write("conf.d/10-a.yml", "general:\n  state_dir: /x\n");
        Configuration c = ConfigLoader.load(dir.resolve("sipwarden.yml"), false, Sections.ALL);
        assertThat(Settings.from(c).general().stateDir()).isEqualTo(Path.of("/x"));
    }

    @Test
    void queueCapacityIsAGeneralSettingWithBounds() throws Exception {
        Path ok = write("sipwarden.yml", "general:\n  queue_capacity: 1024\n");
        assertThat(Settings.from(ConfigLoader.load(ok)).general().queueCapacity()).isEqualTo(1024);
        Path bad = write("bad.yml", "general:\n  state_dir: /x\n  queue_capacity: 8\n");
        assertThat(errors(bad)).containsExactly(
                bad + ":3: general.queue_capacity: must be between 16 and 16777216, not 8");
    }

    @Test
    void collectsEveryErrorWithExactLines() throws Exception {
        Path main = write("sipwarden.yml", """
                general:
                  state_dir: /srv/sw
                  colour: blue
                policy:
                  trusted:
                    networks:
                      - 192.0.2.0/24
                      - 10.0.0.300/8
                      - 198.51.100.0/24
                      - example.org
                    resolve_interval: soon
                  deny:
                    countries: [CN, XY, RU, QQ]
                    continents: [EU, ZZ]
                  geofence:
                    sip:
                      unknown: maybe
                bogus: 1
                """);
        write("conf.d/10-x.yml", """
                policy:
                  trusted:
                    hosts: [ok.example, "bad host"]
                """);
        List<String> e = errors(main);
        String m = main.toString();
        String d = dir.resolve("conf.d/10-x.yml").toString();
        assertThat(e).containsExactlyInAnyOrder(
                m + ":3: general.colour: unknown setting 'colour' (known here: host_address_refresh, host_addresses, queue_capacity, state_dir)",
                m + ":8: policy.trusted.networks[1]: not an address or CIDR: '10.0.0.300/8' (write 192.0.2.0/24, 2001:db8::/32 or a single address)",
                m + ":10: policy.trusted.networks[3]: not an address or CIDR: 'example.org' (write 192.0.2.0/24, 2001:db8::/32 or a single address)",
                m + ":11: policy.trusted.resolve_interval: not a duration: 'soon' (write 30s, 10m, 1h, 7d, 1h30m or ISO-8601 such as PT10M)",
                m + ":13: policy.deny.countries[1]: unknown country code 'XY' (ISO 3166-1 alpha-2, e.g. FR, US, DE)",
                m + ":13: policy.deny.countries[3]: unknown country code 'QQ' (ISO 3166-1 alpha-2, e.g. FR, US, DE)",
                m + ":14: policy.deny.continents[1]: unknown continent code 'ZZ' (one of AF AN AS EU NA OC SA)",
                m + ":17: policy.geofence.sip.unknown: expected one of allow deny, got text 'maybe'",
                m + ":18: bogus: unknown section (known: ami, audit, ban, detect, enforce, general, geo, impossible_travel, log, output, policy, store)",
                d + ":3: policy.trusted.hosts[1]: not a host name: 'bad host'");
    }
}
