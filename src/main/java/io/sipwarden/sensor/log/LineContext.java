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
    /** The IPv4 sources this parser met last. */
    final Inet4Memo inet4 = new Inet4Memo();
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

    /** Hostile text kept as data: bounded, otherwise unchanged (outputs sanitize on display). */
    static String bounded(String s) {
        return s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT);
    }
}
