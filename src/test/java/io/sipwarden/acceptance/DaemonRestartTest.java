package io.sipwarden.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipwarden.engine.Status;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sipwarden run} following the messages and security logs while the recorded svcrack
 * attack (s04) is appended: the ban reaches the store, survives a restart and a {@code kill -9},
 * and the saved log cursors keep the restarted daemon from reading the same lines again.
 */
class DaemonRestartTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String S04_BAN = "10.77.0.2 SW-1001";
    // s09's toll-fraud probe moved to another attacker: fresh lines for the restarted daemon.
    private static final String SECOND_ATTACKER = "10.77.0.9";

    @TempDir
    Path dir;

    private Path messages;
    private Path security;
    private Path state;
    private Path eve;

    private Path setUp() throws Exception {
        messages = Files.createFile(dir.resolve("messages"));
        security = Files.createFile(dir.resolve("security"));
        state = dir.resolve("state");
        eve = dir.resolve("eve.json");
        return DaemonProcess.config(dir, List.of(messages, security));
    }

    /** Appends s04 to both logs and waits until the ban is stored and all 21 events are processed. */
    private void attack(DaemonProcess d) throws Exception {
        Feed.append(messages, LogRewrite.lines(Captures.messages("s04-svcrack-1001")));
        Feed.append(security, LogRewrite.lines(Captures.security("s04-svcrack-1001")));
        d.await(() -> Feed.stored(state).contains(S04_BAN), WAIT, "the s04 ban in the store");
        d.await(() -> Feed.eve(eve, "auth_failure") == 19 && Feed.eve(eve, "auth_success") == 2, WAIT,
                "19 failures and 2 successes, each once");
    }

    /** Appends s09 from another address to the security log only and waits for its ban. */
    private List<String> probe(DaemonProcess d) throws Exception {
        Path moved = LogRewrite.rewrite(Captures.security("s09-tollfraud-invite"), dir.resolve("s09.log"),
                Map.of(Captures.ATTACKER_V4, SECOND_ATTACKER));
        List<String> lines = LogRewrite.lines(moved);
        Feed.append(security, lines);
        d.await(() -> Feed.stored(state).contains(SECOND_ATTACKER + " SW-1001"), WAIT, "the ban of the second attacker");
        return lines;
    }

    /** The offset the store has committed for a followed file; -1 while it has none or cannot say yet. */
    private long committedCursor(Path log) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + state.resolve("sipwarden.db"));
             PreparedStatement ps = c.prepareStatement("SELECT offset FROM cursors WHERE path = ?")) {
            ps.setString(1, log.toString());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : -1;
            }
        } catch (SQLException e) {
            return -1; // not created yet, or busy: ask again
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void bansAndCursorsSurviveARestart() throws Exception {
        Path cfg = setUp();
        Status first;
        try (DaemonProcess d = DaemonProcess.start(cfg, state, Duration.ofSeconds(60))) {
            attack(d);
            first = d.stop();
        }
        assertThat(first.events()).isEqualTo(21);
        assertThat(first.eventsByKind()).containsEntry("auth_failure", 19L).containsEntry("auth_success", 2L);
        assertThat(first.activeBans()).isEqualTo(1);
        assertThat(first.decisions()).isEqualTo(1);

        Instant restart = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        try (DaemonProcess d = DaemonProcess.start(cfg, state, Duration.ofSeconds(60))) {
            Status up = d.awaitStatus(s -> !s.started().isBefore(restart), WAIT, "the restarted daemon's status");
            assertThat(up.activeBans()).as("the ban is restored from the store").isEqualTo(1);
            assertThat(Feed.stored(state)).containsExactly(S04_BAN);
            // Nothing appended: however often the follower polls (every 100 ms), nothing is read again.
            Thread.sleep(1_500);
            assertThat(d.status().orElseThrow().events()).isZero();
            List<String> s09 = probe(d);
            Status last = d.stop();
            assertThat(last.events()).as("only the new lines were read").isEqualTo(Feed.events(s09)).isEqualTo(4);
            assertThat(last.activeBans()).isEqualTo(2);
        }
        assertThat(Feed.eve(eve, "auth_failure")).as("each failure in the EVE file once, across both runs").isEqualTo(19 + 3);
        assertThat(Feed.stored(state)).containsExactlyInAnyOrder(S04_BAN, SECOND_ATTACKER + " SW-1001");
    }

    @Test
    void bansAndCursorsSurviveKillNine() throws Exception {
        Path cfg = setUp();
        try (DaemonProcess d = DaemonProcess.start(cfg, state, Duration.ofSeconds(60))) {
            attack(d);
            // The last cursors are committed a little after the events they cover reach the EVE file:
            // kill only once both are in the store at the end of their files, not after a guessed pause.
            d.await(() -> committedCursor(messages) == size(messages) && committedCursor(security) == size(security),
                    WAIT, "both log cursors committed at the end of their files");
            d.kill();
        }
        Instant restart = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        try (DaemonProcess d = DaemonProcess.start(cfg, state, Duration.ofSeconds(60))) {
            Status up = d.awaitStatus(s -> !s.started().isBefore(restart), WAIT, "the restarted daemon's status");
            assertThat(up.activeBans()).as("the ban is restored after kill -9").isEqualTo(1);
            assertThat(Feed.stored(state)).containsExactly(S04_BAN);
            List<String> s09 = probe(d);
            Status last = d.stop();
            assertThat(last.events()).as("the s04 lines are not read again after kill -9").isEqualTo(Feed.events(s09));
            assertThat(last.eventsByKind()).containsEntry("auth_failure", 3L);
        }
        assertThat(Feed.eve(eve, "auth_failure")).isEqualTo(19 + 3);
    }
}
