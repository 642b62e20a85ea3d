package io.sipwarden;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JVM options {@code bin/sipwarden} chooses per command. The launcher script is the real
 * one; the JVM it starts is a stand-in that prints its arguments, so the test sees exactly the
 * command line a user's machine would run.
 */
class LauncherOptionsTest {
    @TempDir
    Path dir;

    @Test
    void replayGetsVectorsAndTheThroughputCollector() throws Exception {
        String args = launch("replay", Map.of());
        assertThat(args).contains("--add-modules jdk.incubator.vector").contains("-XX:+UseParallelGC")
                .endsWith("replay some.log");
    }

    @Test
    void aCollectorChosenByTheUserReplacesTheReplayDefault() throws Exception {
        // The JVM refuses to start with two collectors selected.
        String args = launch("replay", Map.of("SIPWARDEN_JAVA_OPTS", "-XX:+UseG1GC"));
        assertThat(args).contains("-XX:+UseG1GC").doesNotContain("UseParallelGC");
    }

    @Test
    void theDaemonKeepsTheDefaultCollectorAndShortCommandsUseC1() throws Exception {
        assertThat(launch("run", Map.of())).doesNotContain("GC").doesNotContain("incubator");
        assertThat(launch("lookup", Map.of())).contains("-XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
    }

    private String launch(String command, Map<String, String> env) throws IOException, InterruptedException {
        Path jdk = dir.resolve("jdk/bin");
        Files.createDirectories(jdk);
        Path java = jdk.resolve("java");
        // "-version" is how the launcher recognises a Java 25; anything else: print the arguments.
        Files.writeString(java, """
                #!/bin/sh
                if [ "$1" = "-version" ]; then echo 'openjdk version "25.0.3"' >&2; exit 0; fi
                echo "$@"
                """);
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path jar = dir.resolve("sipwarden.jar");
        Files.writeString(jar, "");
        var pb = new ProcessBuilder("bash", Path.of("bin/sipwarden").toAbsolutePath().toString(), command, "some.log");
        pb.environment().put("JAVA_HOME", dir.resolve("jdk").toString());
        pb.environment().put("SIPWARDEN_JAR", jar.toString());
        pb.environment().remove("SIPWARDEN_JAVA_OPTS");
        pb.environment().putAll(env);
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor()).as(out).isZero();
        List<String> lines = out.lines().toList();
        return lines.getLast();
    }
}
