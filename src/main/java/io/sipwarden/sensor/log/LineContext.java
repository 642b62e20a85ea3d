package io.sipwarden.sensor.log;

import io.sipwarden.event.EventMeta;
import io.sipwarden.event.Sensor;
import io.sipwarden.event.Source;
import io.sipwarden.event.Stack;
import java.time.Instant;

/** The parts of the current line's prefix that every message parser needs. Reused per line. */
final class LineContext {
    static final String CHANNEL_SECURITY = "security-event";
    static final String CHANNEL_NOTICE = "notice";
    /** Attacker-controlled text kept in events is cut to this many characters. */
    static final int MAX_TEXT = 256;

    final Sensor sensor;
    Instant time;

    LineContext(Sensor sensor) {
        this.sensor = sensor;
    }

    EventMeta meta(Instant at, Stack stack, Source source, String correlation, String channel) {
        return new EventMeta(at, stack, source, sensor, bounded(correlation), channel);
    }

    EventMeta notice(Stack stack, Source source, String correlation) {
        return meta(time, stack, source, correlation, CHANNEL_NOTICE);
    }

    /**
     * The text at {@code b[from, to)} (ASCII, at most {@link #MAX_TEXT} bytes; longer is cut):
     * the String made for the same bytes on one of the last few lines if there is one. The
     * NOTICE and the security event of one attempt carry the same Call-ID and account, and
     * svcrack-style From headers repeat the user as the display name: the second report gets
     * the same String, which saves its copy, and the de-duplicator has already computed its
     * hash and compares it with the stored key by identity.
     */
    String text(byte[] b, int from, int to) {
        int n = Math.min(to - from, MAX_TEXT);
        if (n <= 0) {
            return "";
        }
        for (int k = 0; k < texts.length; k++) {
            String s = texts[k];
            if (s != null && s.length() == n && AsciiScan.same(textBytes[k], 0, b, from, n)) {
                return s;
            }
        }
        String s = AsciiScan.text(b, from, from + n);
        int k = nextText;
        nextText = (k + 1) & (texts.length - 1);
        System.arraycopy(b, from, textBytes[k], 0, n);
        texts[k] = s;
        return s;
    }

    private final String[] texts = new String[4];
    private final byte[][] textBytes = new byte[4][MAX_TEXT];
    private int nextText;

    /** Hostile text kept as data: bounded, otherwise unchanged (outputs sanitize on display). */
    static String bounded(String s) {
        return s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT);
    }
}
