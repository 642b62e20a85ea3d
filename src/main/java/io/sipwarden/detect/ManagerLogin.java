package io.sipwarden.detect;

import io.sipwarden.decision.Texts;
import io.sipwarden.detect.DetectorSettings.Action;
import io.sipwarden.detect.DetectorSettings.Counting;
import io.sipwarden.event.AuthFailure;
import io.sipwarden.event.Service;
import io.sipwarden.time.CompactTime;
import io.sipwarden.time.DurationText;

/**
 * SW-1008: N failed manager logins (AMI, or Asterisk's HTTP/ARI server) from one source within a
 * window. Lower default threshold than SIP: nobody mistypes an AMI secret in a loop.
 */
final class ManagerLogin implements Detector {
    static final String RULE = "SW-1008";
    static final int REVISION = 1;

    private final WindowCounter counter;
    private final boolean ban;
    private final String window;

    ManagerLogin(Counting s) {
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
        if (!(e.event() instanceof AuthFailure f) || !(f.service() == Service.AMI || f.service() == Service.HTTP)) {
            return;
        }
        int start = counter.count(source.slot(), source.now());
        if (start != Integer.MIN_VALUE) {
            String reason = counter.threshold() + " failed " + f.service() + " logins within " + window
                    + " (last: " + BruteForce.describe(f.reason())
                    + (f.account().isEmpty() ? "" : " as '" + Texts.safe(f.account(), 48) + "'") + ")";
            out.report(new Finding(RULE, REVISION, f.address(), Finding.Severity.HIGH, reason, "",
                    CompactTime.toInstant(start), f.time(), counter.threshold(), ban));
        }
    }
}
