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
     * The correlation id at {@code b[from, to)} (ASCII, at most {@link #MAX_TEXT} bytes): the
     * String made for the same bytes on one of the last two lines if there is one. The NOTICE and
     * the security event of one attempt carry the same Call-ID, so the second report gets the
     * same String, whose hash the de-duplicator has already computed and whose comparison with
     * the stored key is an identity check.
     */
    String id(byte[] b, int from, int to) {
        int n = to - from;
        if (n <= 0) {
            return "";
        }
        for (int k = 0; k < ids.length; k++) {
            String s = ids[k];
            if (s != null && s.length() == n && AsciiScan.same(idBytes[k], 0, b, from, n)) {
                return s;
            }
        }
        String s = AsciiScan.text(b, from, to);
        int k = nextId;
        nextId = (k + 1) % ids.length;
        System.arraycopy(b, from, idBytes[k], 0, n);
        ids[k] = s;
        return s;
    }

    private final String[] ids = new String[2];
    private final byte[][] idBytes = new byte[2][MAX_TEXT];
    private int nextId;

    /** Hostile text kept as data: bounded, otherwise unchanged (outputs sanitize on display). */
    static String bounded(String s) {
        return s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT);
    }
}
