package io.sipwarden.store;

import io.sipwarden.decision.Decision;
import io.sipwarden.decision.Origin;
import io.sipwarden.geo.GeoLocation;
import io.sipwarden.net.Cidr;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** Decisions for store tests, with every field filled (location, quotes, UTF-8). */
public final class SqliteStoreFixtures {
    private SqliteStoreFixtures() {
    }

    public static Decision ban(String scope, Instant created, Duration length) {
        return new Decision(UUID.randomUUID().toString(), Cidr.parse(scope), Decision.Type.BAN, Origin.detector("SW-1001", 1),
                "5 failed SIP authentications \"quoted\" é", new GeoLocation("EU", "FR", "FR-IDF", "Paris", 48.85, 2.35, 3215, "Orange"),
                created, created, created, created.plus(length));
    }
}
