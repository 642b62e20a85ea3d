package io.sipwarden.sensor.log;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sipwarden.event.AuthFailure;
import io.sipwarden.event.Sensor;
import io.sipwarden.event.Source;
import io.sipwarden.event.Stack;
import io.sipwarden.event.Transport;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;

/**
 * Turns one Asterisk log line into a {@link LineResult}. Understands the default file prefix
 * ({@code [date] LEVEL[lwp][C-x] file: msg}), the {@code [plain]} and {@code [json]} formatters
 * and syslog/journald lines (with or without a syslog header), detected per line. Hand-written
 * index scanning, no regular expressions; never throws on any input.
 *
 * <p>One parser per file: it remembers the first line of an AMI login failure and caches the
 * last timestamp. Not thread-safe.
 */
public final class LogLineParser {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DISTRIBUTOR = "res_pjsip/pjsip_distributor.c";

    private final LineContext ctx;
    private final Timestamps timestamps;
    private final InstantSource clock;
    private final ManagerLines manager = new ManagerLines();
    private final ByteShortcut bytes;

    /**
     * @param sensorName the name events carry in {@link Sensor} (the file's name, e.g. "messages")
     * @param clock      "now", for yearless dates and for syslog lines without a timestamp
     */
    public LogLineParser(String sensorName, LogFormat format, InstantSource clock) {
        Objects.requireNonNull(sensorName, "sensorName");
        Objects.requireNonNull(format, "format");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ctx = new LineContext(new Sensor(Sensor.Kind.LOG, sensorName));
        this.timestamps = new Timestamps(format.dateFormat(), format.zone(), clock);
        this.bytes = new ByteShortcut(timestamps, ctx, manager);
    }

    /**
     * Lets the byte reader answer a chan_pjsip security report that repeats the NOTICE before it
     * with a {@link Repeat} (see {@link #takeRepeat}); for a replay, whose sink resolves repeats
     * with its de-duplicator. Off by default: every other caller gets events.
     */
    void readRepeats() {
        ctx.repeats = true;
    }

    /**
     * The {@link Repeat} behind a {@link #quick} answer that is {@link SecurityBytes#REPEATED},
     * else null; taking it clears it.
     */
    Repeat takeRepeat() {
        Repeat r = ctx.repeat;
        ctx.repeat = null;
        return r;
    }

    /** Time of the last line that carried one (null before the first). */
    public Instant lastTime() {
        return ctx.time;
    }

    /**
     * The result for a line given as bytes if {@link ByteShortcut} reads it without decoding
     * it (the common lines: security bodies, chan_pjsip NOTICEs, ChallengeSent, VERBOSE), else
     * null (then decode the line and call {@link #parse}). Same answer as {@link #parse}
     * whenever not null.
     */
    LineResult quick(byte[] b, int off, int len) {
        return quick(b, off, len, AsciiScan.isAscii(b, off, off + len));
    }

    /** {@link #quick(byte[], int, int)} when the caller knows whether the line is all ASCII. */
    LineResult quick(byte[] b, int off, int len, boolean ascii) {
        try {
            return bytes.parse(b, off, len, ascii);
        } catch (RuntimeException e) {
            return null; // the full parser will count it
        }
    }

    public LineResult parse(String line) {
        try {
            return parseUnchecked(line);
        } catch (RuntimeException e) {
            // A parser bug must not stop a sensor: the line is counted as unmatched.
            return new LineResult.Unmatched("parser error: " + e.getClass().getSimpleName());
        }
    }

    private LineResult parseUnchecked(String raw) {
        int end = raw.length();
        while (end > 0 && (raw.charAt(end - 1) == '\r' || raw.charAt(end - 1) == '\n' || raw.charAt(end - 1) == ' ')) {
            end--;
        }
        String line = end == raw.length() ? raw : raw.substring(0, end);
        if (line.isBlank()) {
            return LineResult.Recognized.of(LinePattern.BLANK);
        }
        char c0 = line.charAt(0);
        if (c0 == '[') {
            return bracketed(line, 0);
        }
        if (c0 == '{') {
            return json(line);
        }
        return syslog(line);
    }

