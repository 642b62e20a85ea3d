package io.sipwarden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `sipwarden audit` exit codes and formats on the real Asterisk 20 configuration. */
class AuditCommandTest {

    private static final String REAL = Path.of(System.getProperty("sipwarden.shared", "../shared"))
            .resolve("data/asterisk-20/pbx-conf").toString();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream oldOut;
    private PrintStream oldErr;

    @BeforeEach
    void capture() {
        oldOut = System.out;
        oldErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(oldOut);
        System.setErr(oldErr);
    }

    @Test
    void findingsAtOrAboveFailOnGiveExitCode3() {
        assertThat(Main.execute("audit", REAL, "--asterisk-version", "20", "--fail-on", "high")).isEqualTo(AuditCommand.EXIT_FINDINGS);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("SWA-102").doesNotContain("letmein1");
    }

    @Test
    void noFindingAboveThresholdIsZero() {
        assertThat(Main.execute("audit", REAL, "--asterisk-version", "20", "--fail-on", "critical")).isZero();
        assertThat(Main.execute("audit", REAL, "--asterisk-version", "20")).isZero();
    }

    @Test
    void noGuessStillReportsShortSecrets() {
        assertThat(Main.execute("audit", REAL, "--asterisk-version", "20", "--no-guess")).isZero();
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("SWA-102").contains("too short (8 characters").doesNotContain("guessable");
    }

    @Test
    void usageErrorsAreTwo() {
        assertThat(Main.execute("audit", REAL, "--fail-on", "severe")).isEqualTo(Main.EXIT_USAGE);
        assertThat(Main.execute("audit", "/nonexistent/asterisk")).isEqualTo(Main.EXIT_USAGE);
        assertThat(Main.execute("audit", REAL, "--asterisk-version", "twenty")).isEqualTo(Main.EXIT_USAGE);
        assertThat(Main.execute("audit", REAL, "--json", "--sarif")).isEqualTo(Main.EXIT_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--fail-on").contains("not a directory");
    }

    @Test
    void unwritableOutputIsARuntimeError(@TempDir Path tmp) {
        assertThat(Main.execute("audit", REAL, "--asterisk-version", "20", "-o", tmp.resolve("no/such/dir/x.json").toString()))
                .isEqualTo(Main.EXIT_RUNTIME);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("x.json");
    }

    @Test
    void jsonAndSarifToAFile(@TempDir Path tmp) throws Exception {
        Path json = tmp.resolve("a.json");
        assertThat(Main.execute("audit", REAL, "--asterisk-version", "20", "--json", "-o", json.toString())).isZero();
        assertThat(new ObjectMapper().readTree(json.toFile()).get("findings").size()).isGreaterThan(10);
        Path sarif = tmp.resolve("a.sarif");
        assertThat(Main.execute("audit", REAL, "--asterisk-version", "21.4.1", "--sarif", "-o", sarif.toString(),
                "--fail-on", "high")).isEqualTo(AuditCommand.EXIT_FINDINGS);
        assertThat(Files.readString(sarif)).contains("\"version\" : \"2.1.0\"").contains("SWA-206");
    }
}
