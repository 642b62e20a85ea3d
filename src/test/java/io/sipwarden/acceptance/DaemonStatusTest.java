package io.sipwarden.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code status} shows what the running daemon's parts say: sensors, the configuration audit, a clean stop. */
class DaemonStatusTest {

    @Test
    void statusShowsSensorsAuditFindingsAndACleanStop(@TempDir Path dir) throws Exception {
        Path messages = Files.createFile(dir.resolve("messages"));
        Path config = DaemonProcess.config(dir, List.of(messages));
        Path pbxConf = Captures.dir().getParent().resolve("pbx-conf");
        Files.writeString(config, Files.readString(config) + """
                audit:
                  config_dir: %s
                  asterisk_version: "20"
                """.formatted(pbxConf));
        Path state = dir.resolve("state");
        try (DaemonProcess d = DaemonProcess.start(config, state, Duration.ofSeconds(60))) {
            // The audit and the follower's first look at the log are independent: wait for both.
            d.await(() -> {
                String out = Cli.run("status", "--state-dir", state.toString()).out();
                return out.contains("SWA-102") && out.contains("following");
            }, Duration.ofSeconds(30), "the audit summary and the followed log in status");
            String running = Cli.run("status", "--state-dir", state.toString()).out();
            assertThat(running).contains("daemon:      running", "source:      log", "following",
                    "audit:", "HIGH SWA-102 pjsip endpoint 1001");
            d.stop();
        }
        String stopped = Cli.run("status", "--state-dir", state.toString()).out();
        assertThat(stopped).contains("daemon:      stopped at");
    }
}
