package io.sipwarden.sensor.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The word-at-a-time newline search against a plain loop, and whole lines through the splitter. */
class LineSplitterScanTest {
    @Test
    void newlineSearchMatchesAPlainLoop() {
        Random rnd = new Random(7);
        for (int round = 0; round < 20_000; round++) {
            byte[] b = new byte[1 + rnd.nextInt(40)];
            for (int i = 0; i < b.length; i++) {
                // newlines, bytes next to '\n' in value, high bytes, anything
                int k = rnd.nextInt(6);
                b[i] = (byte) (k == 0 ? '\n' : k == 1 ? 0x0B : k == 2 ? 0x09 : k == 3 ? 0x8A : rnd.nextInt(256));
            }
            int from = rnd.nextInt(b.length);
            int end = from + rnd.nextInt(b.length - from + 1);
            int expected = -1;
            for (int i = from; i < end; i++) {
                if (b[i] == '\n') {
                    expected = i;
                    break;
                }
            }
            assertThat(LineSplitter.nextNewline(b, from, end)).isEqualTo(expected);
        }
    }

    @Test
    void scanFindsTheSameNewlineAndTellsWhetherTheLineIsAscii() {
        Random rnd = new Random(11);
        LineSplitter splitter = new LineSplitter(64, new LogStats(), 0);
        for (int round = 0; round < 20_000; round++) {
            byte[] b = new byte[1 + rnd.nextInt(60)];
            for (int i = 0; i < b.length; i++) {
                int k = rnd.nextInt(8);
                b[i] = (byte) (k == 0 ? '\n' : k == 1 ? 0x8A : k == 2 ? 0x80 : k == 3 ? 0x7F : 'a' + rnd.nextInt(26));
            }
            int from = rnd.nextInt(b.length);
            int end = from + rnd.nextInt(b.length - from + 1);
            int expected = LineSplitter.nextNewline(b, from, end);
            assertThat(splitter.scan(b, from, end)).isEqualTo(expected);
            if (expected >= 0) {
                boolean ascii = true;
                for (int i = from; i < expected; i++) {
                    ascii &= b[i] >= 0;
                }
                assertThat(splitter.scannedAscii()).as("round %d", round).isEqualTo(ascii);
            }
        }
    }

    @Test
    void vectorAndWordSearchesGiveThePlainLoopsAnswer() {
        // surefire starts the JVM with the vector module, as bin/sipwarden does for replay
        assertThat(ModuleLayer.boot().findModule("jdk.incubator.vector")).isPresent();
        Random rnd = new Random(13);
        for (int round = 0; round < 30_000; round++) {
            byte[] b = new byte[1 + rnd.nextInt(300)];
            int newlines = rnd.nextInt(4); // often none in the first vectors: long lines
            for (int i = 0; i < b.length; i++) {
                int k = rnd.nextInt(64);
                b[i] = (byte) (k < newlines ? '\n' : k < 6 ? 0x8A : k < 8 ? 0x80 : k < 10 ? 0x0B : ' ' + rnd.nextInt(95));
            }
            int from = rnd.nextInt(b.length);
            int end = from + rnd.nextInt(b.length - from + 1);
            long expected = -1;
            boolean ascii = true;
            for (int i = from; i < end; i++) {
                if (b[i] == '\n') {
                    expected = (long) i << 1 | (ascii ? 1 : 0);
                    break;
                }
                ascii &= b[i] >= 0;
            }
            assertThat(LineSplitter.newlineWords(b, from, end)).as("words, round %d", round).isEqualTo(expected);
            if (VectorSupport.ENABLED) {
                assertThat(VectorScan.newline(b, from, end)).as("vector, round %d", round).isEqualTo(expected);
            }
        }
    }

    @Test
    void backwardSearchesGiveThePlainLoopsAnswer() {
        Random rnd = new Random(29);
        for (int round = 0; round < 30_000; round++) {
            byte[] b = new byte[1 + rnd.nextInt(300)];
            int hits = rnd.nextInt(3);
            for (int i = 0; i < b.length; i++) {
                int k = rnd.nextInt(100);
                b[i] = (byte) (k < hits ? 'L' : k < 5 ? 0xCC : k < 8 ? 'M' : 'a' + rnd.nextInt(26));
            }
            int from = rnd.nextInt(b.length);
            int to = from + rnd.nextInt(b.length - from + 1);
            int expected = AsciiScan.lastIndexOf(b, (byte) 'L', from, to);
            assertThat(AsciiScan.lastIndexOfSwar(b, (byte) 'L', from, to)).as("words, round %d", round).isEqualTo(expected);
            assertThat(AsciiScan.lastIndexOfWord(b, (byte) 'L', from, to)).as("round %d", round).isEqualTo(expected);
            if (VectorSupport.ENABLED) {
                assertThat(VectorScan.lastIndexOf(b, (byte) 'L', from, to)).as("vector, round %d", round).isEqualTo(expected);
            }
        }
    }

    @Test
    void splitsLinesAcrossChunks() {
        StringBuilder text = new StringBuilder();
        Random rnd = new Random(3);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            String line = "line " + i + " " + "x".repeat(rnd.nextInt(30)) + (i % 7 == 0 ? "\r" : "");
            text.append(line).append('\n');
            expected.add(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
        }
        byte[] all = text.toString().getBytes(StandardCharsets.UTF_8);
        List<String> got = new ArrayList<>();
        LineSplitter s = new LineSplitter(1024, new LogStats(), 0);
        for (int off = 0; off < all.length; ) {
            int n = Math.min(all.length - off, 1 + rnd.nextInt(50));
            s.feed(all, off, n, got::add);
            off += n;
        }
        s.finish(got::add);
        assertThat(got).isEqualTo(expected);
        assertThat(s.consumed()).isEqualTo(all.length);
    }
}
