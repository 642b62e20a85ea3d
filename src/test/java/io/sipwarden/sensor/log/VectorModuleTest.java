package io.sipwarden.sensor.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The replay gives the same answer whether the JVM has the Vector API (bin/sipwarden's replay,
 * the tests) or not (the daemon, anyone's own launcher): without the incubator module the scans
 * must fall back to words, never fail to link.
 */
class VectorModuleTest {
    private static final Path CAPTURES = Path.of(System.getProperty("sipwarden.shared", "../shared"), "data/asterisk-20/captures");

    private static String replay(boolean vectors, String capture) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Xmx256m"));
        if (vectors) {
            cmd.addAll(List.of("--add-modules", "jdk.incubator.vector"));
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.sipwarden.cli.Main", "replay", "--json",
                CAPTURES.resolve(capture).toString()));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out.replaceAll("\"id\":\"[0-9a-f-]+\"", "\"id\":\"…\""); // a fresh UUID per decision
    }

    @Test
    void replayWithoutTheModuleGivesTheSameDecisions() throws Exception {
        for (String capture : List.of("messages-s05-register-flood.log", "messages-s08-ipv6-attacks.log")) {
            String with = replay(true, capture);
            String without = replay(false, capture);
            assertThat(with).as(capture).contains("\"src_ip\"");
            assertThat(without).as(capture).isEqualTo(with);
        }
    }
}
