package io.sipwarden.detect;

import io.sipwarden.event.SecurityEvent;
import io.sipwarden.geo.GeoLocation;
import io.sipwarden.policy.Verdict;
import java.util.Objects;

/**
 * An event with what the detectors need to judge it: where its source is and what the policy
 * says about that source for this service (and for the endpoint, when it authenticated).
 */
public record EnrichedEvent(SecurityEvent event, GeoLocation location, Verdict verdict) {
    public EnrichedEvent {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(verdict, "verdict");
    }
}
