package io.sipwarden.sensor.log;

import io.sipwarden.event.AuthFailure;
import io.sipwarden.event.AuthFailure.Reason;
import io.sipwarden.event.RequestSeen;
import io.sipwarden.event.Source;
import io.sipwarden.event.Stack;
import io.sipwarden.event.Transport;
import java.util.List;

/** chan_sip (Asterisk ≤ 20) NOTICE/WARNING lines. */
final class ChanSipLines {
    private static final String FAILED_FOR = "' failed for '";
    private static final String EXTEN = ") to extension '";
    private static final String NOT_FOUND = "' rejected because extension not found in context '";

    private ChanSipLines() {
    }

    static LineResult parse(String m, LineContext ctx) {
        if (m.startsWith("Registration from '")) {
            return registration(m, ctx);
        }
        if (m.startsWith("Call from '")) {
            return call(m, ctx);
        }
        if (m.startsWith("Failed to authenticate device ")) {
            // The only address in it is inside the attacker's From header: never an event.
            return LineResult.Recognized.of(LinePattern.CHANSIP_FAILED_AUTH_DEVICE);
        }
        if (m.startsWith("Sending fake auth rejection for device ")) {
            return LineResult.Recognized.of(LinePattern.CHANSIP_FAKE_AUTH_REJECTION);
        }
        if (m.startsWith("Retransmission timeout reached on transmission ")) {
            return LineResult.Recognized.of(LinePattern.CHANSIP_RETRANSMISSION_TIMEOUT);
        }
        return new LineResult.Unmatched("chan_sip: unknown line");
    }

    /**
     * {@code Registration from '<To>' failed for '<addr>' - <reason>}: the To header comes first
     * and is attacker text; the reason at the end is Asterisk's, so the address is read from
     * the last {@code ' failed for '} before it.
     */
    private static LineResult registration(String m, LineContext ctx) {
        int dash = m.lastIndexOf("' - ");
        if (dash < 0 || m.indexOf('\'', dash + 4) >= 0) {
            return new LineResult.Unmatched("chan_sip registration: no reason");
        }
        int ff = m.lastIndexOf(FAILED_FOR, dash);
        if (ff < 19) {
            return new LineResult.Unmatched("chan_sip registration: no address");
        }
        Source src = AddressText.hostPort(m, ff + FAILED_FOR.length(), dash, Transport.UNKNOWN, false);
        if (src == null) {
            return new LineResult.Unmatched("chan_sip registration: bad address");
        }
        Reason reason = reason(m.substring(dash + 4).strip());
        String to = m.substring(19, ff);
        int lt = to.lastIndexOf('<');
        int gt = to.lastIndexOf('>');
        String account = lt >= 0 && gt > lt ? PjsipLines.uriUser(to, lt + 1, gt) : PjsipLines.uriUser(to, 0, to.length());
        String display = "";
        if (to.startsWith("\"") && lt > 0) {
            int close = to.lastIndexOf('"', lt);
            display = close > 0 ? to.substring(1, close) : "";
        }
        return new LineResult.Parsed(LinePattern.CHANSIP_REGISTRATION_FAILED, List.of(new AuthFailure(
                ctx.notice(Stack.CHAN_SIP, src, ""), LineContext.bounded(account), reason,
                LineContext.bounded(display))));
    }

    static Reason reason(String r) {
        return switch (r) {
            case "Wrong password" -> Reason.WRONG_PASSWORD;
            case "No matching peer found" -> Reason.UNKNOWN_ACCOUNT;
            case "Not a local domain", "Peer is not supposed to register", "Device does not match ACL",
                 "ACL error (permit/deny)" -> Reason.ACL_DENIED;
            case "Device not configured to use this transport type" -> Reason.BAD_REQUEST;
            default -> Reason.OTHER; // Username/auth name mismatch, RTP initialization failed, Unknown failure
        };
    }

    /**
     * {@code Call from '<peer>' (<ip>:<port>) to extension '<x>' rejected because extension not
     * found in context '<c>'.} For guests the peer name is the From user and the extension is
     * the request URI user: attacker text on both sides, so only a line with exactly one
     * well-formed address is accepted.
     */
    private static LineResult call(String m, LineContext ctx) {
        int rejected = m.lastIndexOf(NOT_FOUND);
        if (rejected < 0) {
            return new LineResult.Unmatched("chan_sip call: unknown line");
        }
        Source found = null;
        int count = 0;
        int extenStart = -1;
        for (int i = m.indexOf("' (", 11); i >= 0 && i < rejected; i = m.indexOf("' (", i + 1)) {
            int close = m.indexOf(EXTEN, i);
            if (close < 0 || close > rejected || close - i > 80) {
                continue;
            }
            Source s = AddressText.hostPort(m, i + 3, close, Transport.UNKNOWN, true);
            if (s != null) {
                count++;
                found = s;
                extenStart = close + EXTEN.length();
            }
        }
        if (count != 1) {
            return new LineResult.Unmatched(count == 0 ? "chan_sip call: no address" : "chan_sip call: ambiguous address");
        }
        String exten = m.substring(extenStart, Math.max(extenStart, rejected));
        return new LineResult.Parsed(LinePattern.CHANSIP_CALL_REJECTED, List.of(new RequestSeen(
                ctx.notice(Stack.CHAN_SIP, found, ""), "INVITE", LineContext.bounded(exten), "")));
    }
}
