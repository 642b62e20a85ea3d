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

    /**
     * Runs {@code action} once every event accepted before it has been processed, including the
     * decisions made from them being handed on. A sensor commits its read position this way (a log
     * file's cursor), so a crash never leaves a saved position past events no one processed. A
     * sink that queues events must queue this too, in order; one that processes events as they
     * come runs it at once (the default). It may be dropped when the sink is overloaded or
     * stopping: the position is then committed later or not at all, never too early.
     */
    default void afterPrevious(Runnable action) {
        action.run();
    }
}
