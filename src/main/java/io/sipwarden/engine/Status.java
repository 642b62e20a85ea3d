package io.sipwarden.engine;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A point-in-time snapshot of the engine for {@code sipwarden status}, the status file and the
 * web page. Counts are since start.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Status(Instant at, Instant started, long events, Map<String, Long> eventsByKind,
                     Map<String, Long> findingsByRule, long decisions, long suppressed, long refused,
                     long alerts, long trustedEvents, long droppedEvents, long failedEvents,
                     int queueDepth, int trackedSources, long evictedSources, int activeBans,
                     List<Component> enforcers, Component store) {

    /** A status file from another version may lack the maps and the list: empty, not null (printed "null", then failed). */
    public Status {
        eventsByKind = eventsByKind == null ? Map.of() : eventsByKind;
        findingsByRule = findingsByRule == null ? Map.of() : findingsByRule;
        enforcers = enforcers == null ? List.of() : enforcers;
    }

    /** Health of one part: a backend name, whether it works, and what is wrong if not. */
    public record Component(String name, boolean ok, String detail) {
    }

    public boolean degraded() {
        return (store != null && !store.ok()) || enforcers.stream().anyMatch(c -> !c.ok());
    }
}
