package io.sipwarden.engine;

import io.sipwarden.decision.Decision;
import java.util.List;

/** What a replay decided, in order, and the engine's counters at the end. */
public record ReplayResult(List<Decision> decisions, Status stats) {
    public ReplayResult {
        decisions = List.copyOf(decisions);
    }
}
