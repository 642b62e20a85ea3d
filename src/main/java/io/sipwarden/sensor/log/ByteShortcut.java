package io.sipwarden.sensor.log;

import java.nio.charset.StandardCharsets;

/**
 * Reads the commonest lines straight from their bytes when they carry the same {@code [date]}
 * as the line before: {@code SecurityEvent="ChallengeSent"} (one per authentication attempt)
 * and VERBOSE lines are counted without decoding them or building any object; res_security_log
 * bodies and chan_pjsip's "Request … failed" NOTICE of plain-ASCII lines are parsed into their
 * events by {@link SecurityBytes} and {@link DistributorBytes} without decoding the line, and so
 * are chan_sip's, AMI's and pjproject's commonest lines ({@link ChanSipBytes}, {@link ManagerBytes},
 * {@link PjprojectBytes}).
 *
 * <p>It answers only when the full parser would certainly give the same answer (the same
 * result, the same time): the prefix it reads is plain ASCII (so byte offsets are character
 * offsets of the decoded line) and it applies the same limits as {@link LogLineParser}.
 * Anything else — another shape, other bytes, a new second, a line whose end would be trimmed,
 * a line the full parser would reject — returns null and takes the full path.
 * One per parser; not thread-safe.
 */
final class ByteShortcut {
    private static final byte[] SECURITY_EVENT = "SecurityEvent=\"".getBytes(StandardCharsets.US_ASCII);
    /** What follows {@link #SECURITY_EVENT} in a ChallengeSent line. */
    private static final byte[] CHALLENGE_SENT_REST = "ChallengeSent\",EventTV=\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DISTRIBUTOR_FILE = "res_pjsip/pjsip_distributor.c: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SECURITY_LOG = "res_security_log.c: ".getBytes(StandardCharsets.US_ASCII);

    private final Timestamps timestamps;
    private final LineContext ctx;
    private final SecurityBytes security;
    private final ManagerBytes manager;

    /** @param manager the parser's AMI state, shared with the full path */
    ByteShortcut(Timestamps timestamps, LineContext ctx, ManagerLines manager) {
        this.timestamps = timestamps;
        this.ctx = ctx;
        this.security = new SecurityBytes(ctx);
        this.manager = new ManagerBytes(manager);
    }

