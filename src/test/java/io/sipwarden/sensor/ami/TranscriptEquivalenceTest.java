package io.sipwarden.sensor.ami;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipwarden.event.AuthFailure;
import io.sipwarden.event.AuthSuccess;
import io.sipwarden.event.SecurityEvent;
import io.sipwarden.event.Stack;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** For every recorded scenario, the AMI transcript and the security log tell the same story. */
class TranscriptEquivalenceTest {

    static Stream<String> scenarios() throws IOException {
        return Transcript.scenarios().stream();
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void amiEventsEqualTheSecurityLog(String scenario) throws IOException {
        List<ScenarioEvents.Key> fromAmi = ScenarioEvents.fromTranscript(Transcript.load(scenario)).stream()
                .map(ScenarioEvents::key).sorted().toList();
        List<ScenarioEvents.Key> fromLog = ScenarioEvents.fromSecurityLog(scenario).stream().sorted().toList();
        assertThat(fromAmi).isNotEmpty().isEqualTo(fromLog);
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void countsMatchSummaryTxt(String scenario) throws IOException {
        // Count every security event, ChallengeSent included, by (Event, Service) as SUMMARY.txt does.
        AmiFrameReader r = new AmiFrameReader(new ByteArrayInputStream(Transcript.load(scenario).events()));
        SecurityEventMapper m = new SecurityEventMapper("replay");
        Map<String, Integer> counts = new TreeMap<>();
        int mapped = 0;
        int expectedMapped = 0;
        AmiFrame f;
        while ((f = r.next()) != null) {
            SecurityEvent e = m.map(f, Instant.EPOCH);
            if (m.lastOutcome() != SecurityEventMapper.Outcome.NOT_SECURITY) {
                counts.merge(f.event() + "/" + f.get("Service"), 1, Integer::sum);
                if (!f.event().equals("ChallengeSent")) {
                    expectedMapped++;
                }
            }
            if (e != null) {
                mapped++;
            }
        }
        assertThat(counts).isEqualTo(ScenarioEvents.summaryCounts(scenario));
        assertThat(mapped).isEqualTo(expectedMapped);
    }

    @org.junit.jupiter.api.Test
    void handCheckedEvents() throws IOException {
        // s04: svcrack finds 1001's weak password; the last event is the attacker's SuccessfulAuth.
        List<SecurityEvent> s04 = ScenarioEvents.fromTranscript(Transcript.load("s04-svcrack-1001"));
        assertThat(s04).filteredOn(e -> e instanceof AuthFailure).hasSize(19)
                .allSatisfy(e -> assertThat(((AuthFailure) e).reason()).isEqualTo(AuthFailure.Reason.WRONG_PASSWORD));
        AuthSuccess cracked = (AuthSuccess) s04.stream().filter(e -> e instanceof AuthSuccess
                && e.meta().stack() == Stack.PJSIP).findFirst().orElseThrow();
        assertThat(cracked.account()).isEqualTo("1001");
        assertThat(cracked.address().getHostAddress()).isEqualTo("10.77.0.2");
        // s08: IPv6, no brackets in RemoteAddress.
        SecurityEvent v6 = ScenarioEvents.fromTranscript(Transcript.load("s08-ipv6-attacks")).stream()
                .filter(e -> e instanceof AuthFailure f && f.reason() == AuthFailure.Reason.WRONG_PASSWORD)
                .findFirst().orElseThrow();
        assertThat(v6.address().getHostAddress()).isEqualTo("fd77:0:0:0:0:0:0:2");
        assertThat(((AuthFailure) v6).account()).isEqualTo("1002");
        // s11: AMI guessing, one unknown user "admin".
        SecurityEvent ami = ScenarioEvents.fromTranscript(Transcript.load("s11-ami-bruteforce")).stream()
                .filter(e -> e instanceof AuthFailure).findFirst().orElseThrow();
        assertThat(ami.meta().stack()).isEqualTo(Stack.MANAGER);
        assertThat(((AuthFailure) ami).reason()).isEqualTo(AuthFailure.Reason.UNKNOWN_ACCOUNT);
        assertThat(ami.time()).isEqualTo(Instant.parse("2026-11-21T19:21:33.682Z"));
        // s05: the flood: 5000 wrong passwords + 1600 unknown accounts, nothing lost.
        assertThat(ScenarioEvents.fromTranscript(Transcript.load("s05-register-flood")))
                .filteredOn(e -> e instanceof AuthFailure).hasSize(6600);
    }
}
