package io.sipwarden.detect;

/**
 * The current event's source in the shared source table. {@link #slot()} assigns the slot on
 * first use, so events that no stateful rule needs never touch the table. {@link #now()} is the
 * event time in {@link io.sipwarden.time.CompactTime} seconds.
 */
public interface SourceSlot {
    int slot();

    int now();
}
