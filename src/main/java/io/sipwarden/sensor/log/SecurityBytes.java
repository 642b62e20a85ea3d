package io.sipwarden.sensor.log;

import io.sipwarden.event.AuthFailure;
import io.sipwarden.event.AuthFailure.Reason;
import io.sipwarden.event.AuthSuccess;
import io.sipwarden.event.SecurityEvent;
import io.sipwarden.event.Source;
import io.sipwarden.event.Stack;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * {@link SecurityBody} read from the bytes of an ASCII line, for the replay and follow hot
 * path: the same rules in the same order (the same address pair is chosen, see SecurityBody),
 * the same event, but no decoded line and no copies except the account and session id the
 * event keeps. It answers only where SecurityBody parses the line into an event; for every
 * other outcome (malformed, unknown name, no pair) it returns null and the caller decodes the
 * line and lets SecurityBody give its answer and reason. One per parser (it caches the last
 * EventTV's date and second, and the fields before AccountID); not thread-safe.
 */
final class SecurityBytes {
    private static final byte[] EVENT = AsciiScan.ascii("SecurityEvent=\"");
    private static final byte[] EVENT_TV = AsciiScan.ascii("\",EventTV=\"");
    private static final byte[] SEVERITY = AsciiScan.ascii("\",Severity=\"");
    private static final byte[] SERVICE = AsciiScan.ascii("\",Service=\"");
    private static final byte[] VERSION = AsciiScan.ascii("\",EventVersion=\"");
    private static final byte[] ACCOUNT = AsciiScan.ascii("\",AccountID=\"");
    private static final byte[] SESSION = AsciiScan.ascii("\",SessionID=\"");
    private static final byte[] LOCAL = AsciiScan.ascii("\",LocalAddress=\"");
    private static final byte[] REMOTE = AsciiScan.ascii("\",RemoteAddress=\"");
    private static final byte[] USING_PASSWORD = AsciiScan.ascii(",UsingPassword=\"1\"");
    private static final byte[] UNKNOWN = AsciiScan.ascii("<unknown>");
    private static final SecurityBody.Kind[] KINDS = SecurityBody.Kind.values();
    private static final byte[][] NAMES = Arrays.stream(KINDS).map(k -> AsciiScan.ascii(k.name())).toArray(byte[][]::new);

    private final LineContext ctx;
    /** The first 19 bytes of the last ISO EventTV and their local seconds (or NO_BASE). */
    private final byte[] lastBase = new byte[19];
    private long lastBaseSeconds = EventTimes.NO_BASE;
    /**
     * The bytes from the end of the last EventTV to its AccountID value (Severity, Service,
     * EventVersion: every field is at most 64 bytes, so this fits) and the stack they named.
     */
    private final byte[] lastMiddle = new byte[256];
    private int lastMiddleLength = -1;
    private Stack lastMiddleStack;
    /** The last well-formed LocalAddress text. */
    private final byte[] lastLocal = new byte[96];
    private int lastLocalLength = -1;
    /** Where the chosen pair's {@code ",LocalAddress="} starts and its remote address ends. */
    private int pairLocal;
    private int pairRemoteEnd;

    SecurityBytes(LineContext ctx) {
        this.ctx = ctx;
    }

    /**
     * The event of the body starting at {@code start} (the index of {@code SecurityEvent="}) in
     * the ASCII line {@code b[.., end)} with nothing to trim at its end, or null when
     * {@link SecurityBody#parse} would not give a Parsed result.
     */
    LineResult parse(byte[] b, int start, int end) {
        int i = start + EVENT.length;
        int q = AsciiScan.quote(b, i, end);
        if (q < 0) {
            return null;
        }
        SecurityBody.Kind kind = kind(b, i, q);
        if (kind == null) {
            return null;
        }
        if (kind == SecurityBody.Kind.ChallengeSent && AsciiScan.startsWith(b, q, end, EVENT_TV)) {
            return LineResult.Recognized.of(kind.pattern);
        }
        // The fields up to AccountID are written by Asterisk alone: read them in order.
        if ((i = field(b, q, end, EVENT_TV)) < 0) {
            return null;
        }
        Instant time = eventTime(b, q + EVENT_TV.length, i);
        int tvEnd = i;
        int accountStart;
        Stack stack;
        int m = lastMiddleLength;
        if (m > 0 && tvEnd + m <= end && AsciiScan.same(lastMiddle, 0, b, tvEnd, m)) {
            // Severity, Service and EventVersion as on the line before: the same bytes read the same
            stack = lastMiddleStack;
            accountStart = tvEnd + m;
        } else {
            if ((i = field(b, i, end, SEVERITY)) < 0) {
                return null;
            }
            int serviceStart = i + SERVICE.length;
            if ((i = field(b, i, end, SERVICE)) < 0) {
                return null;
            }
            stack = stack(b, serviceStart, i);
            if (stack == null || (i = field(b, i, end, VERSION)) < 0 || !AsciiScan.startsWith(b, i, end, ACCOUNT)) {
                return null;
            }
            accountStart = i + ACCOUNT.length;
            if (accountStart - tvEnd <= lastMiddle.length) {
                System.arraycopy(b, tvEnd, lastMiddle, 0, accountStart - tvEnd);
                lastMiddleLength = accountStart - tvEnd;
                lastMiddleStack = stack;
            }
        }
        if (ctx.lastNotice != null && stack == Stack.PJSIP && (kind == SecurityBody.Kind.ChallengeResponseFailed
                || kind == SecurityBody.Kind.InvalidAccountID)) {
            Repeat r = repeat(b, accountStart, end, kind, time != null ? time : ctx.time);
            if (r != null) {
                ctx.repeat = r;
                return REPEATED;
            }
        }
        boolean first = stack == Stack.MANAGER && kind.hostileTail;
        Source source = pickAddressPair(b, accountStart, end, first);
        if (source == null) {
            return null;
        }
        int local = pairLocal;
        int session = AsciiScan.indexOf(b, SESSION, accountStart, end);
        int sessionStart = session + SESSION.length;
        if (session < 0 || session > local || sessionStart > local) {
            return null; // the last: an empty SessionID's quote is also the pair's, SecurityBody fails on it
        }
        String account = AsciiScan.startsWith(b, accountStart, session, UNKNOWN) && session - accountStart == UNKNOWN.length
                ? "" // PJSIP's artificial endpoint: no account was identified
                : AsciiScan.text(b, accountStart, Math.min(session, accountStart + LineContext.MAX_TEXT));
        String correlation = stack == Stack.PJSIP
                ? AsciiScan.text(b, sessionStart, Math.min(local, sessionStart + LineContext.MAX_TEXT)) : "";
        Instant at = time != null ? time : ctx.time;
        var meta = ctx.meta(at, stack, source, correlation, LineContext.CHANNEL_SECURITY);
        SecurityEvent event;
        if (kind == SecurityBody.Kind.SuccessfulAuth) {
            boolean usingPassword = AsciiScan.startsWith(b, pairRemoteEnd + 1, end, USING_PASSWORD);
            event = new AuthSuccess(meta, account, usingPassword);
        } else {
            Reason reason = kind.reason;
            if (kind == SecurityBody.Kind.ChallengeResponseFailed && account.isEmpty() && stack == Stack.PJSIP) {
                reason = Reason.UNKNOWN_ACCOUNT; // PJSIP challenged an unknown user, who answered
            }
            event = new AuthFailure(meta, account, reason, "");
        }
        return new LineResult.Parsed(kind.pattern, List.of(event));
    }

    /**
     * The answer that means "a {@link Repeat}, in the context": only a replay's parser gives it
     * (LineContext#repeats), and only the replay's sink takes it. Not a shared instance, so it is
     * told apart by identity.
     */
    static final LineResult.Recognized REPEATED = new LineResult.Recognized(LinePattern.SECURITY_CHALLENGE_RESPONSE_FAILED);

    /**
     * The report as a {@link Repeat} of the context's NOTICE when it is one, else null (read it
     * in full). It is when its SessionID holds exactly the NOTICE's Call-ID, followed by the pair
     * {@code ",LocalAddress="<the PBX's address as on the line before>",RemoteAddress="IPV4/UDP/
     * <the NOTICE's address>/<its port>"}, which ends a field and has no 'L' after it. Then that pair
     * is the last well-formed one, the one {@link #pickAddressPair} would choose, and the address
     * reads as the NOTICE's (the same dotted-quad and port reads), so the event is the same.
     */
    private Repeat repeat(byte[] b, int accountStart, int end, SecurityBody.Kind kind, Instant at) {
        int session = AsciiScan.indexOf(b, SESSION, accountStart, end);
        if (session < 0 || lastLocalLength < 0) {
            return null;
        }
        int sessionStart = session + SESSION.length;
        int n = ctx.noticeCallidLength;
        int local = sessionStart + n;
        int localText = local + LOCAL.length;
        int remote = localText + lastLocalLength + REMOTE.length;
        int quote = remote + ctx.noticeRemoteLength - 1;
        if (quote >= end || !AsciiScan.same(ctx.noticeCallid, 0, b, sessionStart, n)
                || !AsciiScan.startsWith(b, local, end, LOCAL)
                || !AsciiScan.same(lastLocal, 0, b, localText, lastLocalLength)
                || !AsciiScan.startsWith(b, localText + lastLocalLength, end, REMOTE)
                || !AsciiScan.same(ctx.noticeRemote, 0, b, remote, ctx.noticeRemoteLength)
                || !(quote + 1 == end || b[quote + 1] == ',' || isWhitespace(b[quote + 1]))
                || AsciiScan.lastIndexOfWord(b, (byte) 'L', local + 3, end) >= 0) {
            return null;
        }
        String account;
        if (session - accountStart == UNKNOWN.length && AsciiScan.startsWith(b, accountStart, session, UNKNOWN)) {
            account = ""; // PJSIP's artificial endpoint: no account was identified
        } else {
            String noticeAccount = ctx.lastNotice.account();
            account = AsciiScan.sameText(noticeAccount, b, accountStart, session) ? noticeAccount
                    : AsciiScan.text(b, accountStart, Math.min(session, accountStart + LineContext.MAX_TEXT));
        }
        Reason reason = kind == SecurityBody.Kind.ChallengeResponseFailed && account.isEmpty()
                ? Reason.UNKNOWN_ACCOUNT : kind.reason; // PJSIP challenged an unknown user, who answered
        return new Repeat(ctx.lastNotice, at, account, reason, io.sipwarden.event.Transport.UDP, kind.pattern);
    }

    private static SecurityBody.Kind kind(byte[] b, int from, int to) {
        int n = to - from;
        if (n >= BY_LENGTH.length) {
            return null;
        }
        for (int k : BY_LENGTH[n]) { // the names of this length: one or two, four at most
            if (AsciiScan.startsWith(b, from, to, NAMES[k])) {
                return KINDS[k];
            }
        }
        return null;
    }

    /** The indexes of the kinds by the length of their names, in declaration order. */
    private static final int[][] BY_LENGTH = byLength();

    private static int[][] byLength() {
        int longest = Arrays.stream(NAMES).mapToInt(name -> name.length).max().orElse(0);
        int[][] out = new int[longest + 1][];
        for (int n = 0; n <= longest; n++) {
            int length = n;
            out[n] = java.util.stream.IntStream.range(0, NAMES.length).filter(k -> NAMES[k].length == length).toArray();
        }
        return out;
    }

    /** SecurityBody.field: {@code "name="value} at {@code at}; the index of the closing quote, or -1. */
    private static int field(byte[] b, int at, int end, byte[] name) {
        if (!AsciiScan.startsWith(b, at, end, name)) {
            return -1;
        }
        int from = at + name.length;
        int q = AsciiScan.quote(b, from, Math.min(end, from + 65));
        return q < 0 ? -1 : q;
    }

    private Instant eventTime(byte[] b, int from, int to) {
        if (to - from >= 19 && b[from + 4] == '-' && b[from + 10] == 'T') {
            // the ISO form: its date and time to the second repeat from line to line
            if (!AsciiScan.same(lastBase, 0, b, from, 19)) {
                System.arraycopy(b, from, lastBase, 0, 19);
                lastBaseSeconds = EventTimes.isoBase(b, from);
            }
            return lastBaseSeconds == EventTimes.NO_BASE ? null : EventTimes.isoRest(b, from + 19, to, lastBaseSeconds);
        }
        return EventTimes.parse(b, from, to);
    }

    private static Stack stack(byte[] b, int from, int to) {
        int n = to - from;
        if (n == 5 && b[from] == 'P' && b[from + 1] == 'J' && b[from + 2] == 'S' && b[from + 3] == 'I' && b[from + 4] == 'P') {
            return Stack.PJSIP;
        }
        if (n == 3 && b[from] == 'S' && b[from + 1] == 'I' && b[from + 2] == 'P') {
            return Stack.CHAN_SIP;
        }
        if (n == 3 && b[from] == 'A' && b[from + 1] == 'M' && b[from + 2] == 'I') {
            return Stack.MANAGER;
        }
        if (n == 4 && b[from] == 'I' && b[from + 1] == 'A' && b[from + 2] == 'X' && b[from + 3] == '2') {
            return Stack.IAX2;
        }
        if ((n == 4 && b[from] == 'H' && b[from + 1] == 'T' && b[from + 2] == 'T' && b[from + 3] == 'P')
                || (n == 3 && b[from] == 'A' && b[from + 1] == 'R' && b[from + 2] == 'I')) {
            return Stack.HTTP;
        }
        return null;
    }

    /**
     * SecurityBody.pickAddressPair: the remote address of the last well-formed pair (the first
     * if {@code first}), with {@link #pairLocal} and {@link #pairRemoteEnd} set; or null.
     * Every {@code ",LocalAddress="} starts with a quote, so only quotes are visited; for the
     * last pair they are visited from the end of the line, and the first well-formed one met
     * is the last one SecurityBody's forward walk would keep.
     */
    private Source pickAddressPair(byte[] b, int from, int end, boolean first) {
        int lo = from - 1;
        if (first) {
            for (int i = AsciiScan.quote(b, lo, end); i >= 0; i = AsciiScan.quote(b, i + 1, end)) {
                Source remote = isLocal(b, i, end) ? wellFormedPair(b, i, end) : null;
                if (remote != null) {
                    pairLocal = i;
                    return remote;
                }
            }
            return null;
        }
        // Every ",LocalAddress=" has its 'L' two bytes after the quote, and the other fields
        // rarely hold an 'L': one backward pass over the words meets the same candidates, in
        // the same order, as visiting every quote from the end (measured ≈ 5× fewer ns on a
        // ChallengeResponseFailed tail, whose hashes are full of quotes but have no 'L').
        for (int l = AsciiScan.lastIndexOfWord(b, (byte) 'L', lo + 2, end); l >= 0;
                l = AsciiScan.lastIndexOfWord(b, (byte) 'L', lo + 2, l)) {
            int i = l - 2;
            Source remote = b[i] == '"' && isLocal(b, i, end) ? wellFormedPair(b, i, end) : null;
            if (remote != null) {
                pairLocal = i;
                return remote;
            }
        }
        return null;
    }

    private static boolean isLocal(byte[] b, int i, int end) {
        return i + LOCAL.length <= end && b[i + 2] == 'L' && b[i + 7] == 'A' && AsciiScan.startsWith(b, i, end, LOCAL);
    }

    /** SecurityBody.wellFormedPair: the remote address if a well-formed pair starts at {@code local}. */
    private Source wellFormedPair(byte[] b, int local, int end) {
        int ls = local + LOCAL.length;
        int le = AsciiScan.quote(b, ls, Math.min(end, ls + 91));
        if (le < 0 || !AsciiScan.startsWith(b, le, end, REMOTE) || !isLocalAddress(b, ls, le)) {
            return null;
        }
        int rs = le + REMOTE.length;
        int re = AsciiScan.quote(b, rs, Math.min(end, rs + 91));
        if (re < 0) {
            return null;
        }
        // The pair must end a field: followed by the next field or by the end of the line.
        if (!(re + 1 == end || b[re + 1] == ',' || isWhitespace(b[re + 1]))) {
            return null;
        }
        pairRemoteEnd = re;
        return AddressBytes.securityAddress(b, rs, re, ctx.inet4);
    }

    /**
     * Whether {@code b[from, to)} is a well-formed security address; the PBX's own address
     * repeats on every line, so the last one accepted is remembered.
     */
    private boolean isLocalAddress(byte[] b, int from, int to) {
        int n = to - from;
        if (n == lastLocalLength && AsciiScan.same(lastLocal, 0, b, from, n)) {
            return true;
        }
        if (AddressBytes.securityAddress(b, from, to) == null) {
            return false;
        }
        System.arraycopy(b, from, lastLocal, 0, n); // n <= 90 (quote search bound)
        lastLocalLength = n;
        return true;
    }

    /** {@link Character#isWhitespace} for an ASCII byte. */
    private static boolean isWhitespace(byte c) {
        return c == ' ' || (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F);
    }
}
