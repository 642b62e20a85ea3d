package io.sipwarden.detect;

/**
 * One detection rule. Contract: {@link #observe} is called on the detection thread only, with
 * events in the order they were received and on event time (never the wall clock); it never
 * blocks, never does I/O, and never throws for odd input (a rule that cannot use an event ignores
 * it). Per-source state lives in the rule's {@link Columns} arrays, indexed by the slot that
 * {@link SourceSlot#slot()} hands out, so it is bounded by the shared source table.
 */
public interface Detector {

    /** Stable rule id, e.g. "SW-1001". */
    String rule();

    /** Bumped whenever the rule's logic changes what it finds. */
    int revision();

    void observe(EnrichedEvent event, SourceSlot source, FindingSink out);

    /** The rule's per-source arrays, or null for a rule without state. */
    default Columns columns() {
        return null;
    }

    /** Per-source state of a rule; {@code clear} is called when a slot is (re)assigned to a source. */
    interface Columns extends io.sipwarden.net.AddressTable.Columns {
    }
}
