package io.sipwarden.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipwarden.sensor.log.LogDateFormat;
import io.sipwarden.sensor.log.LogFormat;
import io.sipwarden.sensor.log.LogReplaySource;
import io.sipwarden.sensor.log.LogStats;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark's second input: real lines, and every copy counts in full. */
class CaptureLogRepeaterTest {
    private static final Path CAPTURES = Path.of(System.getProperty("sipwarden.shared", "../shared"), "data/asterisk-20/captures");
    private static final LogFormat UTC = new LogFormat(LogDateFormat.compile(LogDateFormat.DEFAULT), ZoneOffset.UTC);
    private static final InstantSource CLOCK = InstantSource.fixed(Instant.parse("2026-11-22T00:00:00Z"));

    @Test
    void movesBothDatesAndPadsTheDayAsAsteriskDoes() {
        String line = "[Nov 21 19:20:16] SECURITY[30773] res_security_log.c: SecurityEvent=\"ChallengeResponseFailed\","
                + "EventTV=\"2026-11-21T19:20:16.800+0000\",Severity=\"Error\"";
        assertThat(CaptureLogRepeater.shift(line, LocalDate.of(2026, 12, 1)))
                .isEqualTo("[Dec  1 19:20:16] SECURITY[30773] res_security_log.c: SecurityEvent=\"ChallengeResponseFailed\","
                        + "EventTV=\"2026-12-01T19:20:16.800+0000\",Severity=\"Error\"");
        assertThat(CaptureLogRepeater.shift("no prefix here", LocalDate.of(2026, 12, 1))).isEqualTo("no prefix here");
    }

    @Test
    void eachCopyGivesTheSameEventsAsTheFirst(@TempDir Path dir) throws Exception {
        int perCopy = CaptureLogRepeater.write(CAPTURES, dir.resolve("one.log"), 1).linesPerCopy();
        var one = CaptureLogRepeater.write(CAPTURES, dir.resolve("one.log"), perCopy);
        var three = CaptureLogRepeater.write(CAPTURES, dir.resolve("three.log"), 3L * perCopy);
        assertThat(one.copies()).isEqualTo(1);
        assertThat(three.copies()).isEqualTo(3);

        LogStats a = replay(dir.resolve("one.log"));
        LogStats b = replay(dir.resolve("three.log"));
        assertThat(a.unmatched()).isZero();
        assertThat(a.eventCount()).isGreaterThan(10_000); // the s05 flood alone
        // dates a day apart: no copy's attempt is taken for a repeat of another copy's
        assertThat(b.eventCount()).isEqualTo(3 * a.eventCount());
        assertThat(b.duplicates()).isEqualTo(3 * a.duplicates());
    }

    private static LogStats replay(Path f) throws Exception {
        try (LogReplaySource src = LogReplaySource.open(List.of(f), UTC, CLOCK)) {
            src.forEachRemaining(e -> { });
            return src.stats();
        }
    }
}
