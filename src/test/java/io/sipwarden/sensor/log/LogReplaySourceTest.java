package io.sipwarden.sensor.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sipwarden.event.SecurityEvent;
import io.sipwarden.sensor.dedup.Deduplicator;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogReplaySourceTest {
    private static final InstantSource CLOCK = InstantSource.fixed(Instant.parse("2026-11-22T00:00:00Z"));
    private static final LogFormat UTC = new LogFormat(LogDateFormat.compile(LogDateFormat.DEFAULT), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private static String ami(String time, String ip) {
        return "[Nov 21 " + time + "] NOTICE[1] manager.c: " + ip + " failed to authenticate as 'admin'\n";
    }

    private static List<SecurityEvent> all(List<Path> files) throws IOException {
        try (LogReplaySource src = LogReplaySource.open(files, UTC, CLOCK, Deduplicator.disabled(), 65536)) {
            return src.stream().toList();
        }
    }

    @Test
    void filesAreMergedByEventTimeAndTiesKeepFileOrder() throws Exception {
        Path a = dir.resolve("a.log");
        Path b = dir.resolve("b.log");
        Files.writeString(a, ami("10:00:01", "192.0.2.1") + ami("10:00:03", "192.0.2.3") + ami("10:00:05", "192.0.2.5"));
        Files.writeString(b, ami("10:00:02", "192.0.2.2") + ami("10:00:03", "192.0.2.33") + ami("10:00:04", "192.0.2.4"));
        List<String> order = all(List.of(a, b)).stream().map(e -> e.address().getHostAddress()).toList();
        assertThat(order).containsExactly("192.0.2.1", "192.0.2.2", "192.0.2.3", "192.0.2.33", "192.0.2.4", "192.0.2.5");
        List<String> reversed = all(List.of(b, a)).stream().map(e -> e.address().getHostAddress()).toList();
        assertThat(reversed).containsExactly("192.0.2.1", "192.0.2.2", "192.0.2.33", "192.0.2.3", "192.0.2.4", "192.0.2.5");
    }

    @Test
    void gzipFilesReadLikePlainOnes() throws Exception {
        Path plain = CaptureScanTest.captures().resolve("security-s04-svcrack-1001.log");
        Path gz = dir.resolve("security.1.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(Files.readAllBytes(plain));
        }
        assertThat(all(List.of(gz))).hasSize(all(List.of(plain)).size()).hasSize(21);
        assertThat(all(List.of(gz)).getFirst().meta().sensor().name()).isEqualTo("security");
    }

    @Test
    void statsCountLinesEventsAndDuplicates() throws Exception {
        Path dirCap = CaptureScanTest.captures();
        try (LogReplaySource src = LogReplaySource.open(List.of(dirCap.resolve("messages-s11-ami-bruteforce.log"),
                dirCap.resolve("security-s11-ami-bruteforce.log")), UTC, CLOCK)) {
            long n = src.stream().count();
            LogStats s = src.stats();
            assertThat(n).isEqualTo(7);
            assertThat(s.lines()).isEqualTo(24 + 7); // messages (incl. one blank line) + security
            assertThat(s.unmatched()).isZero();
            assertThat(s.duplicates()).isEqualTo(s.eventCount() - 7);
            assertThat(s.patterns()).containsEntry("ami.failed-auth", 6L).containsEntry("ami.nonexistent-user", 3L);
            assertThat(src.statsByFile()).hasSize(2);
        }
    }

    @Test
    void aMissingFileIsAClearError() {
        assertThatThrownBy(() -> LogReplaySource.open(List.of(dir.resolve("nope")), UTC, CLOCK))
                .isInstanceOf(NoSuchFileException.class).hasMessageContaining("nope");
    }

    @Test
    void logicalNamesIgnoreRotationSuffixes() {
        assertThat(LogNames.logicalName(Path.of("/var/log/asterisk/messages"))).isEqualTo("messages");
        assertThat(LogNames.logicalName(Path.of("messages.1.gz"))).isEqualTo("messages");
        assertThat(LogNames.logicalName(Path.of("security-20261121"))).isEqualTo("security");
        assertThat(LogNames.logicalName(Path.of("messages-s04-svcrack-1001.log"))).isEqualTo("messages");
        assertThat(new String("full".getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).isEqualTo(LogNames.logicalName(Path.of("full")));
    }
}
