package io.sipwarden.sensor.log;

import io.sipwarden.event.AuthFailure;
import io.sipwarden.event.Source;
import io.sipwarden.event.Stack;
import io.sipwarden.event.Transport;
import java.util.List;

/**
 * {@link PjsipLines#distributor}'s "Request … failed" NOTICE read from the bytes of an ASCII
 * line, for the replay and follow hot path. It answers only when the From is in pjproject's
 * printed shape and the address after it is well-formed — the same rules and the same event as
 * PjsipLines; every other line (unknown reason, the ambiguous-From fallback, malformed) returns
 * null and is decoded and handed to PjsipLines, which gives its answer.
 */
final class DistributorBytes {
    private static final byte[] REQUEST = AsciiScan.ascii("Request '");
    private static final byte[] REQUEST_12 = AsciiScan.ascii("Request from '");
    private static final byte[] FROM = AsciiScan.ascii("' from '");
    private static final byte[] FAILED_FOR = AsciiScan.ascii("' failed for '");
    private static final byte[] CALLID = AsciiScan.ascii("' (callid: ");
    private static final byte[] DASH = AsciiScan.ascii(") - ");
    private static final byte[] MS = AsciiScan.ascii(" ms");
    private static final byte[] AFTER = AsciiScan.ascii(" after ");
    private static final byte[] TRIES_IN = AsciiScan.ascii(" tries in ");
    private static final byte[][] REASONS = {
        AsciiScan.ascii("No matching endpoint found"), AsciiScan.ascii("Not match Endpoint ACL"),
        AsciiScan.ascii("Not match Endpoint Contact ACL"), AsciiScan.ascii("Failed to authenticate"),
        AsciiScan.ascii("Error to authenticate")};

    /** The last eight bytes of each reason (all are longer): one compare rules most of them out. */
    private static final long[] REASON_TAILS = java.util.Arrays.stream(REASONS)
            .mapToLong(r -> AsciiScan.word(r, r.length - 8)).toArray();

    private DistributorBytes() {
    }

    /**
     * The event of the message at {@code b} in the ASCII line {@code m[lineStart, n)} (nothing to
     * trim at its end), or null for "let PjsipLines answer".
     */
    static LineResult parse(byte[] m, int lineStart, int b, int n, LineContext ctx) {
        int fromStart;
        LinePattern pattern;
        if (AsciiScan.startsWith(m, b, n, REQUEST)) {
            int j = AsciiScan.indexOf(m, FROM, b + 9, n);
            int space = AsciiScan.indexOf(m, (byte) ' ', b + 9, n);
            if (j < 0 || j - b - 9 > 64 || (space >= 0 && space < j)) {
                return null;
            }
            fromStart = j + 8;
            pattern = LinePattern.PJSIP_REQUEST_FAILED;
        } else if (AsciiScan.startsWith(m, b, n, REQUEST_12)) {
            fromStart = b + 14;
            pattern = LinePattern.PJSIP_REQUEST_FAILED_12;
        } else {
            return null;
        }
        int end = stripTries(m, lineStart, n);
        if (end < 0) {
            return null;
        }
        int reasonIndex = -1;
        int callidEnd = -1;
        long tail = end - 8 >= lineStart ? AsciiScan.word(m, end - 8) : 0;
        for (int r = 0; r < REASONS.length; r++) {
            int at = end - REASONS[r].length;
            if (tail == REASON_TAILS[r] && at - 4 >= lineStart && AsciiScan.startsWith(m, at, n, REASONS[r])
                    && AsciiScan.startsWith(m, at - 4, n, DASH)) {
                reasonIndex = r;
                callidEnd = at - 4;
                break;
            }
        }
        if (reasonIndex < 0) {
            return null;
        }
        // Structured read of the From as pjproject printed it (see PjsipLines.distributor).
        int displayStart = 0;
        int displayEnd = 0;
        boolean stripDisplay = false;
        int p = fromStart;
        if (p < n && m[p] == '"') {
            int k = p + 1;
            while (k < n && m[k] != '"') {
                k += m[k] == '\\' ? 2 : 1;
            }
            if (k >= n) {
                return null;
            }
            displayStart = p + 1;
            displayEnd = k;
            p = k + 1;
            while (p < n && m[p] == ' ') {
                p++;
            }
        } else if (p < n && m[p] != '<') {
            int lt = AsciiScan.indexOf(m, (byte) '<', p, n);
            if (lt < 0 || AsciiScan.indexOf(m, (byte) '"', p, lt) >= 0 || AsciiScan.indexOf(m, (byte) ':', p, lt) >= 0) {
                return null;
            }
            displayStart = p;
            displayEnd = lt;
            stripDisplay = true;
            p = lt;
        }
        if (p >= n || m[p] != '<') {
            return null;
        }
        // The '>' with no blank or '<' before it (noSpace), then the URI's user part (uriUser:
        // the first ':', the first '@' after it, a ':' between them ends the user).
        int gt = uriEnd(m, p + 1, n);
        int colon = gt < 0 ? -1 : AsciiScan.indexOf(m, (byte) ':', p + 1, gt);
        int at = colon < 0 ? -1 : AsciiScan.indexOf(m, (byte) '@', colon, gt);
        int pass = at < 0 ? -1 : AsciiScan.indexOf(m, (byte) ':', colon + 1, at);
        if (gt < 0 || !AsciiScan.startsWith(m, gt + 1, n, FAILED_FOR)) {
            return null;
        }
        int addrStart = gt + 1 + FAILED_FOR.length;
        // addressAt: the address must be followed by "' (callid: "
        int q = AsciiScan.indexOf(m, (byte) '\'', addrStart, n);
        if (q < 0 || q > callidEnd || q - addrStart > 70 || !AsciiScan.startsWith(m, q, n, CALLID)) {
            return null;
        }
        Source source = AddressBytes.hostPort(m, addrStart, q, Transport.UNKNOWN, true, ctx.inet4);
        if (source == null) {
            return null;
        }
        int callidStart = q + CALLID.length;
        String callid = AsciiScan.text(m, callidStart, Math.min(callidEnd, callidStart + LineContext.MAX_TEXT));
        String display = AsciiScan.text(m, displayStart, displayEnd);
        if (stripDisplay) {
            display = display.strip();
        }
        var event = new AuthFailure(ctx.notice(Stack.PJSIP, source, callid),
                user(m, colon, at, pass), PjsipLines.reasonKind(reasonIndex), LineContext.bounded(display));
        if (ctx.repeats) {
            ctx.rememberNotice(event, m, callidStart, callidEnd, addrStart, ctx.inet4.colon, q);
        }
        return new LineResult.Parsed(pattern, List.of(event));
    }

