package io.sipwarden.sensor.log;

import io.sipwarden.event.AuthFailure;
import io.sipwarden.event.AuthFailure.Reason;
import io.sipwarden.event.RequestSeen;
import io.sipwarden.event.Source;
import io.sipwarden.event.Stack;
import io.sipwarden.event.Transport;
import java.util.List;

/**
 * chan_pjsip and pjproject lines: the distributor's "Request … failed" NOTICE (12.0+ forms),
 * registrar WARNINGs, dialplan misses, and pjproject's "Dropping … PJSIP syntax error".
 */
final class PjsipLines {
    private static final String FAILED_FOR = "' failed for '";
    private static final String CALLID = "' (callid: ";
    private static final String[] REASONS = {
        "No matching endpoint found", "Not match Endpoint ACL", "Not match Endpoint Contact ACL",
        "Failed to authenticate", "Error to authenticate"};
    private static final Reason[] REASON_KINDS = {
        Reason.UNKNOWN_ACCOUNT, Reason.ACL_DENIED, Reason.ACL_DENIED, Reason.WRONG_PASSWORD, Reason.OTHER};

    private PjsipLines() {
    }

    /** What the i-th known distributor reason means (shared with {@link DistributorBytes}). */
    static Reason reasonKind(int i) {
        return REASON_KINDS[i];
    }

    /**
     * {@code Request 'M' from '<From>' failed for '<addr>' (callid: X) - reason[ after N tries in
     * X ms]} (13.10+) and {@code Request from '<From>' failed for …} (12.0–13.9).
     *
     * <p>From and Call-ID are attacker text on both sides of the address. The From part is read
     * with pjproject's own printing grammar ({@code ["display" SP] <uri-without-spaces>}, quoted
     * display with backslash escapes), which fixes where it ends no matter what it contains; the
     * reason is anchored at the end of the line, which fixes where the Call-ID ends.
     *
     * @param b where the message starts in {@code m} (the line is not copied)
     */
    static LineResult distributor(String m, int b, LineContext ctx) {
        int fromStart;
        LinePattern pattern;
        if (m.startsWith("Request '", b)) {
            int j = m.indexOf("' from '", b + 9);
            int space = m.indexOf(' ', b + 9);
            if (j < 0 || j - b - 9 > 64 || (space >= 0 && space < j)) {
                return new LineResult.Unmatched("pjsip request: no method");
            }
            fromStart = j + 8;
            pattern = LinePattern.PJSIP_REQUEST_FAILED;
        } else if (m.startsWith("Request from '", b)) {
            fromStart = b + 14;
            pattern = LinePattern.PJSIP_REQUEST_FAILED_12;
        } else {
            return new LineResult.Unmatched("pjsip distributor: unknown line");
        }
        int end = stripTries(m, m.length());
        int reasonIndex = -1;
        int callidEnd = -1;
        for (int r = 0; r < REASONS.length; r++) {
            int at = end - REASONS[r].length();
            if (at >= 4 && m.startsWith(REASONS[r], at) && m.startsWith(") - ", at - 4)) {
                reasonIndex = r;
                callidEnd = at - 4;
                break;
            }
        }
        if (reasonIndex < 0) {
            return new LineResult.Unmatched("pjsip request: unknown reason");
        }
        // Structured read of the From as pjproject printed it.
        String display = "";
        String account = "";
        int addrStart = -1;
        int p = fromStart;
        int n = m.length();
        if (p < n && m.charAt(p) == '"') {
            int k = p + 1;
            while (k < n && m.charAt(k) != '"') {
                k += m.charAt(k) == '\\' ? 2 : 1;
            }
            if (k < n) {
                display = m.substring(p + 1, k);
                p = k + 1;
                while (p < n && m.charAt(p) == ' ') {
                    p++;
                }
            } else {
                p = -1;
            }
        } else if (p < n && m.charAt(p) != '<') {
            int lt = m.indexOf('<', p);
            if (lt > 0 && m.substring(p, lt).indexOf('"') < 0 && m.substring(p, lt).indexOf(':') < 0) {
                display = m.substring(p, lt).strip();
                p = lt;
            } else {
                p = -1;
            }
        }
        if (p >= 0 && p < n && m.charAt(p) == '<') {
            int gt = m.indexOf('>', p);
            if (gt > 0 && noSpace(m, p + 1, gt) && m.startsWith(FAILED_FOR, gt + 1)) {
                addrStart = gt + 1 + FAILED_FOR.length();
                account = uriUser(m, p + 1, gt);
            }
        }
        Source source = addrStart < 0 ? null : addressAt(m, addrStart, callidEnd);
        if (source == null) {
            // From not in pjproject's shape (truncated, other version): accept only an unambiguous line.
            display = "";
            account = "";
            int found = 0;
            for (int i = m.indexOf(FAILED_FOR, fromStart); i >= 0 && i < callidEnd; i = m.indexOf(FAILED_FOR, i + 1)) {
                Source s = addressAt(m, i + FAILED_FOR.length(), callidEnd);
                if (s != null) {
                    found++;
                    source = s;
                    addrStart = i + FAILED_FOR.length();
                }
            }
            if (found != 1) {
                return new LineResult.Unmatched(found == 0 ? "pjsip request: no address" : "pjsip request: ambiguous address");
            }
        }
        int callidStart = m.indexOf(CALLID, addrStart) + CALLID.length();
        String callid = m.substring(callidStart, Math.max(callidStart, callidEnd));
        var event = new AuthFailure(ctx.notice(Stack.PJSIP, source, callid),
                LineContext.bounded(account), REASON_KINDS[reasonIndex], LineContext.bounded(display));
        return new LineResult.Parsed(pattern, List.of(event));
    }

