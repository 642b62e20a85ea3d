package io.sipwarden.detect;

import io.sipwarden.decision.Texts;
import io.sipwarden.detect.DetectorSettings.Action;
import io.sipwarden.detect.DetectorSettings.Counting;
import io.sipwarden.event.AuthFailure;
import io.sipwarden.event.Service;
import io.sipwarden.time.CompactTime;
import io.sipwarden.time.DurationText;

/**
 * SW-1001: N failed authentications (any reason: wrong password, unknown account, ACL, bad
 * request) on SIP or IAX2 from one source within a window. Manager logins are SW-1008.
 */
final class BruteForce implements Detector {
    static final String RULE = "SW-1001";
    static final int REVISION = 1;

    private final WindowCounter counter;
    private final boolean ban;
    private final String window;

    BruteForce(Counting s) {
        this.counter = new WindowCounter(s.threshold(), CompactTime.seconds(s.window()));
        this.ban = s.action() == Action.BAN;
        this.window = DurationText.format(s.window());
    }

    @Override
    public String rule() {
        return RULE;
    }

    @Override
    public int revision() {
        return REVISION;
    }

    @Override
    public Columns columns() {
        return counter;
    }

    @Override
    public void observe(EnrichedEvent e, SourceSlot source, FindingSink out) {
        if (!(e.event() instanceof AuthFailure f) || !(f.service() == Service.SIP || f.service() == Service.IAX2)) {
            return;
        }
        int start = counter.count(source.slot(), source.now());
        if (start != Integer.MIN_VALUE) {
            String reason = counter.threshold() + " failed " + f.service() + " authentications within " + window
                    + " (last: " + describe(f.reason()) + (f.account().isEmpty() ? "" : " for '" + Texts.safe(f.account(), 48) + "'") + ")";
            out.report(new Finding(RULE, REVISION, f.address(), Finding.Severity.MEDIUM, reason, "",
                    CompactTime.toInstant(start), f.time(), counter.threshold(), ban));
        }
    }

    static String describe(AuthFailure.Reason r) {
        return switch (r) {
            case WRONG_PASSWORD -> "wrong password";
            case UNKNOWN_ACCOUNT -> "unknown account";
            case ACL_DENIED -> "denied by ACL";
            case BAD_REQUEST -> "bad request";
            case OTHER -> "rejected";
        };
    }
}
