package io.sipwarden.sensor.log;

import io.sipwarden.event.AuthFailure;
import io.sipwarden.event.AuthFailure.Reason;
import io.sipwarden.event.Source;
import io.sipwarden.event.Stack;
import io.sipwarden.event.Transport;
import java.util.List;

/**
 * manager.c (AMI) login failures. One bad login writes two lines — "tried to authenticate with
 * nonexistent user" or "failed to pass IP ACL", then "failed to authenticate as" — and only the
 * second becomes an event; the first is remembered to give it the right reason.
 */
final class ManagerLines {
    private String pendingAddress = "";
    private String pendingUser = "";
    private Reason pendingReason = Reason.WRONG_PASSWORD;

    LineResult parse(String m, LineContext ctx) {
        int sp = m.indexOf(' ');
        if (sp <= 0 || sp > 64) {
            return new LineResult.Unmatched("manager: unknown line");
        }
        String rest = m.substring(sp + 1);
        LinePattern first;
        Reason reason;
        String prefix;
        if (rest.startsWith("tried to authenticate with nonexistent user '")) {
            first = LinePattern.AMI_NONEXISTENT_USER;
            reason = Reason.UNKNOWN_ACCOUNT;
            prefix = "tried to authenticate with nonexistent user '";
        } else if (rest.startsWith("failed to pass IP ACL as '")) {
            first = LinePattern.AMI_FAILED_ACL;
            reason = Reason.ACL_DENIED;
            prefix = "failed to pass IP ACL as '";
        } else if (rest.startsWith("failed to authenticate as '")) {
            first = null;
            reason = null;
            prefix = "failed to authenticate as '";
        } else {
            return new LineResult.Unmatched("manager: unknown line");
        }
        Source src = AddressText.hostPort(m, 0, sp, Transport.TCP, false);
        if (src == null || !rest.endsWith("'")) {
            return new LineResult.Unmatched("manager: bad address");
        }
        return record(first, reason, m.substring(0, sp), src, rest.substring(prefix.length(), rest.length() - 1), ctx);
    }

    /**
     * One well-formed line, whichever path read it ({@link ManagerBytes} too, so both share the
     * remembered first line): {@code first} and {@code reason} null for "failed to authenticate as".
     */
    LineResult record(LinePattern first, Reason reason, String address, Source src, String user, LineContext ctx) {
        if (first != null) {
            pendingAddress = address;
            pendingUser = user;
            pendingReason = reason;
            return LineResult.Recognized.of(first);
        }
        Reason r = Reason.WRONG_PASSWORD;
        if (pendingAddress.equals(address) && pendingUser.equals(user)) {
            r = pendingReason;
        }
        pendingAddress = "";
        pendingUser = "";
        return new LineResult.Parsed(LinePattern.AMI_FAILED_AUTH, List.of(new AuthFailure(
                ctx.notice(Stack.MANAGER, src, ""), LineContext.bounded(user), r, "")));
    }
}