    /**
     * PjsipLines.stripTries: where the line ends without {@code " after N tries in X ms"};
     * -1 where PjsipLines would fail on the line (a parser error, so it must answer itself).
     */
    private static int stripTries(byte[] m, int lineStart, int end) {
        if (!AsciiScan.startsWith(m, end - 3, end, MS) || end - 3 < lineStart) {
            return end;
        }
        int after = -1;
        for (int i = end - AFTER.length; i >= lineStart; i--) {
            if (AsciiScan.startsWith(m, i, end, AFTER)) {
                after = i;
                break;
            }
        }
        if (after < 0) {
            return end;
        }
        int tailStart = after + 7;
        int tailEnd = end - 3;
        if (tailStart > tailEnd) {
            return -1;
        }
        int tries = AsciiScan.indexOf(m, TRIES_IN, tailStart, tailEnd);
        if (tries < 0 || AsciiScan.number(m, tailStart, tries) < 0) {
            return end;
        }
        for (int i = tries + 10; i < tailEnd; i++) {
            byte c = m[i];
            if ((c < '0' || c > '9') && c != '.') {
                return end;
            }
        }
        return after;
    }

    private static final long GTS = 0x3E3E_3E3E_3E3E_3E3EL;
    private static final long BLANKS = 0x2020_2020_2020_2020L;
    private static final long TABS = 0x0909_0909_0909_0909L;
    private static final long LTS = 0x3C3C_3C3C_3C3C_3C3CL;

    /**
     * The first '>' in {@code m[from, to)} if no ' ', '\t' or '<' comes before it, else -1;
     * eight bytes at a time. Each mask's lowest flag is exact (the zero-byte test can only flag
     * falsely above a true match), so comparing the lowest flags decides which comes first.
     */
    private static int uriEnd(byte[] m, int from, int to) {
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long w = AsciiScan.word(m, i);
            long gt = AsciiScan.zeroBytes(w ^ GTS);
            long bad = AsciiScan.zeroBytes(w ^ BLANKS) | AsciiScan.zeroBytes(w ^ TABS) | AsciiScan.zeroBytes(w ^ LTS);
            if ((gt | bad) != 0) {
                int g = Long.numberOfTrailingZeros(gt); // 64 when there is none in this word
                return Long.numberOfTrailingZeros(bad) < g ? -1 : i + (g >>> 3);
            }
        }
        for (; i < to; i++) {
            byte c = m[i];
            if (c == '>') {
                return i;
            }
            if (c == ' ' || c == '\t' || c == '<') {
                return -1;
            }
        }
        return -1;
    }

    /** PjsipLines.uriUser from the positions found above, bounded as the event keeps it. */
    private static String user(byte[] m, int colon, int at, int pass) {
        if (colon < 0 || at < 0) {
            return "";
        }
        int userEnd = pass > 0 ? pass : at;
        return AsciiScan.text(m, colon + 1, Math.min(userEnd, colon + 1 + LineContext.MAX_TEXT));
    }

    /** PjsipLines.uriUser over {@code m[from, to)}, bounded as the event keeps it (ChanSipBytes). */
    static String uriUser(byte[] m, int from, int to) {
        int colon = AsciiScan.indexOf(m, (byte) ':', from, to);
        if (colon < 0) {
            return "";
        }
        int at = AsciiScan.indexOf(m, (byte) '@', colon, to);
        if (at < 0) {
            return "";
        }
        return user(m, colon, at, AsciiScan.indexOf(m, (byte) ':', colon + 1, at));
    }
}
