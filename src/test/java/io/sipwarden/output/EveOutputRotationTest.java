package io.sipwarden.output;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipwarden.decision.Decision;
import io.sipwarden.decision.Origin;
import io.sipwarden.geo.GeoLocation;
import io.sipwarden.net.Cidr;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EveOutputRotationTest {
    private static Decision decision(String scope) {
        Instant t = Instant.parse("2026-11-21T10:00:00Z");
        return new Decision(UUID.randomUUID().toString(), Cidr.parse(scope), Decision.Type.BAN, Origin.detector("SW-1001", 1),
                "test", GeoLocation.UNKNOWN, t, t, t, t.plus(Duration.ofHours(1)));
    }

    @Test
    void aMovedFileIsNoticedAndANewOneStarted(@TempDir Path dir) throws Exception {
        Path eve = dir.resolve("log/eve.json");
        EveOutput out = EveOutput.open(new OutputSettings(eve.toString(), false));
        out.decision(decision("198.51.100.1"));
        out.flush();
        Path rotated = dir.resolve("log/eve.json.1");
        Files.move(eve, rotated); // what logrotate (without copytruncate) does
        Thread.sleep(1_100);
        out.flush(); // the once-a-second check notices the move
        out.decision(decision("198.51.100.2"));
        out.flush();
        out.close();
        assertThat(Files.readAllLines(rotated)).hasSize(1).allMatch(l -> l.contains("198.51.100.1"));
        assertThat(Files.readAllLines(eve)).hasSize(1).allMatch(l -> l.contains("198.51.100.2"));
    }

    @Test
    void reopenStartsANewFileAtTheConfiguredPath(@TempDir Path dir) throws Exception {
        Path eve = dir.resolve("eve.json");
        EveOutput out = EveOutput.open(new OutputSettings(eve.toString(), true));
        out.decision(decision("198.51.100.3"));
        out.flush();
        Files.move(eve, dir.resolve("old.json"));
        out.reopen(); // SIGHUP
        out.decision(decision("198.51.100.4"));
        out.close();
        assertThat(Files.readAllLines(eve)).hasSize(1).allMatch(l -> l.contains("198.51.100.4"));
        assertThat(Files.readAllLines(dir.resolve("old.json"))).hasSize(1).allMatch(l -> l.contains("198.51.100.3"));
    }

    private static long descriptorsOn(Path file) throws Exception {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).equals(file);
                } catch (Exception e) {
                    return false; // closed meanwhile
                }
            }).count();
        }
    }

    @Test
    void aFullDiskDoesNotLeakADescriptorPerFailedBatch() throws Exception {
        // Each failed flush reopened the file without closing the old descriptor (its close came after the failing flush).
        Path full = Path.of("/dev/full"); // every write fails with ENOSPC
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isWritable(full));
        EveOutput out = EveOutput.open(new OutputSettings(full.toString(), false));
        for (int i = 0; i < 50; i++) {
            out.decision(decision("198.51.100." + (i + 1)));
            out.flush();
        }
        assertThat(out.failures()).isGreaterThanOrEqualTo(50);
        assertThat(descriptorsOn(full)).isLessThanOrEqualTo(1);
        out.close();
        assertThat(descriptorsOn(full)).isZero();
    }
}
