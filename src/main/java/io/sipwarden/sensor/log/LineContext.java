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

    /**
     * For a replay only: the last chan_pjsip NOTICE whose security report may be read as a
     * {@link Repeat}; null while there is none or repeats are off. Its Call-ID bytes and the
     * remote address it implies in a security body ({@code IPV4/UDP/host/port"}) beside it.
     */
    boolean repeats;
    io.sipwarden.event.AuthFailure lastNotice;
    final byte[] noticeCallid = new byte[MAX_TEXT];
    int noticeCallidLength;
    final byte[] noticeRemote = new byte[96];
    int noticeRemoteLength;
    /** The last {@link Repeat} read, for the replay's sink to take. */
    Repeat repeat;

    LineContext(Sensor sensor) {
        this.sensor = sensor;
    }

    EventMeta meta(Instant at, Stack stack, Source source, String correlation, String channel) {
        return new EventMeta(at, stack, source, sensor, bounded(correlation), channel);
    }

    EventMeta notice(Stack stack, Source source, String correlation) {
        return meta(time, stack, source, correlation, CHANNEL_NOTICE);
    }

    private static final byte[] IPV4_UDP = {'I', 'P', 'V', '4', '/', 'U', 'D', 'P', '/'};

    /**
     * Remembers a NOTICE for {@link Repeat}: its event, its Call-ID {@code b[callid, callidEnd)} and
     * its source {@code b[host, colon)} ':' {@code b[colon + 1, hostEnd)} as read by the dotted-quad
     * path (the one the security reader's address takes for the same text). Forgets it otherwise.
     */
    void rememberNotice(io.sipwarden.event.AuthFailure event, byte[] b, int callid, int callidEnd, int host, int colon, int hostEnd) {
        int n = callidEnd - callid;
        int r = IPV4_UDP.length + (hostEnd - host) + 1;
        if (colon < 0 || n > MAX_TEXT || r > noticeRemote.length) {
            lastNotice = null;
            return;
        }
        lastNotice = event;
        System.arraycopy(b, callid, noticeCallid, 0, n);
        noticeCallidLength = n;
        System.arraycopy(IPV4_UDP, 0, noticeRemote, 0, IPV4_UDP.length);
        int at = IPV4_UDP.length;
        System.arraycopy(b, host, noticeRemote, at, colon - host);
        at += colon - host;
        noticeRemote[at++] = '/';
        System.arraycopy(b, colon + 1, noticeRemote, at, hostEnd - colon - 1);
        at += hostEnd - colon - 1;
        noticeRemote[at++] = '"';
        noticeRemoteLength = at;
    }

    /** Hostile text kept as data: bounded, otherwise unchanged (outputs sanitize on display). */
    static String bounded(String s) {
        return s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT);
    }
}
