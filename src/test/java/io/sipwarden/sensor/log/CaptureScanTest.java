package io.sipwarden.sensor.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every line of every real capture is understood: nothing in them is unmatched. */
class CaptureScanTest {
    static Path captures() {
        return Path.of(System.getProperty("sipwarden.shared", "../shared"), "data/asterisk-20/captures");
    }

    @Test
    void everyCapturedLineIsUnderstood() throws Exception {
        InstantSource clock = InstantSource.fixed(Instant.parse("2026-11-22T00:00:00Z"));
        var unmatched = new TreeMap<String, String>();
        LogStats total = new LogStats();
        try (Stream<Path> files = Files.list(captures())) {
            for (Path f : files.filter(p -> p.getFileName().toString().matches("(messages|security)-s\\d\\d.*\\.log")).sorted().toList()) {
                var parser = new LogLineParser(f.getFileName().toString(), new LogFormat(LogDateFormat.compile(LogDateFormat.DEFAULT), ZoneOffset.UTC), clock);
                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    LineResult r = parser.parse(line);
                    total.count(r);
                    if (r instanceof LineResult.Unmatched u) {
                        unmatched.put(line.length() > 160 ? line.substring(0, 160) : line, u.why());
                    }
                }
            }
        }
        assertThat(unmatched).as("unmatched lines (line -> why)").isEmpty();
        assertThat(total.recognized() + total.eventCount()).isEqualTo(total.lines());
        assertThat(total.lines()).isGreaterThan(30_000);
    }
}
