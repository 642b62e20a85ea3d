package io.sipwarden.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonAlias;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kind of configuration error, one row each: YAML text in, exact "line: setting: message" out. */
class ConfigErrorsTest {

    /** A section like other packages will own: numbers, flags, lists, durations, a secret. */
    public record SampleSettings(Integer port, Boolean enabled, List<String> names, Duration window,
                                 @JsonAlias("secret_file") Secret secret, Nested nested) {
        public SampleSettings {
            port = port == null ? 5038 : port;
            enabled = enabled == null ? Boolean.TRUE : enabled;
            names = names == null ? List.of() : List.copyOf(names);
            window = window == null ? Duration.ofMinutes(10) : window;
            if (port < 1 || port > 65535) {
                throw new SettingException("port", "must be between 1 and 65535");
            }
        }
    }

    public record Nested(Long limit, Integer apiKey) {
        public Nested {
            if (limit != null && limit < 0) {
                throw new IllegalArgumentException("limit must not be negative");
            }
        }
    }

    private static final List<Section<?>> REGISTRY = List.of(
            Sections.GENERAL, Sections.POLICY, new Section<>("sample", SampleSettings.class));

    @TempDir
    static Path dir;

    static Stream<Arguments> rows() {
        return Stream.of(
                Arguments.of("unknown key", "sample:\n  port: 1\n  prot: 2\n",
                        List.of("3: sample.prot: unknown setting 'prot' (known here: enabled, names, nested, port, secret, window)")),
                Arguments.of("unknown nested key", "sample:\n  nested:\n    limit: 1\n    limt: 2\n",
                        List.of("4: sample.nested.limt: unknown setting 'limt' (known here: api_key, limit)")),
                Arguments.of("unknown section", "\n\nsampel:\n  port: 1\n",
                        List.of("3: sampel: unknown section (known: general, policy, sample)")),
                Arguments.of("text for a number", "sample:\n  port: many\n",
                        List.of("2: sample.port: expected a whole number, got text 'many'")),
                Arguments.of("fraction for a whole number", "sample:\n  port: 50.5\n",
                        List.of("2: sample.port: expected a whole number, got a number '50.5'")),
                Arguments.of("number too large", "sample:\n  nested:\n    limit: 99999999999999999999999\n",
                        List.of("3: sample.nested.limit: number out of range for a whole number")),
                Arguments.of("list for a scalar", "sample:\n  port: [1, 2]\n",
                        List.of("2: sample.port: expected a whole number, got a list")),
                Arguments.of("scalar for a list", "sample:\n  names: alice\n",
                        List.of("2: sample.names: expected a list, got text")),
                Arguments.of("map for a list", "sample:\n  names:\n    a: 1\n",
                        List.of("2: sample.names: expected a list, got a map")),
                Arguments.of("scalar for a section", "sample: 3\n",
                        List.of("1: sample: expected a map of settings, got a number")),
                Arguments.of("bad boolean", "sample:\n  enabled: perhaps\n",
                        List.of("2: sample.enabled: expected true or false, got text 'perhaps'")),
                Arguments.of("bad duration", "sample:\n  window: 10 minutes\n",
                        List.of("2: sample.window: not a duration: '10 minutes' (write 30s, 10m, 1h, 7d, 1h30m or ISO-8601 such as PT10M)")),
                Arguments.of("duration without unit", "sample:\n  window: 600\n",
                        List.of("2: sample.window: not a duration: '600' (write 30s, 10m, 1h, 7d, 1h30m or ISO-8601 such as PT10M)")),
                Arguments.of("constructor check names the key", "sample:\n  enabled: true\n  port: 0\n",
                        List.of("3: sample.port: must be between 1 and 65535")),
                Arguments.of("constructor check without key", "sample:\n  nested:\n    limit: -1\n",
                        List.of("2: sample.nested: limit must not be negative")),
                Arguments.of("empty list entries", "sample:\n  names:\n    - a\n    -\n    - ~\n",
                        List.of("4: sample.names[1]: empty list entry", "5: sample.names[2]: empty list entry")),
                Arguments.of("duplicate key", "sample:\n  port: 1\n  port: 2\n",
                        List.of("3: sample.port: duplicate key (first given on line 2)")),
                Arguments.of("yaml syntax", "sample:\n  names: [a, b\n  port: 1\n",
                        List.of("3: YAML syntax error: expected ',' or ']', but got : (column 7)")),
                Arguments.of("not a map", "- a\n- b\n",
                        List.of("1: the file must be a map of settings (key: value), not a list")),
                Arguments.of("two documents", "sample:\n  port: 1\n---\nsample:\n  port: 2\n",
                        List.of("4: only one YAML document per file is allowed")),
                Arguments.of("bad CIDR prefix", "policy:\n  deny:\n    networks: [192.0.2.0/33]\n",
                        List.of("3: policy.deny.networks[0]: not an address or CIDR: '192.0.2.0/33' (write 192.0.2.0/24, 2001:db8::/32 or a single address)")),
                Arguments.of("bad region", "policy:\n  geofence:\n    sip:\n      allow:\n        regions: [US-MN, XY-AB]\n",
                        List.of("5: policy.geofence.sip.allow.regions[1]: unknown country 'XY' in region XY-AB")),
                Arguments.of("bad city country", "policy:\n  geofence:\n    sip:\n      deny:\n        cities:\n          - Paris\n          - QQ/Paris\n",
                        List.of("7: policy.geofence.sip.deny.cities[1]: unknown country 'QQ' in city QQ/Paris")),
                Arguments.of("bad ASN", "policy:\n  deny:\n    asns: [AS4134, ASX, 0]\n",
                        List.of("3: policy.deny.asns[1]: not an AS number: 'ASX' (write 4134 or AS4134)",
                                "3: policy.deny.asns[2]: AS number 0 out of range (1..4294967295)")),
                Arguments.of("interval too short", "policy:\n  trusted:\n    resolve_interval: 1s\n",
                        List.of("3: policy.trusted.resolve_interval: must be at least 10s")),
                Arguments.of("relative state dir", "general:\n  state_dir: var/lib\n",
                        List.of("2: general.state_dir: must be an absolute path")),
                Arguments.of("host address is not a name", "general:\n  host_addresses: [pbx.example.org]\n",
                        List.of("2: general.host_addresses[0]: not an IP address: 'pbx.example.org'")),
                Arguments.of("endpoint area error", "policy:\n  endpoints:\n    alice:\n      allow:\n        countries: [FR, EN]\n",
                        List.of("5: policy.endpoints.alice.allow.countries[1]: unknown country code 'EN' (ISO 3166-1 alpha-2, e.g. FR, US, DE)")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void reportsTheExactLineAndSetting(String name, String yaml, List<String> expected) throws IOException {
        Path file = Files.writeString(Files.createTempFile(dir, "row", ".yml"), yaml);
        List<String> got = new ArrayList<>();
        try {
            ConfigLoader.fromFiles(List.of(file), REGISTRY);
        } catch (ConfigException e) {
            e.errors().forEach(err -> got.add(err.toString()));
        }
        assertThat(got).containsExactlyElementsOf(expected.stream().map(s -> file + ":" + s).toList());
    }

    @Test
    void inlineAndFileSecretsAreReadAndNeverShown() throws Exception {
        Path secretFile = Files.writeString(dir.resolve("ami.secret"), "s3cr3t-from-file\n");
        Path a = Files.writeString(dir.resolve("a.yml"), "sample:\n  secret: inline-s3cr3t\n");
        Configuration c = ConfigLoader.fromFiles(List.of(a), REGISTRY);
        assertThat(c.section("sample", SampleSettings.class).secret().reveal()).isEqualTo("inline-s3cr3t");
        assertThat(c.section("sample", SampleSettings.class).toString()).doesNotContain("inline-s3cr3t");

        // A later file's secret_file replaces an earlier inline secret.
        Path b = Files.writeString(dir.resolve("b.yml"), "sample:\n  secret_file: " + secretFile + "\n");
        c = ConfigLoader.fromFiles(List.of(a, b), REGISTRY);
        assertThat(c.section("sample", SampleSettings.class).secret().reveal()).isEqualTo("s3cr3t-from-file");
    }

    @Test
    void secretErrorsNameTheKeyNotTheValue() throws Exception {
        Path f = Files.writeString(dir.resolve("s.yml"), """
                sample:
                  secret: [hunter2-in-a-list]
                  nested:
                    api_key: hunter2-key
                  names:
                    - hunter2-ok
                """);
        Path both = Files.writeString(dir.resolve("both.yml"), "sample:\n  secret: hunter2\n  secret_file: /etc/x\n");
        Path missing = Files.writeString(dir.resolve("missing.yml"), "sample:\n  secret_file: /nonexistent/h.secret\n");
        Path syntax = Files.writeString(dir.resolve("syntax.yml"), "sample:\n  secret: \"hunter2\n  port: 1\n");
        List<String> messages = new ArrayList<>();
        for (Path p : List.of(f, both, missing, syntax)) {
            try {
                ConfigLoader.fromFiles(List.of(p), REGISTRY);
            } catch (ConfigException e) {
                e.errors().forEach(err -> messages.add(err.toString()));
                assertThat(e.getMessage()).doesNotContain("hunter2");
            }
        }
        assertThat(messages).containsExactly(
                f + ":2: sample.secret: expected text, got a list",
                f + ":4: sample.nested.api_key: expected a whole number, got text",
                both + ":3: sample.secret_file: give either secret or secret_file, not both",
                missing + ":2: sample.secret_file: cannot read /nonexistent/h.secret: no such file",
                syntax + ":2: YAML syntax error: found unexpected end of stream (column 9)");
        // The value of a key that looks secret is not quoted even in a type error.
        Path typed = Files.writeString(dir.resolve("typed.yml"), "sample:\n  port: 1\n  nested:\n    limit: 1\n");
        assertThat(ConfigLoader.fromFiles(List.of(typed), REGISTRY).section("sample", SampleSettings.class).port()).isEqualTo(1);
    }

    /** A record whose check compares two keys, which drop-ins may set in different files. */
    public record Window(Integer min, Integer max) {
        public Window {
            min = min == null ? 1 : min;
            max = max == null ? 10 : max;
            if (min > max) {
                throw new SettingException("max", "must not be less than min (" + min + ")");
            }
        }
    }

    @Test
    void recordChecksRunOnTheMergedValuesAndPointAtTheLastFileThatSetThem() throws Exception {
        List<Section<?>> registry = List.of(new Section<>("window", Window.class));
        Path a = Files.writeString(dir.resolve("w1.yml"), "window:\n  max: 100\n");
        Path b = Files.writeString(dir.resolve("w2.yml"), "window:\n  min: 50\n");
        // Alone, w2 would break the default max of 10; merged with w1 it is fine.
        assertThat(ConfigLoader.fromFiles(List.of(a, b), registry).section("window", Window.class)).isEqualTo(new Window(50, 100));
        Path c = Files.writeString(dir.resolve("w3.yml"), "window:\n  # lowered\n  max: 20\n");
        try {
            ConfigLoader.fromFiles(List.of(a, b, c), registry);
            throw new AssertionError("expected errors");
        } catch (ConfigException e) {
            assertThat(e.errors()).extracting(ConfigError::toString)
                    .containsExactly(c + ":3: window.max: must not be less than min (50)");
        }
    }

    @Test
    void errorsInSeveralFilesAreAllReported() throws Exception {
        Path a = Files.writeString(dir.resolve("m1.yml"), "sample:\n  port: x\n");
        Path b = Files.writeString(dir.resolve("m2.yml"), "sample:\n  enabled: x\n");
        try {
            ConfigLoader.fromFiles(List.of(a, b), REGISTRY);
            throw new AssertionError("expected errors");
        } catch (ConfigException e) {
            assertThat(e.errors()).extracting(ConfigError::toString).containsExactly(
                    a + ":2: sample.port: expected a whole number, got text 'x'",
                    b + ":2: sample.enabled: expected true or false, got text 'x'");
        }
    }

    /** Every error was kept and printed: a list of a million bad entries cost memory and a screen line each. */
    @Test
    void aFloodOfErrorsKeepsTheFirstHundredAndCountsTheRest(@TempDir Path flood) throws Exception {
        Path main = Files.writeString(flood.resolve("sipwarden.yml"),
                "policy:\n  trusted:\n    networks:\n" + "    - ~\n".repeat(50_000));
        Files.createDirectory(flood.resolve("conf.d"));
        for (int i = 0; i < 300; i++) {
            Files.writeString(flood.resolve("conf.d").resolve(String.format("%03d.yml", i)), "nonsense: 1\n");
        }
        try {
            ConfigLoader.load(main, true, REGISTRY);
            throw new AssertionError("expected errors");
        } catch (ConfigException e) {
            assertThat(e.total()).isEqualTo(50_300);
            assertThat(e.errors()).hasSize(100);
            assertThat(e.more()).isEqualTo(50_200);
            assertThat(e.errors().getFirst()).hasToString(main + ":4: policy.trusted.networks[0]: empty list entry");
            List<String> lines = e.lines();
            assertThat(lines).hasSize(101);
            assertThat(lines.getLast()).isEqualTo("... and 50200 more configuration errors (only the first 100 are shown)");
            assertThat(e.summary()).isEqualTo("50300 configuration errors");
            assertThat(e.getMessage().lines().count()).isEqualTo(102);
        }
    }
}
