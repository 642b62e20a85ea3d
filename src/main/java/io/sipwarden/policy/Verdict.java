package io.sipwarden.policy;

import java.util.Objects;

/**
 * The policy's answer for one address, service and endpoint.
 *
 * @param outcome what the policy says
 * @param step    which policy step decided ("trusted", "deny", "geofence.sip", "endpoint.alice", ...)
 * @param why     one sentence naming the matching setting, e.g.
 *                "country CN is not in geofence.sip.allow.countries (conf.d/10-geo.yml:4)"
 */
public record Verdict(Outcome outcome, String step, String why) {

    public enum Outcome {
        /** Never banned, never geofenced. */
        TRUSTED,
        /** Loopback/private/link-local: not foreign, not geofenced; detectors still apply. */
        LOCAL,
        /** On an explicit deny list: ban on sight. */
        DENIED,
        /** Outside the service's geofence: ban on the first attempt (SW-1004). */
        OUTSIDE_GEOFENCE,
        /** The endpoint authenticated from outside its own allowed area (SW-1005). */
        OUTSIDE_ENDPOINT_AREA,
        /** Inside the geofence; detectors decide. */
        ALLOWED
    }

    public Verdict {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(why, "why");
    }

    public boolean banOnSight() {
        return outcome == Outcome.DENIED || outcome == Outcome.OUTSIDE_GEOFENCE || outcome == Outcome.OUTSIDE_ENDPOINT_AREA;
    }
}
