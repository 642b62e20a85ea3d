package io.sipwarden.decision;

import io.sipwarden.geo.GeoLocation;
import io.sipwarden.net.Cidr;
import java.time.Instant;
import java.util.Objects;

/**
 * An immutable verdict on an address or prefix with an absolute end. Extending a ban makes a
 * new decision; enforcers never need to know why a decision was made.
 *
 * @param id            stable identifier (UUID text), unique across nodes
 * @param scope         the address or prefix
 * @param type          ban or allow
 * @param origin        who made it (detector rule, manual, import, peer node)
 * @param reason        one human sentence; may quote hostile text only after {@link Texts#safe}
 * @param location      where the scope was when decided (for display), or UNKNOWN
 * @param firstEvidence time of the first event that led to it (event time)
 * @param lastEvidence  time of the last event that led to it (event time)
 * @param created       when it was made (event time in replay, wall time live)
 * @param until         absolute end; enforcers carry it into kernel timeouts
 */
public record Decision(String id, Cidr scope, Type type, Origin origin, String reason, GeoLocation location,
                       Instant firstEvidence, Instant lastEvidence, Instant created, Instant until) {

    public enum Type { BAN, ALLOW }

    public Decision {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(firstEvidence, "firstEvidence");
        Objects.requireNonNull(lastEvidence, "lastEvidence");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(until, "until");
        if (!until.isAfter(created)) {
            throw new IllegalArgumentException("until " + until + " is not after created " + created);
        }
    }

    public boolean isActiveAt(Instant t) {
        return !t.isBefore(created) && t.isBefore(until);
    }
}
