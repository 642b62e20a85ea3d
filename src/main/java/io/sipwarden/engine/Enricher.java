package io.sipwarden.engine;

import io.sipwarden.detect.EnrichedEvent;
import io.sipwarden.event.AuthSuccess;
import io.sipwarden.event.SecurityEvent;
import io.sipwarden.geo.GeoLocation;
import io.sipwarden.geo.GeoLookup;
import io.sipwarden.policy.Policy;
import io.sipwarden.policy.Verdict;
import java.util.Objects;

/**
 * Adds location and the policy's verdict to an event. Only an account that authenticated may
 * select a per-endpoint policy override: a failed attempt names an account the attacker chose.
 */
public final class Enricher {
    private final Policy policy;
    private final GeoLookup geo;

    public Enricher(Policy policy, GeoLookup geo) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.geo = Objects.requireNonNull(geo, "geo");
    }

    public EnrichedEvent enrich(SecurityEvent e) {
        GeoLocation location = geo.lookup(e.address());
        if (location == null) {
            location = GeoLocation.UNKNOWN;
        }
        String endpoint = e instanceof AuthSuccess s ? s.account() : "";
        Verdict verdict = policy.evaluate(e.address(), e.service(), endpoint, location);
        return new EnrichedEvent(e, location, verdict);
    }
}
