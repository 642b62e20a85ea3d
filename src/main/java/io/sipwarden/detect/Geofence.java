package io.sipwarden.detect;

import io.sipwarden.detect.DetectorSettings.Action;
import io.sipwarden.policy.Verdict.Outcome;

/**
 * SW-1004: any attempt (failure, request, call, even a correct login) from a place the policy
 * does not allow for that service, or from an address on an explicit deny list, is banned on
 * first sight. Both outcomes share this rule; the reason says which policy step matched.
 */
final class Geofence implements Detector {
    static final String RULE = "SW-1004";
    static final int REVISION = 1;

    private final boolean ban;
    // A geofenced flood repeats one verdict: reuse its reason instead of building it per event.
    private io.sipwarden.policy.Verdict lastVerdict;
    private io.sipwarden.event.Service lastService;
    private String lastReason;

    Geofence(DetectorSettings.OnSight s) {
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
        Outcome o = e.verdict().outcome();
        if (o != Outcome.OUTSIDE_GEOFENCE && o != Outcome.DENIED) {
            return;
        }
        String reason;
        if (e.verdict() == lastVerdict && e.event().service() == lastService) {
            reason = lastReason;
        } else {
            reason = (o == Outcome.DENIED ? "explicitly denied: " : "outside the " + e.event().service() + " geofence: ")
                    + e.verdict().why();
            lastVerdict = e.verdict();
            lastService = e.event().service();
            lastReason = reason;
        }
        out.report(new Finding(RULE, REVISION, e.event().address(), Finding.Severity.HIGH, reason, "",
                e.event().time(), e.event().time(), 1, ban));
    }
}
