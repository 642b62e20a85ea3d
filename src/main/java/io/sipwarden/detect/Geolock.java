package io.sipwarden.detect;

import io.sipwarden.decision.Texts;
import io.sipwarden.detect.DetectorSettings.Action;
import io.sipwarden.event.AuthSuccess;
import io.sipwarden.policy.Verdict.Outcome;

/**
 * SW-1005: an endpoint authenticated correctly from outside its own allowed area. The password
 * is probably stolen: the address is banned, never the endpoint (that would lock out its owner);
 * the finding names the endpoint so the operator can change its secret.
 */
final class Geolock implements Detector {
    static final String RULE = "SW-1005";
    static final int REVISION = 1;

    private final boolean ban;

    Geolock(DetectorSettings.OnSight s) {
        this.ban = s.action() == Action.BAN;
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
    public void observe(EnrichedEvent e, SourceSlot source, FindingSink out) {
        if (!(e.event() instanceof AuthSuccess s) || e.verdict().outcome() != Outcome.OUTSIDE_ENDPOINT_AREA) {
            return;
        }
        String endpoint = Texts.safe(s.account(), 64);
        out.report(new Finding(RULE, REVISION, s.address(), Finding.Severity.CRITICAL,
                "endpoint '" + endpoint + "' authenticated from outside its allowed area: " + e.verdict().why(),
                endpoint, s.time(), s.time(), 1, ban));
    }
}