    /** {@code [date] LEVEL[lwp]…} starting at {@code start}. */
    private LineResult bracketed(String line, int start) {
        int close = line.indexOf(']', start + 1);
        if (close < 0 || close - start > 64) {
            return new LineResult.Unmatched("no timestamp");
        }
        Instant t = timestamps.resolve(line, start + 1, close);
        if (t == null) {
            return new LineResult.Unmatched("timestamp does not match dateformat");
        }
        int p = close + 1;
        while (p < line.length() && line.charAt(p) == ' ') {
            p++;
        }
        return afterTime(line, p, t);
    }

    /** {@code LEVEL[lwp][C-xxxxxxxx]} then either {@code " file: msg"} or {@code ": file:line [in ]func: msg"}. */
    private LineResult afterTime(String line, int p, Instant t) {
        int n = line.length();
        int lb = line.indexOf('[', p);
        if (lb <= p || lb - p > 16) {
            return new LineResult.Unmatched("no level");
        }
        for (int i = p; i < lb; i++) {
            char c = line.charAt(i);
            if (!(c >= 'A' && c <= 'Z') && !(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9') && c != '_') {
                return new LineResult.Unmatched("no level");
            }
        }
        int levelStart = p;
        int rb = line.indexOf(']', lb);
        if (rb < 0 || rb - lb > 24) {
            return new LineResult.Unmatched("no thread id");
        }
        p = rb + 1;
        if (line.startsWith("[C-", p)) {
            int cb = line.indexOf(']', p);
            if (cb < 0 || cb - p > 24) {
                return new LineResult.Unmatched("bad call id");
            }
            p = cb + 1;
        }
        ctx.time = t;
        boolean verbose = isVerbose(line, levelStart, lb);
        if (p < n && line.charAt(p) == ' ') {
            // hot paths of the default prefix, without copying the message
            int fileEnd = line.indexOf(": ", p + 1);
            if (fileEnd > 0 && line.startsWith("SecurityEvent=\"", fileEnd + 2)) {
                return SecurityBody.parse(line, fileEnd + 2, ctx);
            }
            if (!verbose && fileEnd - p - 1 == DISTRIBUTOR.length() && line.startsWith(DISTRIBUTOR, p + 1)) {
                return PjsipLines.distributor(line, fileEnd + 2, ctx);
            }
        }
        if (p + 1 < n && line.charAt(p) == ':' && line.charAt(p + 1) == ' ') {
            // [plain] and syslog: "file:line [in ]func: msg"
            int fileEnd = line.indexOf(':', p + 2);
            if (fileEnd < 0) {
                return new LineResult.Unmatched("no file");
            }
            int sp = line.indexOf(' ', fileEnd);
            int funcEnd = sp < 0 ? -1 : line.indexOf(": ", sp);
            if (funcEnd < 0) {
                return new LineResult.Unmatched("no function");
            }
            return dispatch(verbose, line.substring(p + 2, fileEnd), line, funcEnd + 2);
        }
        if (p < n && line.charAt(p) == ' ') {
            int fileEnd = line.indexOf(": ", p + 1);
            if (fileEnd < 0) {
                // "file:" at the very end: an empty message
                return new LineResult.Unmatched("no message");
            }
            return dispatch(verbose, line.substring(p + 1, fileEnd), line, fileEnd + 2);
        }
        return new LineResult.Unmatched("unknown prefix");
    }

    /** {@code [Nov 21 19:19:53 host asterisk[123]: ]LEVEL[lwp]…} (syslog, journald). */
    private LineResult syslog(String line) {
        int lb = line.indexOf('[');
        if (lb > 0 && lb <= 16 && isUpperWord(line, 0, lb)) {
            return afterTime(line, 0, clock.instant()); // no timestamp in the line: read time
        }
        Instant t = null;
        int p;
        if (line.length() > 16 && line.charAt(15) == ' ') {
            t = timestamps.resolveSyslog(line, 0, 15);
            p = 16;
        } else {
            p = line.indexOf(' ');
            if (p > 18 && line.charAt(10) == 'T') {
                t = EventTimes.parse(line, 0, p);
            }
            p++;
        }
        if (t == null) {
            if (line.startsWith("Packet timed out after ") && line.endsWith("ms with no response")) {
                return LineResult.Recognized.of(LinePattern.CHANSIP_PACKET_TIMED_OUT);
            }
            return new LineResult.Unmatched("unknown prefix");
        }
        int host = line.indexOf(' ', p);
        int prog = host < 0 ? -1 : line.indexOf(": ", host + 1);
        if (prog < 0 || prog - host > 64) {
            return new LineResult.Unmatched("no syslog tag");
        }
        p = prog + 2;
        if (p < line.length() && line.charAt(p) == '[') {
            return bracketed(line, p); // Asterisk's own timestamp inside the syslog message
        }
        return afterTime(line, p, t);
    }

    private static boolean isUpperWord(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < 'A' || c > 'Z') {
                return false;
            }
        }
        return true;
    }

    /** The {@code [json]} formatter (16+), read with Jackson: rare and not on the hot path. */
    private LineResult json(String line) {
        JsonNode root;
        try {
            root = JSON.readTree(line);
        } catch (JacksonException e) {
            return new LineResult.Unmatched("invalid JSON");
        }
        if (root == null || !root.isObject()) {
            return new LineResult.Unmatched("invalid JSON");
        }
        String ts = root.path("timestamp").asText("");
        Instant t = timestamps.resolve(ts, 0, ts.length());
        if (t == null) {
            return new LineResult.Unmatched("timestamp does not match dateformat");
        }
        JsonNode logmsg = root.path("logmsg");
        String level = logmsg.path("level").asText("");
        String file = logmsg.path("location").path("filename").asText("");
        String msg = logmsg.path("message").asText("").strip();
        if (level.isEmpty() || file.isEmpty()) {
            return new LineResult.Unmatched("JSON without level or file");
        }
        ctx.time = t;
        return dispatch(isVerbose(level, 0, level.length()), file, msg, 0);
    }

    private static boolean isVerbose(String s, int from, int to) {
        int n = to - from;
        return (n == 7 && s.startsWith("VERBOSE", from)) || (n == 5 && s.startsWith("DEBUG", from))
                || (n == 4 && s.startsWith("DTMF", from));
    }

    /** Hands the message at {@code line[msgStart..]} to the parser for its source file. */
    private LineResult dispatch(boolean verbose, String file, String line, int msgStart) {
        if (line.startsWith("SecurityEvent=\"", msgStart)) {
            return SecurityBody.parse(line, msgStart, ctx); // hot path: no copy of the message
        }
        if (verbose) {
            return LineResult.Recognized.of(LinePattern.VERBOSE);
        }
        String msg = msgStart == 0 ? line : line.substring(msgStart);
        return switch (file) {
            case DISTRIBUTOR -> PjsipLines.distributor(msg, 0, ctx);
            case "res_pjsip_registrar.c" -> PjsipLines.registrar(msg, ctx);
            case "res_pjsip_session.c" -> PjsipLines.session(msg, ctx);
            case "pjproject" -> PjsipLines.pjproject(msg, ctx);
            case "chan_sip.c" -> ChanSipLines.parse(msg, ctx);
            case "chan_iax2.c" -> Iax2Lines.parse(msg, ctx);
            case "manager.c" -> manager.parse(msg, ctx);
            default -> file.startsWith("Ext. ") ? freepbx(msg) : new LineResult.Unmatched("no pattern for " + file);
        };
    }

    /** FreePBX dialplan {@code Log(WARNING,"Rejecting unknown SIP connection from <ip>[:port]")}. */
    private LineResult freepbx(String msg) {
        String m = msg.length() > 1 && msg.startsWith("\"") && msg.endsWith("\"") ? msg.substring(1, msg.length() - 1) : msg;
        String prefix = "Rejecting unknown SIP connection from ";
        if (!m.startsWith(prefix)) {
            return new LineResult.Unmatched("freepbx: unknown line");
        }
        Source src = AddressText.hostPort(m, prefix.length(), m.length(), Transport.UNKNOWN, false);
        if (src == null) {
            return new LineResult.Unmatched("freepbx: bad address");
        }
        // FreePBX 17 ships Asterisk 21 (no chan_sip): the anonymous call came through PJSIP.
        return new LineResult.Parsed(LinePattern.FREEPBX_REJECTING_UNKNOWN, List.of(new AuthFailure(
                ctx.notice(Stack.PJSIP, src, ""), "", AuthFailure.Reason.OTHER, "")));
    }
}
