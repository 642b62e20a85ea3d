package io.sipwarden.engine;

import java.time.Instant;
import java.time.InstantSource;

/**
 * The clock of a replay: the latest event time seen, so bans start and expire on event time and a
 * replay of last month decides exactly what live would have. Never goes backwards.
 */
public final class EventClock implements InstantSource {
    // Written by the one replay thread; Instant's final fields make a stale read safe elsewhere.
    private Instant now;

    public EventClock(Instant start) {
        this.now = start;
    }

    /** Moves the clock to {@code t} if that is later. */
    public void advance(Instant t) {
        if (t.isAfter(now)) {
            now = t;
        }
    }

    @Override
    public Instant instant() {
        return now;
    }
}
