package io.sipwarden.sensor.log;

import io.sipwarden.event.AuthFailure.Reason;
import io.sipwarden.event.Source;
import io.sipwarden.event.Transport;

/**
 * {@link ManagerLines}' AMI login-failure lines read from the bytes of an ASCII line. The two
 * lines of one failure may take different paths (the first of a new second is always decoded),
 * so the remembered first line stays in the parser's one {@link ManagerLines}, which both paths
 * feed. Answers only a well-formed line; anything else returns null and ManagerLines answers.
 */
final class ManagerBytes {
    private static final byte[] NONEXISTENT = AsciiScan.ascii("tried to authenticate with nonexistent user '");
    private static final byte[] FAILED_ACL = AsciiScan.ascii("failed to pass IP ACL as '");
    private static final byte[] FAILED_AUTH = AsciiScan.ascii("failed to authenticate as '");

    private final ManagerLines lines;

    ManagerBytes(ManagerLines lines) {
        this.lines = lines;
    }

    /** The result of the message {@code b[msg, end)} (nothing to trim at its end), or null. */
    LineResult parse(byte[] b, int msg, int end, LineContext ctx) {
        int sp = AsciiScan.indexOf(b, (byte) ' ', msg, end);
        if (sp <= msg || sp - msg > 64 || b[end - 1] != '\'') {
            return null;
        }
        int rest = sp + 1;
        LinePattern first;
        Reason reason;
        int userStart;
        if (AsciiScan.startsWith(b, rest, end, FAILED_AUTH)) {
            first = null;
            reason = null;
            userStart = rest + FAILED_AUTH.length;
        } else if (AsciiScan.startsWith(b, rest, end, NONEXISTENT)) {
            first = LinePattern.AMI_NONEXISTENT_USER;
            reason = Reason.UNKNOWN_ACCOUNT;
            userStart = rest + NONEXISTENT.length;
        } else if (AsciiScan.startsWith(b, rest, end, FAILED_ACL)) {
            first = LinePattern.AMI_FAILED_ACL;
            reason = Reason.ACL_DENIED;
            userStart = rest + FAILED_ACL.length;
        } else {
            return null;
        }
        if (userStart > end - 1) {
            return null; // the prefix's own quote is the last one: ManagerLines fails on it, and says so
        }
        Source src = AddressBytes.hostPort(b, msg, sp, Transport.TCP, false);
        if (src == null) {
            return null;
        }
        return lines.record(first, reason, AsciiScan.text(b, msg, sp), src, AsciiScan.text(b, userStart, end - 1), ctx);
    }
}
