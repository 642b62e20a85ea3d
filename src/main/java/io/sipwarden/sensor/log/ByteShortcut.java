package io.sipwarden.sensor.log;

import java.nio.charset.StandardCharsets;

/**
 * Recognises, straight from the bytes, the two commonest lines without security meaning —
 * {@code SecurityEvent="ChallengeSent"} (one per authentication attempt) and VERBOSE lines —
 * when they carry the same {@code [date]} as the line before, so they are counted without
 * decoding the line or building any object.
 *
 * <p>It answers only when the full parser would certainly give the same answer
 * ({@link LineResult.Recognized} with the same pattern, the same time): the prefix it reads is
 * plain ASCII (so byte offsets are character offsets of the decoded line) and it applies the
 * same limits as {@link LogLineParser}. Anything else — another shape, other bytes, a new
 * second, a line whose end would be trimmed — returns null and takes the full path.
 */
final class ByteShortcut {
    private static final byte[] CHALLENGE_SENT = "SecurityEvent=\"ChallengeSent\",EventTV=\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SECURITY_EVENT = "SecurityEvent=\"".getBytes(StandardCharsets.US_ASCII);

    private ByteShortcut() {
    }

    /** The pattern of a line the shortcut recognises, or null for "use the full parser". */
    static LinePattern recognize(byte[] b, int off, int len, Timestamps timestamps) {
        int end = off + len;
        if (len < 16 || b[off] != '[') {
            return null;
        }
        // [date]: the same bound as LogLineParser.bracketed, and exactly the cached text
        int close = indexOf(b, (byte) ']', off + 1, Math.min(end, off + 65));
        if (close < 0 || timestamps.cached(b, off + 1, close) == null) {
            return null;
        }
        int p = close + 1;
        while (p < end && b[p] == ' ') {
            p++;
        }
        // LEVEL[lwp]: 1..16 word characters, then a ']' at most 24 after the '['
        int levelStart = p;
        while (p < end && p - levelStart <= 16 && isWordByte(b[p])) {
            p++;
        }
        if (p >= end || b[p] != '[' || p == levelStart || p - levelStart > 16) {
            return null;
        }
        boolean verbose = isVerbose(b, levelStart, p);
        if (!verbose && !(p - levelStart == 8 && startsWith(b, levelStart, p, SECURITY))) {
            return null; // ChallengeSent comes as a SECURITY line; other levels take the full path
        }
        int rb = indexOf(b, (byte) ']', p, Math.min(end, p + 25));
        if (rb < 0) {
            return null;
        }
        p = rb + 1;
        if (p + 2 < end && b[p] == '[' && b[p + 1] == 'C' && b[p + 2] == '-') {
            int cb = indexOf(b, (byte) ']', p, Math.min(end, p + 25));
            if (cb < 0) {
                return null;
            }
            p = cb + 1;
        }
        if (p >= end || b[p] != ' ') {
            return null;
        }
        int fileEnd = -1;
        for (int i = p + 1; i + 1 < end; i++) {
            byte c = b[i];
            if (c < 0) {
                return null; // not ASCII: let the decoder and the full parser see it
            }
            if (c == ':' && b[i + 1] == ' ') {
                fileEnd = i;
                break;
            }
        }
        if (fileEnd < 0) {
            return null;
        }
        int msg = fileEnd + 2;
        if (startsWith(b, msg, end, CHALLENGE_SENT)) {
            return LinePattern.SECURITY_CHALLENGE_SENT;
        }
        byte last = b[end - 1];
        if (verbose && msg < end && !startsWith(b, msg, end, SECURITY_EVENT)
                && last != ' ' && last != '\r' && last != '\n') {
            return LinePattern.VERBOSE; // nothing trimmed: the message survives as the parser sees it
        }
        return null;
    }

    private static int indexOf(byte[] b, byte c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == c) {
                return i;
            }
            if (b[i] < 0) {
                return -1;
            }
        }
        return -1;
    }

    private static boolean isWordByte(byte c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    }

    private static boolean isVerbose(byte[] b, int from, int to) {
        int n = to - from;
        return (n == 7 && startsWith(b, from, to, VERBOSE)) || (n == 5 && startsWith(b, from, to, DEBUG))
                || (n == 4 && startsWith(b, from, to, DTMF));
    }

    private static final byte[] VERBOSE = {'V', 'E', 'R', 'B', 'O', 'S', 'E'};
    private static final byte[] DEBUG = {'D', 'E', 'B', 'U', 'G'};
    private static final byte[] SECURITY = {'S', 'E', 'C', 'U', 'R', 'I', 'T', 'Y'};
    private static final byte[] DTMF = {'D', 'T', 'M', 'F'};

    private static boolean startsWith(byte[] b, int at, int end, byte[] prefix) {
        if (end - at < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
