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
}
