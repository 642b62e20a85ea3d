package io.sipwarden.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipwarden.acceptance.Bans.Ban;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sipwarden replay} over every recorded scenario, with the messages log alone, the security
 * log alone and both: who is banned by which rule, that the legitimate user's addresses never are,
 * and that reading both logs counts every attempt once.
 */
class ReplayScenariosTest {
    private static final Pattern EVENTS = Pattern.compile(
            "(?m)^events after de-duplication: (\\d+) \\(auth_failure=(\\d+), auth_success=(\\d+)");

    @TempDir
    static Path dir;
    static Path config;

    /** What one scenario gives: the attacker (null: nobody is banned) and the rule per input. */
    record Expect(String scenario, String attacker, String ruleMessages, String ruleSecurity, String ruleBoth,
                  int failures, int failuresSecurityOnly, int successes) {
    }

    // Failures are the README's "Failed authentications" (the security log's Severity=Error events);
    // successes include the AMI recorder's own login from 127.0.0.1 at the top of every slice.
    static final List<Expect> EXPECTED = List.of(
            // sipvicious' forged From display name "sipvicious" is only in the NOTICE line (messages log):
            // the security log alone shows two unknown-account OPTIONS/INVITEs for the same account '100',
            // too few for any counting rule, so nobody is banned from it alone.
            new Expect("s01-svmap", "10.77.0.2", "SW-1003", null, "SW-1003", 2, 2, 1),
            new Expect("s02-svwar-register", "10.77.0.2", "SW-1002", "SW-1002", "SW-1002", 4, 4, 1),
            new Expect("s03-svwar-invite", "10.77.0.2", "SW-1002", "SW-1002", "SW-1002", 4, 4, 1),
            new Expect("s04-svcrack-1001", "10.77.0.2", "SW-1001", "SW-1001", "SW-1001", 19, 19, 2),
            new Expect("s05-register-flood", "10.77.0.2", "SW-1001", "SW-1001", "SW-1001", 6600, 6600, 1),
            new Expect("s06-legit-user", null, null, null, null, 0, 0, 4),
            new Expect("s07-roaming", null, null, null, null, 0, 0, 4),
            // svmap -6 sends the forged display name first (NOTICE only); the security log alone sees the
            // sipp brute force after it.
            new Expect("s08-ipv6-attacks", "fd77::2", "SW-1003", "SW-1001", "SW-1003", 282, 282, 1),
            new Expect("s09-tollfraud-invite", "10.77.0.2", "SW-1001", "SW-1001", "SW-1001", 3, 3, 1),
            new Expect("s10-chansip", "10.77.0.2", "SW-1001", "SW-1001", "SW-1001", 15, 15, 4),
            new Expect("s11-ami-bruteforce", "10.77.0.2", "SW-1008", "SW-1008", "SW-1008", 6, 6, 1),
            // The messages log also has the 1200 pjproject "Dropping ... packet" WARNINGs (no security
            // event): each is a BAD_REQUEST failure, counted on top of the 240 unknown accounts.
            new Expect("s12-malformed-register-flood", "10.77.0.2", "SW-1001", "SW-1001", "SW-1001", 1440, 240, 1),
            // Brute force (3 failures) fires at the third unknown account, before enumeration (5 distinct).
            new Expect("s13-invite-spray", "10.77.0.2", "SW-1001", "SW-1001", "SW-1001", 160, 160, 1));

    @BeforeAll
    static void config() throws Exception {
        // No geo database: the scenario addresses are private anyway, and this keeps each replay quick.
        config = Files.writeString(dir.resolve("sipwarden.yml"), "geo:\n  tor_geoip: \"\"\n  tor_geoip6: \"\"\n");
    }

    @TestFactory
    Stream<DynamicTest> everyScenarioInEveryInput() {
        assertThat(EXPECTED).extracting(Expect::scenario).containsExactlyElementsOf(Captures.SCENARIOS);
        return EXPECTED.stream().map(e -> DynamicTest.dynamicTest(e.scenario(), () -> check(e)));
    }

