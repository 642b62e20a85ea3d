package io.sipwarden.event;

import java.util.Objects;

/**
 * A call entered the dialplan (for toll-fraud rules).
 *
 * @param channel     Asterisk channel name, e.g. {@code PJSIP/alice-00000001}
 * @param endpoint    the calling endpoint, "" for guests
 * @param destination the dialled number
 * @param context     the dialplan context it entered
 */
public record CallStarted(EventMeta meta, String channel, String endpoint, String destination, String context)
        implements SecurityEvent {
    public CallStarted {
        Objects.requireNonNull(meta, "meta");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(context, "context");
    }
}
