package io.sipwarden.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipwarden.engine.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Log rotation under the running daemon, both ways logrotate does it, with the IPv6 attack of s08
 * (585 security-log lines) written in four parts: nothing lost, nothing counted twice.
 */
class DaemonRotationTest {
    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    @Test
    void renameAndCopytruncateLoseNothingAndCountNothingTwice() throws Exception {
        List<String> all = LogRewrite.lines(Captures.security("s08-ipv6-attacks"));
        List<String> p1 = all.subList(0, 150);
        List<String> p2 = all.subList(150, 300);
        // Part 4 is longer than part 3: after copytruncate the file soon outgrows the old read
        // position, so only the changed first line tells the follower to start over.
        List<String> p3 = all.subList(300, 380);
        List<String> p4 = all.subList(380, all.size());
        long total = Feed.events(all);
        assertThat(total).as("s08: 282 failures + the recorder's AMI login").isEqualTo(283);
        Path security = Files.createFile(dir.resolve("security"));
        Path state = dir.resolve("state");
        Path eve = dir.resolve("eve.json");
        Path cfg = DaemonProcess.config(dir, List.of(security));

        try (DaemonProcess d = DaemonProcess.start(cfg, state, Duration.ofSeconds(60))) {
            Feed.append(security, p1);
            d.await(() -> events(eve) == Feed.events(p1), WAIT, "part 1");

            // Rename rotation (logrotate without copytruncate): Asterisk keeps writing to the renamed
            // file until `logger reload`, which then creates a new file.
            Path rotated = dir.resolve("security.1");
            Files.move(security, rotated, StandardCopyOption.ATOMIC_MOVE);
            Feed.append(rotated, p2);
            Thread.sleep(300); // a few polls with the path missing
            Feed.append(security, p3);
            d.await(() -> events(eve) == Feed.events(p1) + Feed.events(p2) + Feed.events(p3), WAIT,
                    "parts 1-3 after the rename rotation");

            // copytruncate: copy, then truncate in place; the writer goes on at the start of the same file.
            Files.copy(security, dir.resolve("security.2"));
            try (var ch = Files.newByteChannel(security, StandardOpenOption.WRITE)) {
                ch.truncate(0);
            }
            Feed.append(security, p4);
            d.await(() -> events(eve) == total, WAIT, "all four parts after copytruncate");

            Thread.sleep(500); // and nothing more arrives
            Status last = d.stop();
            assertThat(last.events()).isEqualTo(total);
            assertThat(last.eventsByKind()).containsEntry("auth_failure", 282L).containsEntry("auth_success", 1L);
            assertThat(Feed.stored(state)).containsExactly("fd77::2 SW-1001");
        }
        assertThat(events(eve)).isEqualTo(total);
    }

    private static long events(Path eve) {
        return Feed.eve(eve, "auth_failure") + Feed.eve(eve, "auth_success");
    }
}
