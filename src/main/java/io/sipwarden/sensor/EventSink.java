package io.sipwarden.sensor;

import io.sipwarden.event.SecurityEvent;

/**
 * Where sensors hand their events. Contract: {@link #accept} never blocks for long (the engine
 * queues), never throws for a bad event (it counts and logs it), and may be called from any
 * sensor thread.
 */
@FunctionalInterface
public interface EventSink {
    void accept(SecurityEvent event);
}
