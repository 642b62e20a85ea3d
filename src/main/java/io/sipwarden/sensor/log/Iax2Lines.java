package io.sipwarden.sensor.log;

import io.sipwarden.event.AuthFailure;
import io.sipwarden.event.AuthFailure.Reason;
import io.sipwarden.event.Source;
import io.sipwarden.event.Stack;
import io.sipwarden.event.Transport;
import java.util.List;

/** chan_iax2 lines (most only with {@code authdebug=yes}); chan_iax2 raises no security events. */
final class Iax2Lines {
    private Iax2Lines() {
    }

    static LineResult parse(String m, LineContext ctx) {
        if (m.startsWith("No registration for peer '")) {
            return fromSuffix(m, ctx, LinePattern.IAX2_NO_REGISTRATION, Reason.UNKNOWN_ACCOUNT, 26, "' (from ");
        }
        if (m.startsWith("Peer '") && m.contains("' is not dynamic (from ")) {
            return fromSuffix(m, ctx, LinePattern.IAX2_NOT_DYNAMIC, Reason.ACL_DENIED, 6, "' is not dynamic (from ");
        }
        if (m.startsWith("Host ")) {
            int sp = m.indexOf(' ', 5);
            if (sp < 0) {
                return new LineResult.Unmatched("iax2: malformed");
            }
            Source src = AddressText.hostPort(m, 5, sp, Transport.UDP, false);
            if (src == null) {
                return new LineResult.Unmatched("iax2: bad address");
            }
            String rest = m.substring(sp + 1);
            if (rest.startsWith("denied access to register peer '")) {
                return event(ctx, src, LinePattern.IAX2_DENIED_REGISTER, Reason.ACL_DENIED, quoted(rest, 32, rest.length()));
            }
            if (rest.startsWith("failed MD5 authentication for '")) {
                // The hashes in "(got != expected)" are never kept.
                int end = rest.lastIndexOf("' (");
                return event(ctx, src, LinePattern.IAX2_MD5_FAILED, Reason.WRONG_PASSWORD,
                        end > 31 ? rest.substring(31, end) : "");
            }
            if (rest.startsWith("did not provide proper plaintext password for '")) {
                return event(ctx, src, LinePattern.IAX2_PLAINTEXT_FAILED, Reason.WRONG_PASSWORD,
                        quoted(rest, 47, rest.length()));
            }
            if (rest.startsWith("failed to authenticate as ")) {
                return event(ctx, src, LinePattern.IAX2_FAILED_AUTH, Reason.WRONG_PASSWORD,
                        quoted(rest, 26, rest.length()));
            }
            return new LineResult.Unmatched("iax2: unknown Host line");
        }
        if (m.startsWith("Rejected connect attempt from ")) {
            int comma = m.indexOf(", who was trying to reach '", 30);
            if (comma < 0) {
                return new LineResult.Unmatched("iax2: unknown rejected line");
            }
            Source src = AddressText.hostPort(m, 30, comma, Transport.UDP, true);
            if (src == null) {
                return new LineResult.Unmatched("iax2: bad address");
            }
            return event(ctx, src, LinePattern.IAX2_REJECTED_CONNECT, Reason.ACL_DENIED, "");
        }
        return new LineResult.Unmatched("iax2: unknown line");
    }

    /** Lines ending in {@code (from <ip>)}: the peer name before it is attacker text. */
    private static LineResult fromSuffix(String m, LineContext ctx, LinePattern p, Reason r, int nameStart, String marker) {
        int at = m.lastIndexOf(marker);
        if (at < nameStart || !m.endsWith(")")) {
            return new LineResult.Unmatched("iax2: malformed");
        }
        Source src = AddressText.hostPort(m, at + marker.length(), m.length() - 1, Transport.UDP, false);
        if (src == null) {
            return new LineResult.Unmatched("iax2: bad address");
        }
        return event(ctx, src, p, r, m.substring(nameStart, at));
    }

    private static String quoted(String s, int from, int to) {
        String v = s.substring(Math.min(from, to), to);
        return v.endsWith("'") ? v.substring(0, v.length() - 1) : v;
    }

    private static LineResult event(LineContext ctx, Source src, LinePattern p, Reason r, String account) {
        return new LineResult.Parsed(p, List.of(new AuthFailure(ctx.notice(Stack.IAX2, src, ""),
                LineContext.bounded(account), r, "")));
    }
}
