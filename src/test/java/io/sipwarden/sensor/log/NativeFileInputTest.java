package io.sipwarden.sensor.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.sipwarden.event.SecurityEvent;
import io.sipwarden.sensor.dedup.Deduplicator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The replay's read(2) path gives exactly the file's bytes, whatever the read sizes and offsets,
 * and declines everything that is not a regular file, so the JDK path (and its messages) takes
 * over and a critical downcall never waits on a pipe.
 */
class NativeFileInputTest {

    @Test
    void readsExactlyTheFileInReadsOfAnySizeAndOffset(@TempDir Path dir) throws IOException {
        Random random = new Random(7);
        byte[] data = new byte[300_001]; // more than several 64 KB chunks, and not a multiple of them
        random.nextBytes(data);
        Path file = Files.write(dir.resolve("messages"), data);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = NativeFileInput.open(file)) {
            assertThat(in).as("a regular file on Linux takes the native path").isNotNull();
            byte[] buffer = new byte[70_000];
            while (true) {
                int off = random.nextInt(100);
                int len = 1 + random.nextInt(buffer.length - off - 1);
                int n = in.read(buffer, off, len);
                if (n < 0) {
                    break;
                }
                assertThat(n).isBetween(1, len);
                out.write(buffer, off, n);
            }
            assertThat(in.read()).as("EOF stays EOF").isEqualTo(-1);
            assertThat(in.read(buffer, 0, 0)).isZero();
        }
        assertThat(out.toByteArray()).isEqualTo(data);
    }

    @Test
    void singleBytesAndAnEmptyFile(@TempDir Path dir) throws IOException {
        Path file = Files.write(dir.resolve("three"), new byte[] {(byte) 0xFF, 0, 'x'});
        try (InputStream in = NativeFileInput.open(file)) {
            assertThat(in.read()).isEqualTo(0xFF);
            assertThat(in.read()).isEqualTo(0);
            assertThat(in.read()).isEqualTo('x');
            assertThat(in.read()).isEqualTo(-1);
        }
        try (InputStream in = NativeFileInput.open(Files.createFile(dir.resolve("empty")))) {
            assertThat(in.read(new byte[16], 0, 16)).isEqualTo(-1);
        }
    }

    @Test
    void declinesWhatIsNotARegularFile(@TempDir Path dir) throws Exception {
        assertThat(NativeFileInput.open(dir.resolve("missing"))).isNull();
        assertThat(NativeFileInput.open(dir)).isNull();
        Path fifo = dir.resolve("fifo");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(mkfifo.exitValue()).isZero();
        assertThat(NativeFileInput.open(fifo)).as("a FIFO could block a critical read").isNull();
    }

    @Test
    void aClosedStreamSaysSoAndBoundsAreChecked(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("secret"), "x");
        InputStream in = NativeFileInput.open(file);
        in.close();
        in.close(); // twice is harmless
        assertThatThrownBy(() -> in.read(new byte[4], 0, 4)).isInstanceOf(IOException.class)
                .hasMessageContaining("closed").hasMessageContaining(file.toString());
        assertThatThrownBy(() -> in.read(new byte[4], 2, 4)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void aStreamNobodyClosedLosesItsDescriptorOnceUnreachable(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("messages"), "line\n");
        long before = openDescriptors();
        for (int i = 0; i < 50; i++) {
            assertThat(NativeFileInput.open(file)).isNotNull(); // opened, read by no one, never closed
        }
        assertThat(openDescriptors()).isGreaterThanOrEqualTo(before + 50);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (openDescriptors() > before + 5 && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(50);
        }
        assertThat(openDescriptors()).as("the cleaner closed them").isLessThanOrEqualTo(before + 5);
    }

    private static long openDescriptors() throws IOException {
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }

    @Test
    void aReplayGivesTheSameEventsAsThroughTheJdkFromAPipe(@TempDir Path dir) throws Exception {
        Path capture = Path.of(System.getProperty("sipwarden.shared", "/work/shared"), "data", "asterisk-20", "captures",
                "messages-s05-register-flood.log");
        byte[] bytes = Files.readAllBytes(capture);
        Path file = Files.write(Files.createDirectory(dir.resolve("file")).resolve("messages"), bytes);
        Path fifo = Files.createDirectory(dir.resolve("pipe")).resolve("messages"); // the same sensor name
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        Thread writer = Thread.ofPlatform().daemon().start(() -> {
            try {
                Files.write(fifo, bytes); // blocks until the replay opens the FIFO for reading
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        var viaNative = events(file);
        var viaJdk = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> events(fifo));
        writer.join(10_000);
        assertThat(viaNative).hasSizeGreaterThan(100).isEqualTo(viaJdk);
    }

    private static List<SecurityEvent> events(Path file) throws IOException {
        var format = new LogFormat(LogDateFormat.compile(LogDateFormat.DEFAULT), ZoneOffset.UTC);
        var clock = InstantSource.fixed(Instant.parse("2026-11-22T00:00:00Z"));
        try (LogReplaySource src = LogReplaySource.open(List.of(file), format, clock, Deduplicator.disabled(), 65536)) {
            return src.stream().toList();
        }
    }
}
