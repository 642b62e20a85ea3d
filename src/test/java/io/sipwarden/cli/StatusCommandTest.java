package io.sipwarden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatusCommandTest {

    /** A damaged status.json printed Jackson's or a NullPointerException's text ("Cannot invoke ... startInclusive is null"). */
    @Test
    void aDamagedStatusFileIsNamedWithoutTheParsersInnards(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("status.json");
        for (byte[] content : List.of(new byte[] {'{', (byte) 0xa8, 0x01, 0x7f},
                "{\"at\":\"yesterday\"}".getBytes(StandardCharsets.UTF_8),
                "{}".getBytes(StandardCharsets.UTF_8), "[1,2]".getBytes(StandardCharsets.UTF_8))) {
            Files.write(file, content);
            for (String json : List.of("", "--json")) {
                CliRun.Result r = json.isEmpty() ? CliRun.run("status", "--state-dir=" + dir)
                        : CliRun.run("status", json, "--state-dir=" + dir);
                String label = new String(content, StandardCharsets.UTF_8) + " " + json;
                assertThat(r.code()).as(label).isEqualTo(Main.EXIT_RUNTIME);
                assertThat(r.err()).as(label).contains(file + ": not a status file sipwarden wrote")
                        .doesNotContain("Cannot invoke", "REDACTED", "reference chain", "Exception");
            }
        }
    }

    /** With only "at" and "started" (another version's file), status printed "null" and then failed on the enforcers. */
    @Test
    void aStatusFileWithoutTheCountsShowsNoneRatherThanNull(@TempDir Path dir) throws Exception {
        String now = java.time.Instant.now().toString();
        Files.writeString(dir.resolve("status.json"), "{\"at\":\"" + now + "\",\"started\":\"" + now + "\"}");
        CliRun.Result r = CliRun.run("status", "--state-dir=" + dir);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("daemon:      running").doesNotContain("null");
    }
}
