package io.sipwarden.event;

import java.util.Objects;

/**
 * Which sensor produced an event: its kind and an instance name (a log file path, an AMI
 * connection name). Used for de-duplication across sensors and in outputs, never by detectors.
 */
public record Sensor(Kind kind, String name) {
    public enum Kind { LOG, AMI, NFQUEUE, CDR, FIREWALL, MANUAL }

    public Sensor {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
    }
}
