package io.sipwarden.sensor.log;

import io.sipwarden.event.AuthFailure;
import io.sipwarden.event.AuthFailure.Reason;
import io.sipwarden.event.AuthSuccess;
import io.sipwarden.event.SecurityEvent;
import io.sipwarden.event.Source;
import io.sipwarden.event.Stack;
import java.time.Instant;
import java.util.List;

/**
 * Parses a res_security_log body: {@code SecurityEvent="X",EventTV="…",Severity="…",
 * Service="…",EventVersion="…",AccountID="…",SessionID="…",LocalAddress="…",RemoteAddress="…",…}.
 *
 * <p>Values are not escaped. AccountID and SessionID (the SIP Call-ID for PJSIP) are attacker
 * text, and so are some fields after RemoteAddress (PJSIP Challenge/Response, chan_sip
 * ReceivedChallenge/ReceivedHash, AMI Response/RequestType/RequestParams). The true address is
 * found as a well-formed {@code ",LocalAddress="…",RemoteAddress="…"} pair that ends a field,
 * chosen as follows (see docs/log-sensor.md for the argument):
 * <ul>
 * <li>PJSIP and SIP: the last pair. Their trailing hostile values cannot contain the pair:
 *     pjproject keeps quoted digest parameters with every inner quote backslash-escaped (so no
 *     {@code ="}), chan_sip cuts quoted values at {@code "} and unquoted ones at {@code ,}.</li>
 * <li>AMI events whose trailing fields are client text (ChallengeResponseFailed,
 *     RequestNotAllowed, RequestBadFormat, AuthMethodNotAllowed): the first pair, because before
 *     a successful login their AccountID is empty or a configured user and SessionID is a
 *     pointer. Other AMI events: the last pair.</li>
 * </ul>
 * Digest responses, expected responses and hashes are never extracted.
 */
final class SecurityBody {
    private static final String LOCAL = "\",LocalAddress=\"";
    private static final String REMOTE = "\",RemoteAddress=\"";
    private static final String SESSION = "\",SessionID=\"";

    private SecurityBody() {
    }

    /** The security event names of reference §2 and what each means for us. */
    enum Kind {
        FailedACL(LinePattern.SECURITY_FAILED_ACL, Reason.ACL_DENIED, false),
        InvalidAccountID(LinePattern.SECURITY_INVALID_ACCOUNT_ID, Reason.UNKNOWN_ACCOUNT, false),
        SessionLimit(LinePattern.SECURITY_SESSION_LIMIT, Reason.OTHER, false),
        MemoryLimit(LinePattern.SECURITY_MEMORY_LIMIT, Reason.OTHER, false),
        LoadAverageLimit(LinePattern.SECURITY_LOAD_AVERAGE_LIMIT, Reason.OTHER, false),
        RequestNotSupported(LinePattern.SECURITY_REQUEST_NOT_SUPPORTED, Reason.BAD_REQUEST, true),
        RequestNotAllowed(LinePattern.SECURITY_REQUEST_NOT_ALLOWED, Reason.BAD_REQUEST, true),
        AuthMethodNotAllowed(LinePattern.SECURITY_AUTH_METHOD_NOT_ALLOWED, Reason.BAD_REQUEST, true),
        RequestBadFormat(LinePattern.SECURITY_REQUEST_BAD_FORMAT, Reason.BAD_REQUEST, true),
        SuccessfulAuth(LinePattern.SECURITY_SUCCESSFUL_AUTH, null, false),
        UnexpectedAddress(LinePattern.SECURITY_UNEXPECTED_ADDRESS, Reason.ACL_DENIED, false),
        ChallengeResponseFailed(LinePattern.SECURITY_CHALLENGE_RESPONSE_FAILED, Reason.WRONG_PASSWORD, true),
        InvalidPassword(LinePattern.SECURITY_INVALID_PASSWORD, Reason.WRONG_PASSWORD, true),
        ChallengeSent(LinePattern.SECURITY_CHALLENGE_SENT, null, false),
        InvalidTransport(LinePattern.SECURITY_INVALID_TRANSPORT, Reason.BAD_REQUEST, true);

        final LinePattern pattern;
        final Reason reason;
        /** Whether fields after RemoteAddress may carry client-chosen text. */
        final boolean hostileTail;

        Kind(LinePattern pattern, Reason reason, boolean hostileTail) {
            this.pattern = pattern;
            this.reason = reason;
            this.hostileTail = hostileTail;
        }

        private static final Kind[] ALL = values();

        static Kind of(String s, int from, int to) {
            for (Kind k : ALL) {
                String n = k.name();
                if (n.length() == to - from && s.startsWith(n, from)) {
                    return k;
                }
            }
            return null;
        }
    }

