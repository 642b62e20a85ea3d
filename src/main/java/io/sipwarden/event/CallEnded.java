package io.sipwarden.event;

import java.util.Objects;

/** A call left the PBX; {@code cause} is Asterisk's hangup cause code (0 if unknown). */
public record CallEnded(EventMeta meta, String channel, String endpoint, int cause) implements SecurityEvent {
    public CallEnded {
        Objects.requireNonNull(meta, "meta");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(endpoint, "endpoint");
    }
}
