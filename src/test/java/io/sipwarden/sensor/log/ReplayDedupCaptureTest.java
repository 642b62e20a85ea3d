package io.sipwarden.sensor.log;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sipwarden.event.AuthFailure;
import io.sipwarden.event.AuthSuccess;
import io.sipwarden.event.SecurityEvent;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import io.sipwarden.sensor.dedup.Deduplicator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replaying a scenario's messages and security logs together (in either order) gives exactly
 * the attempt counts of the security log alone, and so does messages alone: de-duplication
 * across the SECURITY line in messages, the same line in security and the NOTICE line.
 */
class ReplayDedupCaptureTest {
    private static final InstantSource CLOCK = InstantSource.fixed(Instant.parse("2026-11-22T00:00:00Z"));
    private static final LogFormat UTC = new LogFormat(LogDateFormat.compile(LogDateFormat.DEFAULT), ZoneOffset.UTC);

    static Stream<Arguments> scenarios() throws Exception {
        JsonNode summary = new ObjectMapper().readTree(CaptureScanTest.captures().resolve("summary.json").toFile());
        List<Arguments> out = new ArrayList<>();
        for (Map.Entry<String, JsonNode> s : summary.properties()) {
            long failures = 0;
            long successes = 0;
            for (Map.Entry<String, JsonNode> e : s.getValue().path("security_log").properties()) {
                String name = e.getKey().substring(0, e.getKey().indexOf('/'));
                if (name.equals("SuccessfulAuth")) {
                    successes += e.getValue().asLong();
                } else if (!name.equals("ChallengeSent")) {
                    failures += e.getValue().asLong();
                }
            }
            out.add(Arguments.of(s.getKey(), failures, successes));
        }
        return out.stream();
    }

    record Counts(long failures, long badRequests, long successes) {
    }

    static Counts replay(List<Path> files) throws Exception {
        long f = 0;
        long bad = 0;
        long ok = 0;
        try (LogReplaySource src = LogReplaySource.open(files, UTC, CLOCK)) {
            while (src.hasNext()) {
                SecurityEvent e = src.next();
                switch (e) {
                    case AuthFailure a when a.reason() == AuthFailure.Reason.BAD_REQUEST -> bad++;
                    case AuthFailure a -> f++;
                    case AuthSuccess a -> ok++;
                    default -> { }
                }
            }
            assertThat(src.stats().unmatched()).isZero();
        }
        return new Counts(f, bad, ok);
    }

    @ParameterizedTest(name = "{0}: {1} failures, {2} successes")
    @MethodSource("scenarios")
    void messagesAndSecurityTogetherCountEachAttemptOnce(String scenario, long failures, long successes) throws Exception {
        Path dir = CaptureScanTest.captures();
        Path messages = dir.resolve("messages-" + scenario + ".log");
        Path security = dir.resolve("security-" + scenario + ".log");
        Counts both = replay(List.of(messages, security));
        Counts reversed = replay(List.of(security, messages));
        Counts securityOnly = replay(List.of(security));
        Counts messagesOnly = replay(List.of(messages));
        assertThat(securityOnly.failures()).as("security only").isEqualTo(failures);
        assertThat(securityOnly.successes()).as("security only successes").isEqualTo(successes);
        assertThat(both.failures()).as("messages+security").isEqualTo(failures);
        assertThat(both.successes()).as("messages+security successes").isEqualTo(successes);
        assertThat(reversed).as("security+messages").isEqualTo(both);
        assertThat(messagesOnly.failures()).as("messages only").isEqualTo(failures);
        assertThat(messagesOnly.badRequests()).isEqualTo(both.badRequests());
    }

    @Test
    void namedScenarioFigures() throws Exception {
        Path dir = CaptureScanTest.captures();
        assertThat(replay(List.of(dir.resolve("messages-s04-svcrack-1001.log"), dir.resolve("security-s04-svcrack-1001.log"))))
                .isEqualTo(new Counts(19, 0, 2)); // svcrack: 19 guesses on ONE Call-ID
        assertThat(replay(List.of(dir.resolve("messages-s05-register-flood.log"), dir.resolve("security-s05-register-flood.log"))))
                .isEqualTo(new Counts(6600, 0, 1));
        assertThat(replay(List.of(dir.resolve("messages-s11-ami-bruteforce.log"), dir.resolve("security-s11-ami-bruteforce.log"))))
                .isEqualTo(new Counts(6, 0, 1)); // AMI: two NOTICE lines + one event per login
        assertThat(replay(List.of(dir.resolve("messages-s10-chansip.log"), dir.resolve("security-s10-chansip.log"))))
                .isEqualTo(new Counts(15, 0, 4)); // chan_sip: no Call-ID anywhere
        assertThat(replay(List.of(dir.resolve("messages-s12-malformed-register-flood.log"),
                dir.resolve("security-s12-malformed-register-flood.log"))))
                .isEqualTo(new Counts(240, 1200, 1)); // pjproject drops: one BAD_REQUEST per packet
    }

    @Test
    void withoutDeduplicationEveryReportCounts() throws Exception {
        Path dir = CaptureScanTest.captures();
        long failures = 0;
        try (LogReplaySource src = LogReplaySource.open(List.of(dir.resolve("messages-s04-svcrack-1001.log"),
                dir.resolve("security-s04-svcrack-1001.log")), UTC, CLOCK, Deduplicator.disabled(), 65536)) {
            while (src.hasNext()) {
                if (src.next() instanceof AuthFailure) {
                    failures++;
                }
            }
        }
        assertThat(failures).isEqualTo(3 * 19); // NOTICE + SECURITY in messages + SECURITY in security
    }
}
