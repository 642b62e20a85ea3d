package io.sipwarden.sensor.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipwarden.bench.AsteriskLogGenerator;
import io.sipwarden.event.SecurityEvent;
import io.sipwarden.sensor.dedup.Deduplicator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A replay reads a chan_pjsip security report that repeats the NOTICE before it as a {@link Repeat}
 * and builds its event only if the de-duplicator finds it new. That must change nothing: the
 * replay gives exactly the events, in order, that reading every line in full with the String
 * parser (an independent implementation of the same rules) and de-duplicating them gives.
 */
class ReplayRepeatsTest {
    private static final InstantSource CLOCK = InstantSource.fixed(Instant.parse("2026-11-22T00:00:00Z"));
    private static final LogFormat UTC = new LogFormat(LogDateFormat.compile(LogDateFormat.DEFAULT), ZoneOffset.UTC);

    @TempDir
    Path dir;

    /** Every line through {@link LogLineParser#parse}, every event through the de-duplicator. */
    private static List<SecurityEvent> fullyRead(Path file, Deduplicator dedup) throws IOException {
        LogLineParser parser = new LogLineParser(LogNames.logicalName(file), UTC, CLOCK);
        List<SecurityEvent> out = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.ISO_8859_1)) {
            if (parser.parse(line) instanceof LineResult.Parsed p) {
                for (SecurityEvent e : p.events()) {
                    if (dedup.isNew(e)) {
                        out.add(e);
                    }
                }
            }
        }
        return out;
    }

    private static List<SecurityEvent> replayed(Path file, Deduplicator dedup) throws IOException {
        List<SecurityEvent> out = new ArrayList<>();
        try (LogReplaySource src = LogReplaySource.open(List.of(file), UTC, CLOCK, dedup,
                LogReplaySource.DEFAULT_MAX_LINE_BYTES)) {
            src.forEachRemaining(out::add);
        }
        return out;
    }

    static Stream<Path> captureLogs() throws IOException {
        try (Stream<Path> s = Files.list(CaptureScanTest.captures())) {
            return s.filter(p -> p.getFileName().toString().endsWith(".log")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captureLogs")
    void eachCaptureLogGivesTheEventsOfTheFullRead(Path log) throws IOException {
        assertThat(replayed(log, Deduplicator.withDefaults())).isEqualTo(fullyRead(log, Deduplicator.withDefaults()));
        assertThat(replayed(log, Deduplicator.disabled())).as("every report built when none is dropped")
                .isEqualTo(fullyRead(log, Deduplicator.disabled()));
    }

    @Test
    void aGeneratedFloodGivesTheEventsAndCountsOfTheFullRead() throws IOException {
        Path log = dir.resolve("messages");
        AsteriskLogGenerator.generate(log, 60_000, 7);
        List<SecurityEvent> expected = fullyRead(log, Deduplicator.withDefaults());
        List<SecurityEvent> got;
        LogStats stats;
        try (LogReplaySource src = LogReplaySource.open(List.of(log), UTC, CLOCK)) {
            got = new ArrayList<>();
            src.forEachRemaining(got::add);
            stats = src.stats();
        }
        assertThat(got).isEqualTo(expected);
        assertThat(stats.unmatched()).isZero();
        assertThat(stats.repeats()).as("most security reports were read as repeats").isGreaterThan(stats.lines() / 5);
        // The counters count a repeat as the event it stands for, built or not.
        LogLineParser parser = new LogLineParser("messages", UTC, CLOCK);
        LogStats full = new LogStats();
        for (String line : Files.readAllLines(log, StandardCharsets.ISO_8859_1)) {
            full.count(parser.parse(line));
        }
        assertThat(stats.toString()).startsWith(full.toString().replaceAll(" duplicates=\\d+", ""));
    }

    @Test
    void reportsThatOnlyLookLikeRepeatsAreReadInFull() throws IOException {
        String notice = "[Nov 21 00:00:00] NOTICE[30767] res_pjsip/pjsip_distributor.c: Request 'REGISTER' from "
                + "'<sip:1005@203.0.113.1>' failed for '198.51.100.15:5064' (callid: abc) - Failed to authenticate\n";
        String head = "[Nov 21 00:00:00] SECURITY[30751] res_security_log.c: SecurityEvent=\"ChallengeResponseFailed\","
                + "EventTV=\"2026-11-21T00:00:00.007+0000\",Severity=\"Error\",Service=\"PJSIP\",EventVersion=\"1\","
                + "AccountID=\"1005\",SessionID=\"";
        String pair = "\",LocalAddress=\"IPV4/UDP/203.0.113.1/5060\",RemoteAddress=\"IPV4/UDP/198.51.100.15/5064\"";
        String tail = ",Challenge=\"1/2\",Response=\"3\",ExpectedResponse=\"\"\n";
        Path log = dir.resolve("messages");
        Files.writeString(log, notice + head + "abc" + pair + tail // read in full: the PBX's address is not known yet
                + notice + head + "abd" + pair + tail // another Call-ID
                + notice + head + "abc" + pair.replace("/5064", "/5065") + tail // another port
                + notice + head + "abc" + pair.replace("UDP/198", "TCP/198") + tail // another transport
                + notice + head + "abc" + pair + ",Note=\"L" + pair.substring(1) + "\"" + tail // a later pair
                + notice + head + "abc" + pair + ",LocalAddress=\"x\"" + tail // an 'L' after the pair
                + notice + head.replace("1005", "<unknown>") + "abc" + pair + tail // no account: UNKNOWN_ACCOUNT
                + notice + head.replace("1005", "1006") + "abc" + pair + tail // another account
                + notice + head + "abc" + pair + tail); // a true repeat
        assertThat(replayed(log, Deduplicator.disabled())).isEqualTo(fullyRead(log, Deduplicator.disabled()));
        assertThat(replayed(log, Deduplicator.withDefaults())).isEqualTo(fullyRead(log, Deduplicator.withDefaults()));
        try (LogReplaySource src = LogReplaySource.open(List.of(log), UTC, CLOCK)) {
            src.forEachRemaining(e -> { });
            assertThat(src.stats().repeats()).as("the two account variants and the true repeat").isEqualTo(3);
        }
    }
}
