package io.sipwarden.sensor.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plain files mapped, gzip and empty files streamed: the same bytes either way. */
class FileChunksTest {
    @TempDir
    Path dir;

    private static byte[] readAll(FileChunks chunks, int chunkSize) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[chunkSize];
        for (int n = chunks.read(chunk); n >= 0; n = chunks.read(chunk)) {
            out.write(chunk, 0, n);
        }
        return out.toByteArray();
    }

    private static byte[] content(int size) {
        byte[] b = new byte[size];
        new Random(size).nextBytes(b);
        b[0] = 'x'; // not a gzip magic
        return b;
    }

    @Test
    void aPlainFileIsMappedAndReadWhole() throws IOException {
        byte[] data = content(200_003);
        Path f = Files.write(dir.resolve("messages"), data);
        try (FileChunks chunks = FileChunks.open(f, 4096)) {
            assertThat(chunks).isInstanceOf(FileChunks.Mapped.class);
            assertThat(readAll(chunks, 4096)).isEqualTo(data);
            assertThat(chunks.read(new byte[16])).isEqualTo(-1);
        }
    }

    @Test
    void gzipAndEmptyFilesAreStreamed() throws IOException {
        byte[] data = content(50_000);
        Path gz = dir.resolve("messages.1.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(data);
        }
        try (FileChunks chunks = FileChunks.open(gz, 1024)) {
            assertThat(chunks).isInstanceOf(FileChunks.Streamed.class);
            assertThat(readAll(chunks, 1024)).isEqualTo(data);
        }
        Path empty = Files.createFile(dir.resolve("empty"));
        try (FileChunks chunks = FileChunks.open(empty, 1024)) {
            assertThat(chunks).isInstanceOf(FileChunks.Streamed.class);
            assertThat(chunks.read(new byte[16])).isEqualTo(-1);
        }
        Path oneByte = Files.write(dir.resolve("one"), new byte[] {0x1f});
        try (FileChunks chunks = FileChunks.open(oneByte, 1024)) {
            assertThat(readAll(chunks, 1024)).containsExactly(0x1f);
        }
    }

    @Test
    void aPipeIsStreamed() throws Exception {
        Path fifo = dir.resolve("fifo");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertThat(mk.waitFor()).isZero();
        byte[] data = content(100_000);
        Thread writer = Thread.ofPlatform().start(() -> {
            try (OutputStream out = Files.newOutputStream(fifo)) {
                out.write(data);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        try (FileChunks chunks = FileChunks.open(fifo, 4096)) {
            assertThat(chunks).isInstanceOf(FileChunks.Streamed.class);
            assertThat(readAll(chunks, 4096)).isEqualTo(data);
        }
        writer.join(10_000);
        assertThat(writer.isAlive()).isFalse();
    }

    @Test
    void aFileTruncatedUnderTheMappingIsAnIoErrorNotACrash() throws IOException {
        byte[] data = content(1 << 20);
        Path f = Files.write(dir.resolve("messages"), data);
        try (FileChunks chunks = FileChunks.open(f, 64 * 1024)) {
            byte[] chunk = new byte[64 * 1024];
            assertThat(chunks.read(chunk)).isEqualTo(chunk.length);
            try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
                ch.truncate(4096); // logrotate's copytruncate during a replay
            }
            assertThatThrownBy(() -> readAll(chunks, chunk.length)).isInstanceOf(IOException.class)
                    .hasMessageContaining("shrank");
        }
    }
}
