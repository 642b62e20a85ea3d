package io.sipwarden.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipwarden.engine.Status;
import io.sipwarden.engine.StatusFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * {@code sipwarden run} as a real child process (this test run's classpath), with its output in a
 * file: for live following, restarts and {@code kill -9}.
 */
final class DaemonProcess implements AutoCloseable {
    private final Process process;
    private final Path stateDir;
    private final Path output;

    private DaemonProcess(Process process, Path stateDir, Path output) {
        this.process = process;
        this.stateDir = stateDir;
        this.output = output;
    }

    /**
     * A config for the daemon: the given log files from their beginning, UTC timestamps, the
     * dry-run enforcer, no geo database, and an EVE file {@code eve.json} in {@code dir}.
     */
    static Path config(Path dir, List<Path> logFiles) throws IOException {
        StringBuilder files = new StringBuilder();
        logFiles.forEach(f -> files.append("\n    - ").append(f));
        return Files.writeString(dir.resolve("sipwarden.yml"), """
                log:
                  files:%s
                  start_at: beginning
                  timezone: UTC
                  poll_interval: 100ms
                enforce:
                  backend: log
                geo:
                  tor_geoip: ""
                  tor_geoip6: ""
                output:
                  eve: %s
                """.formatted(files, dir.resolve("eve.json")));
    }

    /** Starts {@code sipwarden run}; it stops by itself after {@code exitAfter} at the latest. */
    static DaemonProcess start(Path config, Path stateDir, Duration exitAfter) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path out = Files.createTempFile(config.getParent(), "daemon-", ".out");
        Process p = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), "io.sipwarden.cli.Main", "run",
                "--config", config.toString(), "--state-dir", stateDir.toString(),
                "--exit-after", exitAfter.toSeconds() + "s")
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        return new DaemonProcess(p, stateDir, out);
    }

    /** The last status.json the daemon wrote. */
    Optional<Status> status() {
        return status(stateDir);
    }

    static Optional<Status> status(Path stateDir) {
        try {
            return StatusFile.read(stateDir);
        } catch (IOException e) {
            return Optional.empty(); // being replaced right now: ask again
        }
    }

    /** Waits until the daemon has written a status file matching {@code test}. */
    Status awaitStatus(Predicate<Status> test, Duration timeout, String what) {
        Status[] last = {null};
        await(() -> {
            last[0] = status().orElse(null);
            return last[0] != null && test.test(last[0]);
        }, timeout, what + " (last status: " + last[0] + ")");
        return last[0];
    }

    /** Polls {@code condition} every 100 ms; fails with the daemon's output after {@code timeout}. */
    void await(BooleanSupplier condition, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + "; daemon output:\n" + output());
            }
            if (!process.isAlive()) {
                throw new AssertionError("daemon exited (" + process.exitValue() + ") while waiting for " + what
                        + "; output:\n" + output());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    /** SIGTERM: the shutdown hook drains the queue, flushes the store and writes a last status. */
    Status stop() throws InterruptedException {
        process.destroy();
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("daemon stops on SIGTERM").isTrue();
        return status().orElseThrow();
    }

    /** SIGKILL: no shutdown hook, no flush, no last status. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("killed by SIGKILL").isEqualTo(137);
    }

    String output() {
        try {
            return Files.readString(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