    /**
     * The result of a line the shortcut reads, or null for "use the full parser". Sets the
     * context's time when it answers. {@code ascii}: whether every byte of the line is below 0x80.
     */
    LineResult parse(byte[] b, int off, int len, boolean ascii) {
        int end = off + len;
        if (len == 0) {
            return LineResult.Recognized.of(LinePattern.BLANK); // as the full parser: no time, nothing else
        }
        if (len < 16 || b[off] != '[') {
            return null;
        }
        // [date]: the same bound as LogLineParser.bracketed, and exactly the cached text
        int close = timestamps.cachedEnd(b, off + 1, end);
        if (close < 0) {
            return null;
        }
        int p = close + 1;
        while (p < end && b[p] == ' ') {
            p++;
        }
        // LEVEL[lwp]: 1..16 word characters, then a ']' at most 24 after the '['
        int levelStart = p;
        boolean verbose = false;
        int level = p + 8 < end ? knownLevel(AsciiScan.word(b, p), b[p + 8]) : 0;
        if (level > 0) {
            verbose = b[p] == 'V';
            p += level;
        } else {
            while (p < end && p - levelStart <= 16 && isWordByte(b[p])) {
                p++;
            }
            if (p >= end || b[p] != '[' || p == levelStart || p - levelStart > 16) {
                return null;
            }
            verbose = isVerbose(b, levelStart, p);
        }
        // an ASCII line needs no check for high bytes: its ']' is found a word at a time
        int lwpEnd = Math.min(end, p + 25);
        int rb = ascii ? AsciiScan.indexOf(b, (byte) ']', p, lwpEnd) : indexOf(b, (byte) ']', p, lwpEnd);
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
        boolean distributor = false;
        if (startsWith(b, p + 1, end, SECURITY_LOG)) {
            fileEnd = p + SECURITY_LOG.length - 1; // the commonest files: no scan for ": "
        } else if (startsWith(b, p + 1, end, DISTRIBUTOR_FILE)) {
            fileEnd = p + DISTRIBUTOR_FILE.length - 1;
            distributor = true; // the scan below could not have found this file: its ": " would be here
        }
        for (int i = p + 1; fileEnd < 0 && i + 1 < end; i++) {
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
        boolean securityEvent = startsWith(b, msg, end, SECURITY_EVENT);
        if (securityEvent && startsWith(b, msg + SECURITY_EVENT.length, end, CHALLENGE_SENT_REST)) {
            ctx.time = timestamps.last(); // the shortcut only answers for the cached date
            return LineResult.Recognized.of(LinePattern.SECURITY_CHALLENGE_SENT);
        }
        byte last = b[end - 1];
        if (last == ' ' || last == '\r' || last == '\n') {
            return null; // the full parser trims the line first
        }
        // From here on the full parser would also have taken the line's time: set it for both.
        ctx.time = timestamps.last();
        LineResult r = null;
        if (securityEvent) {
            if (ascii) {
                r = security.parse(b, msg, end);
            }
        } else if (verbose) {
            r = LineResult.Recognized.of(LinePattern.VERBOSE); // the message survives as the parser sees it
        } else if (ascii && distributor) {
            r = DistributorBytes.parse(b, off, msg, end, ctx);
        } else if (ascii && isFile(b, p + 1, fileEnd, CHAN_SIP)) {
            r = ChanSipBytes.parse(b, msg, end, ctx);
        } else if (ascii && isFile(b, p + 1, fileEnd, MANAGER)) {
            r = manager.parse(b, msg, end, ctx);
        } else if (ascii && isFile(b, p + 1, fileEnd, PJPROJECT)) {
            r = PjprojectBytes.parse(b, msg, end, ctx);
        }
        return r;
    }

    private static final long SECURITY = word("SECURITY");
    private static final long NOTICE = word("NOTICE[\0");
    private static final long VERBOSE_WORD = word("VERBOSE[");
    private static final long WARNING = word("WARNING[");
    private static final long SEVEN = 0x00FF_FFFF_FFFF_FFFFL;

    private static long word(String s) {
        byte[] w = java.util.Arrays.copyOf(s.getBytes(StandardCharsets.US_ASCII), 8);
        return AsciiScan.word(w, 0);
    }

    /**
     * The length of the level word at the start of {@code w} (its first eight bytes) when it
     * is one of the four that fill these logs and a '[' follows (the ninth byte is {@code ninth}),
     * else 0: the generic scan decides. Those are exactly the lines the scan would accept with
     * the same level, without a loop whose length changes from line to line.
     */
    private static int knownLevel(long w, byte ninth) {
        if (w == SECURITY) {
            return ninth == '[' ? 8 : 0;
        }
        if ((w & SEVEN) == NOTICE) {
            return 6;
        }
        if (w == VERBOSE_WORD) {
            return 7;
        }
        return w == WARNING ? 7 : 0;
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
    private static final byte[] DTMF = {'D', 'T', 'M', 'F'};

    private static final byte[] CHAN_SIP = AsciiScan.ascii("chan_sip.c");
    private static final byte[] MANAGER = AsciiScan.ascii("manager.c");
    private static final byte[] PJPROJECT = AsciiScan.ascii("pjproject");

    /** Whether the file name {@code b[from, to)} is exactly {@code name}. */
    private static boolean isFile(byte[] b, int from, int to, byte[] name) {
        return to - from == name.length && AsciiScan.startsWith(b, from, to, name);
    }

    private static boolean startsWith(byte[] b, int at, int end, byte[] prefix) {
        return AsciiScan.startsWith(b, at, end, prefix);
    }
}
