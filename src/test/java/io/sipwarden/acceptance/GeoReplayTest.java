package io.sipwarden.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipwarden.acceptance.Bans.Ban;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Geofence (SW-1004) and geolock (SW-1005) through {@code sipwarden replay}, on the recorded
 * attacks and legitimate sessions moved to public addresses that the Tor geoip files place in
 * allowed and forbidden countries.
 */
class GeoReplayTest {
    private static final Pattern EVENT_TV = Pattern.compile("EventTV=\"([^\"]+)\"");

    @TempDir
    static Path dir;

    static String attackerCn;
    static String userCn;
    static List<String> de;
    static List<String> fr;
    static List<String> de6;
    static List<String> fr6;

    @BeforeAll
    static void addresses() {
        List<String> cn = TorGeoip.v4("CN", 2);
        attackerCn = cn.get(0);
        userCn = cn.get(1);
        de = TorGeoip.v4("DE", 2);
        fr = TorGeoip.v4("FR", 2);
        de6 = TorGeoip.v6("DE", 2);
        fr6 = TorGeoip.v6("FR", 2);
        // The CLI's own lookup agrees with the file the addresses were picked from.
        Cli.Run r = Cli.run("lookup", attackerCn, userCn, de.get(0), de.get(1), fr.get(0), fr.get(1),
                de6.get(0), de6.get(1), fr6.get(0), fr6.get(1));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().lines().toList()).containsExactly(
                attackerCn + " AS/CN", userCn + " AS/CN", de.get(0) + " EU/DE", de.get(1) + " EU/DE",
                fr.get(0) + " EU/FR", fr.get(1) + " EU/FR", de6.get(0) + " EU/DE", de6.get(1) + " EU/DE",
                fr6.get(0) + " EU/FR", fr6.get(1) + " EU/FR");
    }

    private static Path config(String name, String policy) throws IOException {
        Path d = dir.resolve(name);
        Files.createDirectories(d);
        return Files.writeString(d.resolve("sipwarden.yml"), """
                geo:
                  tor_geoip: %s
                  tor_geoip6: %s
                policy:
                %s""".formatted(TorGeoip.V4, TorGeoip.V6, policy.indent(2)));
    }

    private static List<Ban> replay(Path config, Path... files) {
        List<String> args = new ArrayList<>(List.of("replay", "--json", "--timezone", "UTC", "--config", config.toString()));
        for (Path f : files) {
            args.add(f.toString());
        }
        Cli.Run r = Cli.run(args.toArray(String[]::new));
        assertThat(r.code()).as(r.err()).isZero();
        return Bans.parse(r.out());
    }

    /** EventTV of the first security-log line from {@code address} that is an attempt (not a challenge). */
    private static Instant firstAttempt(Path securityLog, String address) throws IOException {
        Pattern from = Pattern.compile("RemoteAddress=\"IPV[46]/[A-Z]+/" + Pattern.quote(address) + "/");
        for (String line : LogRewrite.lines(securityLog)) {
            if (from.matcher(line).find() && !line.contains("SecurityEvent=\"ChallengeSent\"")) {
                Matcher m = EVENT_TV.matcher(line);
                assertThat(m.find()).as(line).isTrue();
                return java.time.OffsetDateTime.parse(m.group(1),
                        java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSxx")).toInstant();
            }
        }
        throw new AssertionError("no attempt from " + address + " in " + securityLog);
    }

    private static final String FENCE_DE_US = """
            geofence:
              sip:
                allow:
                  countries: [DE, US]
            """;

    @Test
    void geofenceBansTheAttackerOnItsFirstAttemptAndNeverTheUserInAnAllowedCountry() throws IOException {
        Path cfg = config("fence", FENCE_DE_US);
        Path attack = LogRewrite.rewrite(Captures.security("s04-svcrack-1001"), dir.resolve("fence/security-s04.log"),
                Map.of(Captures.ATTACKER_V4, attackerCn));
        Path legit = LogRewrite.rewrite(Captures.security("s06-legit-user"), dir.resolve("fence/security-s06.log"),
                Map.of("10.77.0.3", de.getFirst()));
        Instant first = firstAttempt(attack, attackerCn);

        List<Ban> bans = replay(cfg, attack, legit);

        assertThat(bans).as("one ban: the attacker, and nothing for the user in Germany").hasSize(1);
        Ban b = bans.getFirst();
        assertThat(b.scope()).isEqualTo(attackerCn);
        assertThat(b.rule()).isEqualTo("SW-1004");
        assertThat(b.reason()).contains("geofence").contains("CN");
        assertThat(b.firstEvidence()).as("banned on its first attempt").isEqualTo(first);
        assertThat(b.lastEvidence()).isEqualTo(first);

        // Without the geofence the same attack is only caught by counting (SW-1001, at the third guess).
        Path open = config("open", "trusted:\n  networks: []\n");
        List<Ban> counted = replay(open, attack, legit);
        assertThat(counted).extracting(Ban::scope, Ban::rule).containsExactly(org.assertj.core.groups.Tuple.tuple(attackerCn, "SW-1001"));
        assertThat(counted.getFirst().lastEvidence()).isAfter(first);
    }

    @Test
    void geofenceAlsoWorksOnTheMessagesLogAlone() throws IOException {
        Path cfg = config("fence-messages", FENCE_DE_US);
        Path attack = LogRewrite.rewrite(Captures.messages("s05-register-flood"), dir.resolve("fence-messages/messages-s05.log"),
                Map.of(Captures.ATTACKER_V4, attackerCn));
        // The first line from the attacker that is an attempt: a NOTICE or a security event (not ChallengeSent).
        Instant first = null;
        for (String line : LogRewrite.lines(attack)) {
            if (line.contains(attackerCn) && !line.contains("ChallengeSent") && !line.contains("VERBOSE")) {
                // "[Nov 21 19:19:53] ...": the recording's year, read as UTC like the replay's --timezone.
                first = java.time.LocalDateTime.parse("2026 " + line.substring(1, 16),
                        java.time.format.DateTimeFormatter.ofPattern("uuuu MMM d HH:mm:ss", java.util.Locale.ROOT))
                        .toInstant(java.time.ZoneOffset.UTC);
                break;
            }
        }
        assertThat(first).isNotNull();

        List<Ban> bans = replay(cfg, attack);

        assertThat(bans).extracting(Ban::scope, Ban::rule).containsExactly(org.assertj.core.groups.Tuple.tuple(attackerCn, "SW-1004"));
        assertThat(bans.getFirst().firstEvidence()).isEqualTo(first);
        assertThat(bans.getFirst().lastEvidence()).isEqualTo(first);
    }

    @Test
    void aCorrectPasswordFromAForbiddenCountryIsBannedOnTheFirstRegister() throws IOException {
        Path cfg = config("stolen", FENCE_DE_US);
        Path legit = LogRewrite.rewrite(Captures.security("s06-legit-user"), dir.resolve("stolen/security-s06.log"),
                Map.of("10.77.0.3", userCn));
        Instant firstRegister = firstAttempt(legit, userCn);
        assertThat(LogRewrite.lines(legit)).filteredOn(l -> l.contains("EventTV=\"" + "2026-11-21T19:20:34.096+0000"))
                .singleElement().asString().contains("SecurityEvent=\"SuccessfulAuth\"").contains("AccountID=\"alice\"");

        List<Ban> bans = replay(cfg, legit);

        assertThat(bans).as("authenticated, and still outside the SIP geofence").hasSize(1);
        Ban b = bans.getFirst();
        assertThat(b.scope()).isEqualTo(userCn);
        assertThat(b.rule()).isEqualTo("SW-1004");
        assertThat(b.firstEvidence()).isEqualTo(firstRegister).isEqualTo(Instant.parse("2026-11-21T19:20:34.096Z"));
        assertThat(b.lastEvidence()).isEqualTo(firstRegister);
    }

    private static final String ALICE_IN_FRANCE = """
            geofence:
              sip:
                allow:
                  countries: [FR, DE]
            endpoints:
              alice:
                allow:
                  countries: [FR]
            """;

    /** s06 + s07 with the user's four addresses (10.77.0.3/.4, fd77::3/::4) moved to {@code v4} and {@code v6}. */
    private static Path[] aliceFrom(String name, List<String> v4, List<String> v6) throws IOException {
        Map<String, String> moved = Map.of("10.77.0.3", v4.get(0), "10.77.0.4", v4.get(1),
                "fd77::3", v6.get(0), "fd77::4", v6.get(1));
        return new Path[] {
            LogRewrite.rewrite(Captures.messages("s06-legit-user"), dir.resolve(name + "/messages-s06.log"), moved),
            LogRewrite.rewrite(Captures.security("s06-legit-user"), dir.resolve(name + "/security-s06.log"), moved),
            LogRewrite.rewrite(Captures.messages("s07-roaming"), dir.resolve(name + "/messages-s07.log"), moved),
            LogRewrite.rewrite(Captures.security("s07-roaming"), dir.resolve(name + "/security-s07.log"), moved),
        };
    }

    @Test
    void geolockBansTheAddressAliceAuthenticatedFromOutsideHerArea() throws IOException {
        Path cfg = config("geolock", ALICE_IN_FRANCE);
        Path[] logs = aliceFrom("geolock-de", de, de6);

        List<Ban> bans = replay(cfg, logs);

        // s06: alice from .3 (REGISTER, then the call: same address, already banned); 1002 from .3 has no
        // area of its own. s07: alice from .4, from fd77::4, and the call from fd77::3.
        assertThat(bans).extracting(Ban::scope)
                .containsExactly(de.get(0), de.get(1), de6.get(1), de6.get(0));
        assertThat(bans).allSatisfy(b -> {
            assertThat(b.rule()).isEqualTo("SW-1005");
            assertThat(b.reason()).contains("alice").contains("DE");
            assertThat(b.scope()).as("the address is banned, never the endpoint").doesNotContain("alice").doesNotContain("/");
            assertThat(b.firstEvidence()).isEqualTo(b.lastEvidence());
        });

        List<Ban> atHome = replay(cfg, aliceFrom("geolock-fr", fr, fr6));
        assertThat(atHome).as("alice authenticating from France: nothing").isEmpty();
    }
}