    /** {@code start} is the index of {@code SecurityEvent="} in {@code s}. */
    static LineResult parse(String s, int start, LineContext ctx) {
        int i = start + "SecurityEvent=\"".length();
        int q = s.indexOf('"', i);
        if (q < 0) {
            return new LineResult.Unmatched("security event: unterminated name");
        }
        Kind kind = Kind.of(s, i, q);
        if (kind == null) {
            return new LineResult.Unmatched("security event: unknown name");
        }
        if (kind == Kind.ChallengeSent && s.startsWith("\",EventTV=\"", q)) {
            return LineResult.Recognized.of(kind.pattern); // a challenge is not a failure
        }
        // The fields up to AccountID are written by Asterisk alone: read them in order.
        int[] span = new int[2];
        if ((i = field(s, q, "\",EventTV=\"", span)) < 0) {
            return new LineResult.Unmatched("security event: no EventTV");
        }
        Instant time = EventTimes.parse(s, span[0], span[1]);
        if ((i = field(s, i, "\",Severity=\"", span)) < 0
                || (i = field(s, i, "\",Service=\"", span)) < 0) {
            return new LineResult.Unmatched("security event: no Service");
        }
        Stack stack = stack(s, span[0], span[1]);
        if (stack == null) {
            return new LineResult.Unmatched("security event: unknown Service");
        }
        if ((i = field(s, i, "\",EventVersion=\"", span)) < 0 || !s.startsWith("\",AccountID=\"", i)) {
            return new LineResult.Unmatched("security event: fixed fields out of order");
        }
        int accountStart = i + "\",AccountID=\"".length();
        boolean first = stack == Stack.MANAGER && kind.hostileTail;
        int[] pair = new int[2];
        Source source = pickAddressPair(s, accountStart, first, pair);
        if (source == null) {
            return new LineResult.Unmatched("security event: no well-formed LocalAddress/RemoteAddress");
        }
        int local = pair[0];
        int remoteEnd = pair[1];
        int session = s.indexOf(SESSION, accountStart);
        String account = "";
        String sessionId = "";
        if (session >= 0 && session < local) {
            account = s.substring(accountStart, session);
            sessionId = s.substring(session + SESSION.length(), local);
        } else if (session < 0 || session > local) {
            return new LineResult.Unmatched("security event: no SessionID");
        }
        if (account.equals("<unknown>")) {
            account = ""; // PJSIP's artificial endpoint: no account was identified
        }
        Instant at = time != null ? time : ctx.time;
        String correlation = stack == Stack.PJSIP ? sessionId : "";
        var meta = ctx.meta(at, stack, source, correlation, LineContext.CHANNEL_SECURITY);
        SecurityEvent event;
        if (kind == Kind.SuccessfulAuth) {
            boolean usingPassword = s.startsWith(",UsingPassword=\"1\"", remoteEnd + 1);
            event = new AuthSuccess(meta, LineContext.bounded(account), usingPassword);
        } else {
            Reason reason = kind.reason;
            if (kind == Kind.ChallengeResponseFailed && account.isEmpty() && stack == Stack.PJSIP) {
                reason = Reason.UNKNOWN_ACCOUNT; // PJSIP challenged an unknown user, who answered
            }
            event = new AuthFailure(meta, LineContext.bounded(account), reason, "");
        }
        return new LineResult.Parsed(kind.pattern, List.of(event));
    }

    /** Reads {@code "name="value} at {@code at}; returns the index of the closing quote. */
    private static int field(String s, int at, String name, int[] span) {
        if (!s.startsWith(name, at)) {
            return -1;
        }
        int from = at + name.length();
        int q = s.indexOf('"', from);
        if (q < 0 || q - from > 64) {
            return -1;
        }
        span[0] = from;
        span[1] = q;
        return q;
    }

    private static Stack stack(String s, int from, int to) {
        int n = to - from;
        if (n == 5 && s.startsWith("PJSIP", from)) {
            return Stack.PJSIP;
        }
        if (n == 3 && s.startsWith("SIP", from)) {
            return Stack.CHAN_SIP;
        }
        if (n == 3 && s.startsWith("AMI", from)) {
            return Stack.MANAGER;
        }
        if (n == 4 && s.startsWith("IAX2", from)) {
            return Stack.IAX2;
        }
        if ((n == 4 && s.startsWith("HTTP", from)) || (n == 3 && s.startsWith("ARI", from))) {
            return Stack.HTTP;
        }
        return null;
    }

    /**
     * The remote address of the chosen well-formed address pair (see the class comment), with
     * the index of its {@code ",LocalAddress="} in {@code at[0]} and of the quote that ends the
     * remote address in {@code at[1]}; or null.
     */
    private static Source pickAddressPair(String s, int from, boolean first, int[] at) {
        Source chosen = null;
        int i = s.indexOf(LOCAL, from - 1);
        while (i >= 0) {
            Source remote = wellFormedPair(s, i, at);
            if (remote != null) {
                chosen = remote;
                at[0] = i;
                if (first) {
                    return chosen;
                }
            }
            i = s.indexOf(LOCAL, i + 1);
        }
        if (chosen != null) {
            // at[1] may belong to a later, rejected candidate: recompute for the chosen one
            int rs = s.indexOf(REMOTE, at[0] + LOCAL.length()) + REMOTE.length();
            at[1] = s.indexOf('"', rs);
        }
        return chosen;
    }

    /** The remote address if a well-formed pair starts at {@code local}, else null. */
    private static Source wellFormedPair(String s, int local, int[] at) {
        int ls = local + LOCAL.length();
        int le = s.indexOf('"', ls);
        if (le < 0 || le - ls > 90 || !AddressText.isSecurityAddress(s, ls, le)
                || !s.startsWith(REMOTE, le)) {
            return null;
        }
        int rs = le + REMOTE.length();
        int re = s.indexOf('"', rs);
        if (re < 0 || re - rs > 90) {
            return null;
        }
        // The pair must end a field: followed by the next field or by the end of the line.
        if (!(re + 1 == s.length() || s.charAt(re + 1) == ',' || Character.isWhitespace(s.charAt(re + 1)))) {
            return null;
        }
        at[1] = re;
        return AddressText.securityAddress(s, rs, re);
    }
}
