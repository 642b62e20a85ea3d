package io.sipwarden.sensor.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Timestamps#cachedEnd} (words for dates of 8 to 16 bytes, a byte compare otherwise)
 * answers exactly as "the line starts with the cached text and a ']'", for date formats of
 * every length class and for lines that differ from the cached text anywhere.
 */
class TimestampsTest {
    private static final InstantSource CLOCK = InstantSource.fixed(Instant.parse("2026-11-22T00:00:00Z"));

    @Test
    void cachedEndIsExactlyTheCachedTextFollowedByABracket() {
        Random random = new Random(11);
        String[][] formats = {
            {"%b %e %T", "Nov 21 19:19:53"},              // the default, 15 bytes: two words
            {"%F %T", "2026-11-21 19:19:53"},             // 19 bytes: the general compare
            {"%F %T.%3q", "2026-11-21 19:19:53.004"},     // 23 bytes
            {"%b %e %T", "Nov  1 09:00:00"},              // a padded day
        };
        for (String[] f : formats) {
            Timestamps t = new Timestamps(LogDateFormat.compile(f[0]), ZoneOffset.UTC, CLOCK);
            assertThat(t.resolve(f[1], 0, f[1].length())).as(f[0]).isNotNull();
            byte[] text = f[1].getBytes(StandardCharsets.US_ASCII);
            for (int round = 0; round < 2_000; round++) {
                byte[] line = ("[" + f[1] + "] NOTICE[1] chan_sip.c: x").getBytes(StandardCharsets.US_ASCII);
                int mutations = random.nextInt(3); // 0: the same date; else bytes changed anywhere near it
                for (int m = 0; m < mutations; m++) {
                    line[random.nextInt(Math.min(line.length, text.length + 3))] = (byte) (' ' + random.nextInt(95));
                }
                int end = 1 + random.nextInt(line.length); // also lines cut short
                int expected = end > text.length + 1 && line[text.length + 1] == ']'
                        && java.util.Arrays.equals(line, 1, text.length + 1, text, 0, text.length) ? text.length + 1 : -1;
                assertThat(t.cachedEnd(line, 1, end)).as("%s: %s", f[0], new String(line, StandardCharsets.US_ASCII))
                        .isEqualTo(expected);
            }
        }
    }

    @Test
    void aDateTextWithABracketNeverTakesTheShortcut() {
        Timestamps t = new Timestamps(LogDateFormat.compile("%b]%e %T"), ZoneOffset.UTC, CLOCK);
        String date = "Nov]21 19:19:53";
        assertThat(t.resolve(date, 0, date.length())).isNotNull();
        byte[] line = ("[" + date + "] x").getBytes(StandardCharsets.US_ASCII);
        assertThat(t.cachedEnd(line, 1, line.length)).isEqualTo(-1);
    }
}