    /** The address at {@code from} if it is well-formed and followed by {@code ' (callid: }. */
    private static Source addressAt(String m, int from, int limit) {
        int q = m.indexOf('\'', from);
        if (q < 0 || q > limit || q - from > 70 || !m.startsWith(CALLID, q)) {
            return null;
        }
        return AddressText.hostPort(m, from, q, Transport.UNKNOWN, true);
    }

    /** Drops the {@code " after N tries in X ms"} suffix (unidentified_request_count). */
    private static int stripTries(String m, int end) {
        if (!m.startsWith(" ms", end - 3)) {
            return end;
        }
        int after = m.lastIndexOf(" after ", end);
        if (after < 0) {
            return end;
        }
        String tail = m.substring(after + 7, end - 3);
        int tries = tail.indexOf(" tries in ");
        if (tries < 0 || EventTimes.number(tail, 0, tries) < 0) {
            return end;
        }
        for (int i = tries + 10; i < tail.length(); i++) {
            char c = tail.charAt(i);
            if ((c < '0' || c > '9') && c != '.') {
                return end;
            }
        }
        return after;
    }

    private static boolean noSpace(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\t' || c == '<') {
                return false;
            }
        }
        return true;
    }

    /** The user part of a printed URI ({@code sip:user@host} → user), or "". */
    static String uriUser(String s, int from, int to) {
        int colon = s.indexOf(':', from);
        if (colon < 0 || colon >= to) {
            return "";
        }
        int at = s.indexOf('@', colon);
        if (at < 0 || at >= to) {
            return "";
        }
        int pass = s.indexOf(':', colon + 1);
        int userEnd = pass > 0 && pass < at ? pass : at;
        return s.substring(colon + 1, userEnd);
    }

    /**
     * res_pjsip_registrar.c WARNINGs: {@code Registration attempt from endpoint 'ep' (ip:port) to
     * AOR 'aor' will exceed max contacts of n} and {@code AOR 'aor' not found for endpoint 'ep'
     * (ip:port)}. Endpoint names come from configuration; the AOR comes from the To header.
     */
    static LineResult registrar(String m, LineContext ctx) {
        if (m.startsWith("Registration attempt from endpoint '")) {
            int open = m.indexOf("' (", 36);
            int close = open < 0 ? -1 : m.indexOf(") to AOR '", open);
            int will = m.lastIndexOf("' will exceed max contacts of ");
            if (open < 0 || close < 0 || will < close) {
                return new LineResult.Unmatched("pjsip registrar: malformed");
            }
            Source src = AddressText.hostPort(m, open + 3, close, Transport.UNKNOWN, true);
            if (src == null) {
                return new LineResult.Unmatched("pjsip registrar: bad address");
            }
            String aor = m.substring(close + 10, will);
            return new LineResult.Parsed(LinePattern.PJSIP_MAX_CONTACTS, List.of(new RequestSeen(
                    ctx.notice(Stack.PJSIP, src, ""), "REGISTER", LineContext.bounded(aor), "")));
        }
        if (m.startsWith("AOR '") && m.endsWith(")")) {
            int open = m.lastIndexOf(" (");
            int ep = m.lastIndexOf("' not found for endpoint '", open);
            if (open < 0 || ep < 0) {
                return new LineResult.Unmatched("pjsip registrar: malformed");
            }
            Source src = AddressText.hostPort(m, open + 2, m.length() - 1, Transport.UNKNOWN, true);
            if (src == null) {
                return new LineResult.Unmatched("pjsip registrar: bad address");
            }
            String aor = m.substring(5, ep);
            return new LineResult.Parsed(LinePattern.PJSIP_AOR_NOT_FOUND, List.of(new RequestSeen(
                    ctx.notice(Stack.PJSIP, src, ""), "REGISTER", LineContext.bounded(aor), "")));
        }
        return new LineResult.Unmatched("pjsip registrar: unknown line");
    }

    /**
     * Dialplan miss, old {@code Call from 'ep' (UDP:ip:port) to extension 'x' rejected because
     * extension not found in context 'c'.} and 16.15+ {@code chan: Call (UDP:ip:port) to …}.
     * What precedes the address is an endpoint or channel name from configuration, so the
     * first address is the true one; the extension after it is attacker text.
     */
    static LineResult session(String m, LineContext ctx) {
        String s = m.stripLeading();
        int open;
        LinePattern pattern;
        if (s.startsWith("Call from '")) {
            int q = s.indexOf("' (", 11);
            open = q < 0 ? -1 : q + 2;
            pattern = LinePattern.PJSIP_CALL_REJECTED_OLD;
        } else {
            int q = s.indexOf(": Call (");
            open = q < 0 ? -1 : q + 7;
            pattern = LinePattern.PJSIP_CALL_REJECTED;
        }
        int close = open < 0 ? -1 : s.indexOf(") to extension '", open);
        int rejected = s.lastIndexOf("' rejected because extension not found in context '");
        if (close < 0 || rejected < close) {
            return new LineResult.Unmatched("pjsip session: unknown line");
        }
        int colon = s.indexOf(':', open + 1);
        if (colon < 0 || colon > close) {
            return new LineResult.Unmatched("pjsip session: no transport");
        }
        Transport t = Transport.parse(s.substring(open + 1, colon));
        Source src = AddressText.hostPort(s, colon + 1, close, t, true);
        if (src == null) {
            return new LineResult.Unmatched("pjsip session: bad address");
        }
        String exten = s.substring(close + 16, rejected);
        return new LineResult.Parsed(pattern, List.of(new RequestSeen(
                ctx.notice(Stack.PJSIP, src, ""), "INVITE", LineContext.bounded(exten), "")));
    }

    /**
     * pjproject {@code sip_transport.c Dropping N bytes packet from UDP ip:port : PJSIP syntax
     * error …}: a malformed request from a real socket address, reported as a BAD_REQUEST failure
     * (pjproject answers nothing and Asterisk raises no security event for it).
     */
    static LineResult pjproject(String m, LineContext ctx) {
        int d = m.indexOf("Dropping ");
        int from = d < 0 ? -1 : m.indexOf(" bytes packet from ", d);
        if (from < 0 || from - d > 20) {
            return new LineResult.Unmatched("pjproject: unknown line");
        }
        int ts = from + 19;
        int sp = m.indexOf(' ', ts);
        int colon = sp < 0 ? -1 : m.indexOf(" : ", sp);
        if (sp < 0 || colon < 0 || sp - ts > 5) {
            return new LineResult.Unmatched("pjproject: malformed drop line");
        }
        Source src = AddressText.hostPort(m, sp + 1, colon, Transport.parse(m.substring(ts, sp)), true);
        if (src == null) {
            return new LineResult.Unmatched("pjproject: bad address");
        }
        return new LineResult.Parsed(LinePattern.PJPROJECT_DROPPED_PACKET, List.of(new AuthFailure(
                ctx.notice(Stack.PJSIP, src, ""), "", Reason.BAD_REQUEST, "")));
    }
}
