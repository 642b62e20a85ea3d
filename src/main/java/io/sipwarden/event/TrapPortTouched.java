package io.sipwarden.event;

import java.util.Objects;

/** A connection attempt to a port nobody legitimate uses here (port-scan trap). */
public record TrapPortTouched(EventMeta meta, int port) implements SecurityEvent {
    public TrapPortTouched {
        Objects.requireNonNull(meta, "meta");
    }
}
