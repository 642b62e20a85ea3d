package io.sipwarden.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code sipwarden replay -} reads standard input, as {@code zcat x.gz | sipwarden replay -} expects. */
class ReplayStdinTest {

    @Test
    void aDashReadsStandardInput() throws Exception {
        Path log = Captures.messages("s04-svcrack-1001");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), "io.sipwarden.cli.Main", "replay", "--json", "-")
                .redirectInput(log.toFile()).redirectErrorStream(false).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("replay of s04 from standard input ends").isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(err).isZero();
        assertThat(Bans.parse(out)).extracting(Bans.Ban::scope).contains("10.77.0.2");
    }
}
