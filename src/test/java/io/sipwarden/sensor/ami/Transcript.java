package io.sipwarden.sensor.ami;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A recorded AMI transcript (captures/ami-*.txt) with its per-recv() arrival times (.timing):
 * the bytes Asterisk sent after the recorder's login response, up to (not including) the
 * Goodbye that answered its Logoff. The .sent file (which holds the recorder's secret) is
 * never read.
 */
public record Transcript(String scenario, byte[] events, List<Chunk> chunks) {

    /** One recv() of the recording: bytes [from, to) of {@link #events}, arrived at {@code time}. */
    public record Chunk(double time, int from, int to) {
    }

    public static Path captures() {
        return Path.of(System.getProperty("sipwarden.shared", "../shared"), "data", "asterisk-20", "captures");
    }

    public static List<String> scenarios() throws IOException {
        try (var s = Files.list(captures())) {
            return s.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("ami-") && n.endsWith(".txt"))
                    .map(n -> n.substring(4, n.length() - 4)).sorted().toList();
        }
    }

    public static Transcript load(String scenario) throws IOException {
        byte[] all = Files.readAllBytes(captures().resolve("ami-" + scenario + ".txt"));
        String text = new String(all, StandardCharsets.ISO_8859_1);
        int accepted = text.indexOf("Message: Authentication accepted\r\n\r\n");
        if (accepted < 0) {
            throw new IllegalStateException(scenario + ": no login response in the transcript");
        }
        int start = accepted + "Message: Authentication accepted\r\n\r\n".length();
        int end = text.lastIndexOf("Response: Goodbye\r\n");
        if (end < start) {
            end = all.length;
        }
        byte[] events = java.util.Arrays.copyOfRange(all, start, end);
        List<Chunk> chunks = new ArrayList<>();
        for (String line : Files.readAllLines(captures().resolve("ami-" + scenario + ".txt.timing"))) {
            String[] p = line.strip().split(" ");
            if (p.length != 3) {
                continue;
            }
            double t = Double.parseDouble(p[0]);
            int off = Integer.parseInt(p[1]);
            int len = Integer.parseInt(p[2]);
            int from = Math.max(off, start) - start;
            int to = Math.min(off + len, end) - start;
            if (to > from) {
                chunks.add(new Chunk(t, from, to));
            }
        }
        return new Transcript(scenario, events, chunks);
    }
}
