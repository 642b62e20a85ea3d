package io.sipwarden.audit.conf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files an audit must survive: each gives one clear problem naming the file, nothing hangs, and the
 * other files are still read. Tests run as root, for whom chmod 000 does not stop reading, so
 * "unreadable" is made with things root cannot read as a config either: a FIFO (opening it would
 * block forever), a directory in a file's place and a dangling symbolic link.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HostileInputTest {

    @TempDir
    Path dir;

    private static final String GOOD = "[general]\nenabled = yes\n";

    private AsteriskConfig readAll() throws IOException {
        Files.writeString(dir.resolve("manager.conf"), GOOD);
        return AsteriskConfig.read(dir);
    }

    private static ConfProblem only(AsteriskConfig cfg, String file) {
        List<ConfProblem> ps = cfg.file(file).problems();
        assertThat(ps).hasSize(1);
        assertThat(ps.getFirst().message()).contains(file);
        // the neighbour is unaffected
        assertThat(cfg.file("manager.conf").first("general").get("enabled")).isPresent();
        return ps.getFirst();
    }

    @Test
    void binaryFile() throws IOException {
        Files.write(dir.resolve("sip.conf"), new byte[] {'[', 'a', ']', '\n', 0, 1, 2, (byte) 0xff});
        assertThat(only(readAll(), "sip.conf").kind()).isEqualTo(ConfProblem.Kind.BINARY);
    }

    @Test
    void fiftyMegabyteFileIsRefusedWithoutReadingIt() throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(dir.resolve("extensions.conf").toFile(), "rw")) {
            f.setLength(50L * 1024 * 1024);
        }
        long t0 = System.nanoTime();
        ConfProblem p = only(readAll(), "extensions.conf");
        assertThat(p.kind()).isEqualTo(ConfProblem.Kind.TOO_LARGE);
        assertThat(p.message()).contains("52428800 bytes");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void largeIncludedFileIsRefusedToo() throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(dir.resolve("big.conf").toFile(), "rw")) {
            f.setLength(50L * 1024 * 1024);
        }
        Files.writeString(dir.resolve("sip.conf"), "[general]\n#include big.conf\nallowguest = no\n");
        AsteriskConfig cfg = readAll();
        assertThat(cfg.file("sip.conf").problems()).hasSize(1);
        ConfProblem p = cfg.file("sip.conf").problems().getFirst();
        assertThat(p.kind()).isEqualTo(ConfProblem.Kind.TOO_LARGE);
        assertThat(p.message()).contains("big.conf");
        assertThat(cfg.file("sip.conf").first("general").get("allowguest")).isPresent();
    }

    @Test
    void selfIncludeLoop() throws IOException {
        Files.writeString(dir.resolve("sip.conf"), "[general]\n#include sip.conf\nallowguest = no\n");
        AsteriskConfig cfg = readAll();
        assertThat(only(cfg, "sip.conf").kind()).isEqualTo(ConfProblem.Kind.INCLUDE_LOOP);
        assertThat(cfg.file("sip.conf").first("general").all("allowguest")).hasSize(1);
    }

    @Test
    void fifoIsNeverOpened() throws Exception {
        Path fifo = dir.resolve("pjsip.conf");
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertThat(p.waitFor(5, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        assertThat(only(readAll(), "pjsip.conf").kind()).isEqualTo(ConfProblem.Kind.NOT_REGULAR);
    }

    @Test
    void directoryInPlaceOfAFile() throws IOException {
        Files.createDirectory(dir.resolve("iax.conf"));
        assertThat(only(readAll(), "iax.conf").message()).contains("is a directory");
    }

    @Test
    void danglingSymlink() throws IOException {
        Files.createSymbolicLink(dir.resolve("http.conf"), dir.resolve("gone.conf"));
        assertThat(only(readAll(), "http.conf").message()).contains("dangling symbolic link");
    }

    @Test
    void invalidUtf8IsReplacedReportedAndTheFileStillRead() throws IOException {
        byte[] head = "[general]\ncallerid = caf".getBytes();
        byte[] tail = "\nallowguest = no\n".getBytes();
        byte[] all = new byte[head.length + 2 + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        all[head.length] = (byte) 0xe9;
        all[head.length + 1] = (byte) 0xc3;
        System.arraycopy(tail, 0, all, head.length + 2, tail.length);
        Files.write(dir.resolve("sip.conf"), all);
        AsteriskConfig cfg = readAll();
        ConfProblem p = only(cfg, "sip.conf");
        assertThat(p.kind()).isEqualTo(ConfProblem.Kind.BAD_ENCODING);
        assertThat(p.at().line()).isEqualTo(2);
        assertThat(cfg.file("sip.conf").first("general").get("allowguest")).isPresent();
    }

    @Test
    void deepIncludeChainStops() throws IOException {
        for (int i = 0; i < 40; i++) {
            Files.writeString(dir.resolve("d" + i + ".conf"), "#include d" + (i + 1) + ".conf\n");
        }
        Files.writeString(dir.resolve("sip.conf"), "[general]\n#include d0.conf\n");
        assertThat(only(readAll(), "sip.conf").kind()).isEqualTo(ConfProblem.Kind.INCLUDE_TOO_DEEP);
    }

    // The tests below fail by running forever (or out of memory) without the read's budgets; the
    // timeouts run in their own thread so a busy loop cannot outlive them.

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void includingTheNextFileTwiceThirtyDeepIsNotReadTwoToTheThirtyTimes() throws IOException {
        for (int i = 0; i < 30; i++) {
            Files.writeString(dir.resolve("f" + i + ".conf"), (i == 29 ? "" : ("#include f" + (i + 1) + ".conf\n").repeat(2)) + "k = v\n");
        }
        Files.writeString(dir.resolve("sip.conf"), "[general]\n#include f0.conf\nallowguest = no\n");
        AsteriskConfig cfg = readAll();
        ConfProblem p = only(cfg, "sip.conf");
        assertThat(p.kind()).isEqualTo(ConfProblem.Kind.TOO_LARGE);
        assertThat(p.message()).contains("more than " + ConfReader.MAX_FILES + " files");
        assertThat(cfg.file("sip.conf").first("general").get("allowguest")).isPresent();
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void templatesInheritingTheLastOneTwiceDoNotDoubleMemoryPerLine() throws IOException {
        StringBuilder b = new StringBuilder("[t0](!)\nk = v\n");
        for (int i = 1; i < 64; i++) {
            b.append("[t").append(i).append("](!,t").append(i - 1).append(",t").append(i - 1).append(")\n");
        }
        Files.writeString(dir.resolve("sip.conf"), b + "[general]\nallowguest = no\n");
        AsteriskConfig cfg = readAll();
        ConfProblem p = only(cfg, "sip.conf");
        assertThat(p.kind()).isEqualTo(ConfProblem.Kind.TOO_LARGE);
        assertThat(cfg.file("sip.conf").sections()).hasSize(65);
        // the cap is on the whole read: what came after the flood is cut, not silently kept in part
        assertThat(cfg.file("sip.conf").sections().stream().mapToInt(s -> s.settings().size()).sum())
                .isEqualTo(ConfReader.MAX_SETTINGS);
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aMillionAppendsToOneValueAreNotQuadratic() throws IOException {
        Files.writeString(dir.resolve("sip.conf"), "[general]\nallowguest = no\n" + "a += xxxxxxxxxx\n".repeat(1_000_000));
        AsteriskConfig cfg = readAll();
        ConfProblem p = only(cfg, "sip.conf");
        assertThat(p.kind()).isEqualTo(ConfProblem.Kind.TOO_LARGE);
        assertThat(cfg.file("sip.conf").first("general").get("a").orElseThrow().value().length())
                .isLessThanOrEqualTo(ConfReader.MAX_VALUE_CHARS);
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void appendsToManyKeysAndReopeningManySectionsAreNotQuadratic() throws IOException {
        StringBuilder b = new StringBuilder("[general]\nallowguest = no\n");
        for (int i = 0; i < 300_000; i++) {
            b.append('k').append(i).append(" += v\n");
        }
        for (int i = 0; i < 300_000; i++) {
            b.append("[s").append(i).append("]\n");
        }
        for (int i = 0; i < 300_000; i++) {
            b.append("[s").append(i).append("](+)\nk += w\n");
        }
        Files.writeString(dir.resolve("sip.conf"), b.toString());
        AsteriskConfig cfg = readAll();
        assertThat(cfg.file("sip.conf").problems()).isEmpty();
        assertThat(cfg.file("sip.conf").sections()).hasSize(300_001);
        assertThat(cfg.file("sip.conf").first("general").get("k299999").orElseThrow().value()).isEqualTo("v");
        assertThat(cfg.file("sip.conf").first("s7").get("k").orElseThrow().value()).isEqualTo("w");
    }
}
