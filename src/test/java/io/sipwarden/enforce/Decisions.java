package io.sipwarden.enforce;

import io.sipwarden.decision.Decision;
import io.sipwarden.decision.Origin;
import io.sipwarden.geo.GeoLocation;
import io.sipwarden.net.Cidr;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** Decisions for enforcer tests. */
public final class Decisions {
    private Decisions() {
    }

    public static Decision ban(String scope, Instant now, Duration length) {
        return of(Decision.Type.BAN, scope, now, length);
    }

    public static Decision allow(String scope, Instant now, Duration length) {
        return of(Decision.Type.ALLOW, scope, now, length);
    }

    public static Decision of(Decision.Type type, String scope, Instant now, Duration length) {
        return new Decision(UUID.randomUUID().toString(), Cidr.parse(scope), type, Origin.detector("SW-1001", 1),
                "test", GeoLocation.UNKNOWN, now, now, now, now.plus(length));
    }
}
