package io.sipwarden.sensor.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** EventTV read from bytes (with the shortcut for Asterisk's ".mmm+hhmm") against the String parser. */
class EventTimesTest {
    @Test
    void asterisksFormParses() {
        byte[] b = "2026-11-21T00:00:00.004+0200".getBytes(StandardCharsets.US_ASCII);
        assertThat(EventTimes.parse(b, 0, b.length)).isEqualTo(Instant.parse("2026-11-20T22:00:00.004Z"));
        byte[] west = "2026-11-21T00:00:00.999-0530".getBytes(StandardCharsets.US_ASCII);
        assertThat(EventTimes.parse(west, 0, west.length)).isEqualTo(Instant.parse("2026-11-21T05:30:00.999Z"));
    }

    @Test
    void bytesGiveTheStringParsersAnswerOnMutatedTails() {
        Random rnd = new Random(5);
        String chars = "0123456789+-.:Z x/";
        for (int round = 0; round < 50_000; round++) {
            StringBuilder tail = new StringBuilder(".004+0000");
            int edits = rnd.nextInt(4);
            for (int k = 0; k < edits; k++) {
                int at = rnd.nextInt(tail.length());
                char c = chars.charAt(rnd.nextInt(chars.length()));
                switch (rnd.nextInt(3)) {
                    case 0 -> tail.setCharAt(at, c);
                    case 1 -> tail.insert(at, c);
                    default -> tail.deleteCharAt(at);
                }
                if (tail.isEmpty()) {
                    tail.append(c);
                }
            }
            String text = "2026-11-21T00:00:00" + tail;
            byte[] b = text.getBytes(StandardCharsets.US_ASCII);
            assertThat(EventTimes.parse(b, 0, b.length)).as(text).isEqualTo(EventTimes.parse(text, 0, text.length()));
        }
    }
}
