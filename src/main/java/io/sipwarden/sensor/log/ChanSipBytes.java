package io.sipwarden.sensor.log;

import io.sipwarden.event.AuthFailure;
import io.sipwarden.event.AuthFailure.Reason;
import io.sipwarden.event.Source;
import io.sipwarden.event.Stack;
import io.sipwarden.event.Transport;
import java.util.List;

/**
 * {@link ChanSipLines}' commonest lines read from the bytes of an ASCII line: the
 * "Registration from '…' failed for 'ip:port' - reason" NOTICE (the same searches from the end
 * as ChanSipLines, the address only from the last {@code ' failed for '} before Asterisk's
 * reason) and the lines recognized by their start alone. The guest "Call from" NOTICE and
 * anything malformed return null and ChanSipLines answers.
 */
final class ChanSipBytes {
    private static final byte[] REGISTRATION = AsciiScan.ascii("Registration from '");
    private static final byte[] FAILED_FOR = AsciiScan.ascii("' failed for '");
    private static final byte[] DASH = AsciiScan.ascii("' - ");
    private static final byte[] FAILED_AUTH_DEVICE = AsciiScan.ascii("Failed to authenticate device ");
    private static final byte[] FAKE_AUTH = AsciiScan.ascii("Sending fake auth rejection for device ");
    private static final byte[] RETRANSMISSION = AsciiScan.ascii("Retransmission timeout reached on transmission ");
    private static final byte[] WRONG_PASSWORD = AsciiScan.ascii("Wrong password");
    private static final byte[] NO_PEER = AsciiScan.ascii("No matching peer found");

    private ChanSipBytes() {
    }

    /** The result of the message {@code b[msg, end)} (nothing to trim at its end), or null. */
    static LineResult parse(byte[] b, int msg, int end, LineContext ctx) {
        if (AsciiScan.startsWith(b, msg, end, REGISTRATION)) {
            return registration(b, msg, end, ctx);
        }
        if (AsciiScan.startsWith(b, msg, end, FAILED_AUTH_DEVICE)) {
            return LineResult.Recognized.of(LinePattern.CHANSIP_FAILED_AUTH_DEVICE);
        }
        if (AsciiScan.startsWith(b, msg, end, FAKE_AUTH)) {
            return LineResult.Recognized.of(LinePattern.CHANSIP_FAKE_AUTH_REJECTION);
        }
        if (AsciiScan.startsWith(b, msg, end, RETRANSMISSION)) {
            return LineResult.Recognized.of(LinePattern.CHANSIP_RETRANSMISSION_TIMEOUT);
        }
        return null;
    }

    /** ChanSipLines.registration: the To header (attacker text) first, Asterisk's reason last. */
    private static LineResult registration(byte[] b, int msg, int end, LineContext ctx) {
        int dash = lastIndexOf(b, DASH, msg, end, end);
        if (dash < 0 || AsciiScan.indexOf(b, (byte) '\'', dash + DASH.length, end) >= 0) {
            return null;
        }
        int ff = lastIndexOf(b, FAILED_FOR, msg, dash, end);
        int toStart = msg + REGISTRATION.length;
        if (ff < toStart) {
            return null;
        }
        Source src = AddressBytes.hostPort(b, ff + FAILED_FOR.length, dash, Transport.UNKNOWN, false);
        if (src == null) {
            return null;
        }
        Reason reason = reason(b, dash + DASH.length, end);
        if (reason == null) {
            return null;
        }
        int lt = AsciiScan.lastIndexOf(b, (byte) '<', toStart, ff);
        int gt = AsciiScan.lastIndexOf(b, (byte) '>', toStart, ff);
        // ChanSipLines bounds the account after taking it: for ASCII the same as bounding first
        String account = lt >= 0 && gt > lt
                ? DistributorBytes.uriUser(b, lt + 1, gt) : DistributorBytes.uriUser(b, toStart, ff);
        String display = "";
        if (ff > toStart && b[toStart] == '"' && lt > toStart) {
            int close = AsciiScan.lastIndexOf(b, (byte) '"', toStart, lt + 1);
            display = close > toStart ? AsciiScan.text(b, toStart + 1, close) : "";
        }
        return new LineResult.Parsed(LinePattern.CHANSIP_REGISTRATION_FAILED, List.of(new AuthFailure(
                ctx.notice(Stack.CHAN_SIP, src, ""), LineContext.bounded(account), reason,
                LineContext.bounded(display))));
    }

    /**
     * ChanSipLines.reason of the text {@code b[from, to)}, or null where ChanSipLines would strip
     * whitespace off it first (rare: then it answers itself).
     */
    private static Reason reason(byte[] b, int from, int to) {
        if (from >= to || b[from] <= ' ' || b[to - 1] <= ' ') { // all ASCII whitespace is <= ' '
            return null;
        }
        if (to - from == WRONG_PASSWORD.length && AsciiScan.startsWith(b, from, to, WRONG_PASSWORD)) {
            return Reason.WRONG_PASSWORD;
        }
        if (to - from == NO_PEER.length && AsciiScan.startsWith(b, from, to, NO_PEER)) {
            return Reason.UNKNOWN_ACCOUNT;
        }
        return ChanSipLines.reason(AsciiScan.text(b, from, to));
    }

    /**
     * Start of the last occurrence of {@code p} that starts at or before {@code at} and ends by
     * {@code limit} ({@code String.lastIndexOf(p, at)} within the message starting at
     * {@code from}), or -1.
     */
    private static int lastIndexOf(byte[] b, byte[] p, int from, int at, int limit) {
        for (int i = Math.min(at, limit - p.length); i >= from; i--) {
            if (b[i] == p[0] && AsciiScan.startsWith(b, i, limit, p)) {
                return i;
            }
        }
        return -1;
    }
}
