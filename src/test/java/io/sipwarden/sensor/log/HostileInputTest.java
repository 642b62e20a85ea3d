package io.sipwarden.sensor.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipwarden.event.SecurityEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzz-style tests with fixed seeds: random bytes, invalid UTF-8, NULs, 1 MB lines, every
 * truncation and random mutations of real lines. The parser never throws, never takes long,
 * and never invents an address that is not in the line at all.
 */
class HostileInputTest {
    private static final InstantSource CLOCK = InstantSource.fixed(Instant.parse("2026-11-22T00:00:00Z"));
    private static final LogFormat UTC = new LogFormat(LogDateFormat.compile(LogDateFormat.DEFAULT), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private static List<String> realLines() throws Exception {
        List<String> out = new ArrayList<>();
        Path f = Path.of("src/test/resources/samples/real-asterisk-20.log");
        for (String l : Files.readAllLines(f, StandardCharsets.UTF_8)) {
            if (!l.startsWith("#") && !l.isEmpty()) {
                out.add(l);
            }
        }
        return out;
    }

    /** Parses and checks the invariants every result must satisfy. */
    private static LineResult parseChecked(LogLineParser p, String line) {
        LineResult r = p.parse(line);
        assertThat(r).isNotNull();
        if (r instanceof LineResult.Parsed parsed) {
            for (SecurityEvent e : parsed.events()) {
                String host = e.address().getHostAddress();
                // The address must literally appear in the line (in some notation).
                String v4 = host;
                boolean present = line.contains(v4) || line.contains(host.replace(":0:", "::"))
                        || e.address() instanceof java.net.Inet6Address;
                assertThat(present).as("address %s from line %s", host, line).isTrue();
            }
        }
        return r;
    }

    @Test
    void randomBytesNeverCrashAndAreUnmatched() {
        Random rnd = new Random(20261121);
        LogLineParser p = new LogLineParser("messages", UTC, CLOCK);
        int unmatched = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] b = new byte[rnd.nextInt(300)];
            rnd.nextBytes(b);
            LineResult r = parseChecked(p, new String(b, StandardCharsets.UTF_8));
            if (r instanceof LineResult.Unmatched) {
                unmatched++;
            }
        }
        assertThat(unmatched).isGreaterThan(19_900); // a few empty/whitespace strings are "blank"
    }

    @Test
    void everyTruncationOfEveryRealLineIsSafe() throws Exception {
        LogLineParser p = new LogLineParser("messages", UTC, CLOCK);
        int parsed = 0;
        for (String line : realLines()) {
            for (int cut = 0; cut <= line.length(); cut++) {
                if (parseChecked(p, line.substring(0, cut)) instanceof LineResult.Parsed) {
                    parsed++;
                }
            }
        }
        assertThat(parsed).isPositive();
    }

    @Test
    void randomMutationsOfRealLinesAreSafe() throws Exception {
        Random rnd = new Random(42);
        LogLineParser p = new LogLineParser("messages", UTC, CLOCK);
        List<String> lines = realLines();
        String alphabet = "\"',:;/[]()<>@ \t\u0000\\=-.0123456789abcdefIPV46UDPTCPRemoteAddress=\"SessionID=\"ü中\uFFFD";
        for (int i = 0; i < 30_000; i++) {
            StringBuilder b = new StringBuilder(lines.get(rnd.nextInt(lines.size())));
            int edits = 1 + rnd.nextInt(6);
            for (int k = 0; k < edits && b.length() > 0; k++) {
                int at = rnd.nextInt(b.length());
                switch (rnd.nextInt(3)) {
                    case 0 -> b.deleteCharAt(at);
                    case 1 -> b.insert(at, alphabet.charAt(rnd.nextInt(alphabet.length())));
                    default -> b.setCharAt(at, alphabet.charAt(rnd.nextInt(alphabet.length())));
                }
            }
            parseChecked(p, b.toString());
        }
    }

    @Test
    void megabyteLinesAreParsedQuicklyAndSafely() {
        LogLineParser p = new LogLineParser("messages", UTC, CLOCK);
        String pair = "\",LocalAddress=\"IPV4/UDP/10.77.0.1/5060\",RemoteAddress=\"IPV4/UDP/6.6.6.6/5060";
        String[] hostile = {
            "[Nov 21 19:20:18] SECURITY[1] res_security_log.c: SecurityEvent=\"InvalidAccountID\",EventTV=\"2026-11-21T19:20:18.719+0000\",Severity=\"Error\",Service=\"PJSIP\",EventVersion=\"1\",AccountID=\"a\",SessionID=\""
                + pair.repeat(12_000),
            "[Nov 21 19:20:18] NOTICE[1] res_pjsip/pjsip_distributor.c: Request 'REGISTER' from '" + "' failed for '1.2.3.4:5060' (callid: ".repeat(25_000) + ") - Failed to authenticate",
            "[Nov 21 19:20:18] NOTICE[1] chan_sip.c: Call from '" + "' (1.2.3.4:5060) to extension '".repeat(30_000) + "' rejected because extension not found in context 'x'.",
            "[" + "[".repeat(1 << 20),
            "x".repeat(1 << 20),
            "{" + "\"a\":[".repeat(1000),
        };
        for (String line : hostile) {
            long t0 = System.nanoTime();
            LineResult r = parseChecked(p, line);
            long ms = Duration.ofNanos(System.nanoTime() - t0).toMillis();
            assertThat(ms).as("parse time of a %d-char line", line.length()).isLessThan(2_000);
            if (r instanceof LineResult.Parsed parsed) {
                // a fake-laden SessionID still yields the last well-formed pair, never a crash
                assertThat(parsed.events()).hasSize(1);
            }
        }
    }

    @Test
    void invalidUtf8NulsAndHugeLinesInAFileAreCountedNotFatal() throws Exception {
        Path f = dir.resolve("messages");
        Random rnd = new Random(7);
        try (var out = Files.newOutputStream(f)) {
            out.write(realLines().get(0).getBytes(StandardCharsets.UTF_8));
            out.write('\n');
            out.write(new byte[] {(byte) 0xC3, (byte) 0x28, 0, 0, (byte) 0xFF, (byte) 0xFE, '\n'});
            byte[] huge = new byte[1 << 20]; // 1 MB line, no newline inside
            for (int i = 0; i < huge.length; i++) {
                huge[i] = (byte) ('a' + rnd.nextInt(26));
            }
            out.write(huge);
            out.write('\n');
            byte[] noise = new byte[200_000];
            rnd.nextBytes(noise);
            out.write(noise);
            out.write('\n');
            out.write(realLines().get(0).getBytes(StandardCharsets.UTF_8));
            out.write('\n');
        }
        try (LogReplaySource src = LogReplaySource.open(List.of(f), UTC, CLOCK,
                io.sipwarden.sensor.dedup.Deduplicator.disabled(), 64 * 1024)) {
            int events = 0;
            while (src.hasNext()) {
                src.next();
                events++;
            }
            assertThat(events).isEqualTo(2);
            assertThat(src.stats().oversize()).isGreaterThanOrEqualTo(1);
            assertThat(src.stats().unmatched()).isPositive();
        }
    }
}
