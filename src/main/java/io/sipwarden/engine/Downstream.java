package io.sipwarden.engine;

import io.sipwarden.decision.Decider;
import io.sipwarden.detect.EnrichedEvent;
import io.sipwarden.detect.Finding;
import java.util.List;

/**
 * Where the engine's results go (store, enforcers, outputs). Called on the detection thread:
 * implementations hand slow work to their own threads and never throw (a failure is theirs to
 * report through their own health).
 */
public interface Downstream {

    /** Every enriched event, in order. */
    default void event(EnrichedEvent event) {
    }

    /** A finding of a rule configured to alert only. */
    default void alert(Finding finding, EnrichedEvent cause) {
    }

    /** The decisions made since the last call, in order; called once per batch of events. */
    default void decided(List<Decider.Made> made) {
    }

    /** End of a batch: a good moment to flush buffers. */
    default void flush() {
    }
}