    private static void check(Expect e) {
        Path m = Captures.messages(e.scenario());
        Path s = Captures.security(e.scenario());
        Map<String, List<Path>> inputs = new LinkedHashMap<>();
        inputs.put("messages", List.of(m));
        inputs.put("security", List.of(s));
        inputs.put("both", List.of(m, s));
        inputs.put("both, security first", List.of(s, m));
        for (Map.Entry<String, List<Path>> in : inputs.entrySet()) {
            String mode = in.getKey();
            String rule = switch (mode) {
                case "messages" -> e.ruleMessages();
                case "security" -> e.ruleSecurity();
                default -> e.ruleBoth();
            };
            String label = e.scenario() + " from " + mode;
            Replayed r = replay(in.getValue());
            assertThat(r.bans()).as(label + ": the legitimate user's addresses are never banned")
                    .extracting(Ban::scope).doesNotContainAnyElementsOf(Captures.USERS);
            if (rule == null) {
                assertThat(r.bans()).as(label + ": nobody banned").isEmpty();
            } else {
                assertThat(r.bans()).as(label + ": one ban, on the attacker").hasSize(1);
                Ban b = r.bans().getFirst();
                assertThat(b.action()).as(label).isEqualTo("ban");
                assertThat(b.scope()).as(label).isEqualTo(e.attacker());
                assertThat(b.rule()).as(label + ": " + b.reason()).isEqualTo(rule);
                assertThat(b.firstEvidence()).as(label).isBeforeOrEqualTo(b.lastEvidence());
                assertThat(b.until()).as(label + ": a one-hour first ban")
                        .isEqualTo(b.lastEvidence().plusSeconds(3600));
            }
            int failures = mode.equals("security") ? e.failuresSecurityOnly() : e.failures();
            assertThat(r.failures()).as(label + ": failures after de-duplication").isEqualTo(failures);
            assertThat(r.successes()).as(label + ": successes after de-duplication").isEqualTo(e.successes());
            assertThat(r.events()).as(label).isEqualTo(failures + e.successes());
        }
    }

    @org.junit.jupiter.api.Test
    void aPipeIsReplayedLikeTheFile() throws Exception {
        Path file = Captures.messages("s04-svcrack-1001");
        Path fifo = dir.resolve("messages-pipe");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        Thread writer = Thread.ofPlatform().start(() -> {
            try (var out = Files.newOutputStream(fifo)) { // opens the pipe: no new file replaces it
                Files.copy(file, out);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        Cli.Run piped = Cli.run("replay", "--json", "--timezone", "UTC", "--config", config.toString(), fifo.toString());
        writer.join(10_000);
        assertThat(Files.isRegularFile(fifo)).as("still a pipe").isFalse();
        Cli.Run plain = Cli.run("replay", "--json", "--timezone", "UTC", "--config", config.toString(), file.toString());
        assertThat(piped.code()).as(piped.err()).isZero();
        List<Ban> fromPipe = Bans.parse(piped.out());
        assertThat(fromPipe).extracting(Ban::scope).containsExactly("10.77.0.2");
        assertThat(fromPipe).extracting(Ban::rule).isEqualTo(Bans.parse(plain.out()).stream().map(Ban::rule).toList());
        assertThat(Cli.run("replay", dir.toString()).err()).contains("not a readable file");
    }

    /** The decisions ({@code --json}) and the summary's event counts (human output) of one replay. */
    record Replayed(List<Ban> bans, long events, long failures, long successes) {
    }

    static Replayed replay(List<Path> files) {
        List<String> args = new ArrayList<>(List.of("replay", "--timezone", "UTC", "--config", config.toString()));
        files.forEach(f -> args.add(f.toString()));
        Cli.Run human = Cli.run(args.toArray(String[]::new));
        assertThat(human.code()).as(human.err()).isZero();
        args.add(1, "--json");
        Cli.Run json = Cli.run(args.toArray(String[]::new));
        assertThat(json.code()).as(json.err()).isZero();
        Matcher c = EVENTS.matcher(human.out());
        assertThat(c.find()).as("summary in:\n" + human.out()).isTrue();
        List<Ban> bans = Bans.parse(json.out());
        assertThat(human.out().lines().filter(l -> l.startsWith("ban ")).count())
                .as("the human output lists the same decisions").isEqualTo(bans.size());
        return new Replayed(bans, Long.parseLong(c.group(1)), Long.parseLong(c.group(2)), Long.parseLong(c.group(3)));
    }
}
