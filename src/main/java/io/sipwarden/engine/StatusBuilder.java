package io.sipwarden.engine;

import java.time.Instant;
import java.util.List;

/** Assembles a {@link Status} from the engine's counters and the health of its parts. */
final class StatusBuilder {
    private StatusBuilder() {
    }

    static Status of(Engine engine, Instant started, Instant now, long dropped, int queueDepth,
                     List<Status.Component> enforcers, Status.Component store) {
        Engine.Counters c = engine.counters();
        return new Status(now, started, c.events(), c.eventsByKind(), c.findingsByRule(), c.decisions(), c.suppressed(),
                c.refused(), c.alerts(), c.trustedEvents(), dropped, c.failedEvents(), queueDepth,
                engine.detection().trackedSources(), engine.detection().evictedSources(),
                engine.decider().book().activeCount(now), enforcers, store);
    }
}
