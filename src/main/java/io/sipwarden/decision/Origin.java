package io.sipwarden.decision;

import java.util.Objects;

/**
 * Who made a decision.
 *
 * @param kind what kind of origin
 * @param name the rule id ("SW-1001") for detectors, the user for manual, the node for peers
 * @param revision the rule revision for detectors, 0 otherwise
 */
public record Origin(Kind kind, String name, int revision) {
    public enum Kind { DETECTOR, MANUAL, IMPORT, PEER }

    public Origin {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
    }

    public static Origin detector(String rule, int revision) {
        return new Origin(Kind.DETECTOR, rule, revision);
    }

    public static Origin manual(String who) {
        return new Origin(Kind.MANUAL, who, 0);
    }
}
