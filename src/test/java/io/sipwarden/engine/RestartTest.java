package io.sipwarden.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipwarden.enforce.log.LogEnforcer;
import io.sipwarden.net.Addresses;
import io.sipwarden.store.StoreSettings;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RestartTest {

    @Test
    void activeBansSurviveKillNineAndReachTheEnforcersAtStart(@TempDir Path state) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                KillNineChild.class.getName(), state.toString()).redirectErrorStream(true).start();
        String ready = null;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            long deadline = System.nanoTime() + 60_000_000_000L;
            String line;
            while (System.nanoTime() < deadline && (line = r.readLine()) != null) {
                if (line.startsWith("READY")) {
                    ready = line;
                    break;
                }
            }
            assertThat(ready).as("child got ready").isEqualTo("READY 3");
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no close
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).isEqualTo(137);
        } finally {
            child.destroyForcibly();
        }

        LogEnforcer enforcer = new LogEnforcer();
        EngineSettings settings = new EngineSettings(null, null, StoreSettings.inDirectory(state), null, null);
        try (Daemon d = Daemon.start(settings, new MapPolicy(), new MapGeo(), List.of(enforcer), List.of(), List.of())) {
            // Enforcers run on their own thread: the start-up reconcile is queued, not awaited.
            long until = System.nanoTime() + 10_000_000_000L;
            while (enforcer.size() < 3 && System.nanoTime() < until) {
                Thread.sleep(20);
            }
            assertThat(enforcer.size()).as("bans handed to the enforcer at start").isEqualTo(3);
            assertThat(d.status().activeBans()).isEqualTo(3);
            assertThat(d.store().active(Instant.now())).extracting(x -> x.scope().toString())
                    .containsExactlyInAnyOrder("198.51.100.1", "198.51.100.2", "2001:db8::66");
        }
    }
}
