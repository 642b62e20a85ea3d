package io.sipwarden.sensor.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipwarden.event.SecurityEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The follower on real files: rotation, copytruncate, late files, partial lines, restarts. */
class LogFollowerTest {
    private static final InstantSource CLOCK = InstantSource.fixed(Instant.parse("2026-11-22T00:00:00Z"));
    private static final LogFormat UTC = new LogFormat(LogDateFormat.compile(LogDateFormat.DEFAULT), ZoneOffset.UTC);

    @TempDir
    Path dir;

    /** A real InvalidAccountID line whose remote port tells lines apart. */
    static String line(int port) {
        return "[Nov 21 19:20:18] SECURITY[30773] res_security_log.c: SecurityEvent=\"InvalidAccountID\","
                + "EventTV=\"2026-11-21T19:20:18.719+0000\",Severity=\"Error\",Service=\"PJSIP\",EventVersion=\"1\","
                + "AccountID=\"1000\",SessionID=\"1-" + port + "@10.77.0.2\",LocalAddress=\"IPV4/UDP/10.77.0.1/5060\","
                + "RemoteAddress=\"IPV4/UDP/10.77.0.2/" + port + "\"\n";
    }

    private static void append(Path f, String text) throws Exception {
        Files.writeString(f, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static List<Integer> ports(List<SecurityEvent> events) {
        return events.stream().map(e -> e.meta().source().port()).toList();
    }

    private LogFollower follower(Path file, io.sipwarden.sensor.CursorStore store, boolean fromBeginning, int maxLine) {
        return new LogFollower(List.of(file), UTC, store, CLOCK, Duration.ofMillis(20), maxLine, fromBeginning);
    }

    @Test
    void partialLastLineWaitsForItsNewline() throws Exception {
        Path f = dir.resolve("security");
        List<SecurityEvent> got = new CopyOnWriteArrayList<>();
        try (LogFollower lf = follower(f, new MemoryCursorStore(), true, 65536)) {
            lf.pollOnce(got::add); // file does not exist yet: nothing, no error
            String l2 = line(2002);
            append(f, line(2001) + l2.substring(0, 100));
            lf.pollOnce(got::add);
            assertThat(ports(got)).containsExactly(2001);
            append(f, l2.substring(100));
            lf.pollOnce(got::add);
            assertThat(ports(got)).containsExactly(2001, 2002);
            assertThat(lf.stats().unmatched()).isZero();
        }
    }

    /** kill -9 right after a read must not leave a saved position past events nobody processed. */
    @Test
    void theCursorIsSavedOnlyOnceTheSinkHasProcessedTheLinesBeforeIt() throws Exception {
        Path f = dir.resolve("security");
        append(f, line(4001) + line(4002));
        List<io.sipwarden.sensor.CursorStore.Cursor> saved = new CopyOnWriteArrayList<>();
        io.sipwarden.sensor.CursorStore store = new io.sipwarden.sensor.CursorStore() {
            @Override
            public java.util.Optional<Cursor> load(String path) {
                return java.util.Optional.empty();
            }

            @Override
            public void save(Cursor cursor) {
                saved.add(cursor);
            }
        };
        List<SecurityEvent> got = new CopyOnWriteArrayList<>();
        List<Runnable> held = new CopyOnWriteArrayList<>();
        io.sipwarden.sensor.EventSink queueing = new io.sipwarden.sensor.EventSink() {
            @Override
            public void accept(SecurityEvent e) {
                got.add(e);
            }

            @Override
            public void afterPrevious(Runnable action) {
                held.add(action); // as the pipeline: run once the events before it are processed
            }
        };
        try (LogFollower lf = follower(f, store, true, 65536)) {
            lf.pollOnce(queueing);
            assertThat(ports(got)).containsExactly(4001, 4002);
            assertThat(saved).as("nothing saved while the events wait to be processed").isEmpty();
            assertThat(held).hasSize(1);
            held.forEach(Runnable::run);
            assertThat(saved).singleElement().satisfies(c -> assertThat(c.offset()).isEqualTo(Files.size(f)));
        }
    }

    @Test
    void restartResumesFromTheCursorWithoutLossOrRepeat() throws Exception {
        Path f = dir.resolve("security");
        Path cursors = dir.resolve("cursors.json");
        append(f, line(3001) + line(3002));
        List<SecurityEvent> got = new CopyOnWriteArrayList<>();
        try (LogFollower lf = follower(f, new FileCursorStore(cursors), true, 65536)) {
            lf.pollOnce(got::add);
        }
        append(f, line(3003)); // written while we were down
        try (LogFollower lf = follower(f, new FileCursorStore(cursors), true, 65536)) {
            lf.pollOnce(got::add);
            append(f, line(3004));
            lf.pollOnce(got::add);
        }
        assertThat(ports(got)).containsExactly(3001, 3002, 3003, 3004);
    }

    @Test
    void firstRunWithoutCursorStartsAtTheEndLikeTailF() throws Exception {
        Path f = dir.resolve("security");
        append(f, line(4001));
        List<SecurityEvent> got = new CopyOnWriteArrayList<>();
        try (LogFollower lf = follower(f, new MemoryCursorStore(), false, 65536)) {
            lf.pollOnce(got::add);
            append(f, line(4002));
            lf.pollOnce(got::add);
        }
        assertThat(ports(got)).containsExactly(4002);
    }

    @Test
    void renameRotationReadsTheRestOfTheOldFileThenTheNewOne() throws Exception {
        Path f = dir.resolve("security");
        append(f, line(5001));
        List<SecurityEvent> got = new CopyOnWriteArrayList<>();
        try (LogFollower lf = follower(f, new MemoryCursorStore(), true, 65536)) {
            lf.pollOnce(got::add);
            append(f, line(5002));
            Path old = dir.resolve("security.1");
            Files.move(f, old);
            append(old, line(5003)); // Asterisk still writing to its open handle
            append(f, line(5004)); // after "logger reload" the new file
            lf.pollOnce(got::add);
            append(f, line(5005));
            lf.pollOnce(got::add);
        }
        assertThat(ports(got)).containsExactly(5001, 5002, 5003, 5004, 5005);
    }

    @Test
    void copytruncateStartsOverAtTheTop() throws Exception {
        Path f = dir.resolve("security");
        append(f, line(6001) + line(6002));
        List<SecurityEvent> got = new CopyOnWriteArrayList<>();
        try (LogFollower lf = follower(f, new MemoryCursorStore(), true, 65536)) {
            lf.pollOnce(got::add);
            Files.copy(f, dir.resolve("security.1"));
            Files.writeString(f, line(6003), StandardOpenOption.TRUNCATE_EXISTING); // truncated and one new line
            lf.pollOnce(got::add);
            // Truncated and regrown past the old offset between two polls: caught by the head hash.
            Files.writeString(f, line(6104) + line(6105) + line(6106), StandardOpenOption.TRUNCATE_EXISTING);
            lf.pollOnce(got::add);
        }
        assertThat(ports(got)).containsExactly(6001, 6002, 6003, 6104, 6105, 6106);
    }

    @Test
    void aFileThatAppearsLaterIsReadFromItsStart() throws Exception {
        Path f = dir.resolve("security");
        List<SecurityEvent> got = new CopyOnWriteArrayList<>();
        try (LogFollower lf = follower(f, new MemoryCursorStore(), false, 65536)) {
            lf.pollOnce(got::add);
            assertThat(lf.status()).contains("waiting");
            append(f, line(7001));
            lf.pollOnce(got::add);
        }
        // start_at=end applies to a file that existed at the first look; a new file is read whole
        assertThat(ports(got)).containsExactly(7001);
    }

    @Test
    void overlongLinesAreSkippedAndCountedNeverBuffered() throws Exception {
        Path f = dir.resolve("security");
        List<SecurityEvent> got = new CopyOnWriteArrayList<>();
        try (LogFollower lf = follower(f, new MemoryCursorStore(), true, 4096)) {
            append(f, line(8001) + "[Nov 21 19:20:18] NOTICE[1] x.c: " + "A".repeat(50_000));
            lf.pollOnce(got::add); // the long line is still growing: skipping has started
            append(f, "B".repeat(30_000) + "\n" + line(8002));
            lf.pollOnce(got::add);
            assertThat(lf.stats().oversize()).isEqualTo(1);
        }
        assertThat(ports(got)).containsExactly(8001, 8002);
    }

    @Test
    void theFollowerThreadDeliversLiveLines() throws Exception {
        Path f = dir.resolve("security");
        append(f, "");
        List<SecurityEvent> got = new CopyOnWriteArrayList<>();
        try (LogFollower lf = follower(f, new MemoryCursorStore(), false, 65536)) {
            lf.start(got::add);
            // start_at=end: a line written before the thread's first look is skipped like old history,
            // so wait until it has opened the file and sits at its end, however late the thread runs.
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!lf.status().contains("following") && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(lf.status()).contains("following");
            append(f, line(9001));
            while (got.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(lf.status()).contains("following");
        }
        assertThat(ports(got)).containsExactly(9001);
    }

    @Test
    void rotationWhileStoppedFinishesTheRotatedFileFromTheCursor() throws Exception {
        Path f = dir.resolve("security");
        Path cursors = dir.resolve("cursors.json");
        append(f, line(9101));
        List<SecurityEvent> got = new CopyOnWriteArrayList<>();
        try (LogFollower lf = follower(f, new FileCursorStore(cursors), true, 65536)) {
            lf.pollOnce(got::add);
        }
        append(f, line(9102)); // written before the rotation, while we were down
        Files.move(f, dir.resolve("security.1"));
        append(f, line(9103));
        try (LogFollower lf = follower(f, new FileCursorStore(cursors), true, 65536)) {
            lf.pollOnce(got::add);
        }
        assertThat(ports(got)).containsExactly(9101, 9102, 9103);
    }
}
