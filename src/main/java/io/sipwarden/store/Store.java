package io.sipwarden.store;

import io.sipwarden.decision.Decision;
import io.sipwarden.net.Cidr;
import io.sipwarden.sensor.CursorStore;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * The durable copy of decisions, offender history, recent events and log cursors.
 *
 * <p>Contract: write methods never block the caller for I/O and never throw for a database
 * problem — they queue, a writer thread commits in batches and retries when the database is
 * dead, locked or full, and {@link #health()} says so meanwhile (the engine keeps enforcing from
 * memory). Reads are synchronous and throw {@link StoreException} with an operator message.
 */
public interface Store extends CursorStore, AutoCloseable {

    void save(Decision decision);

    /** Marks the active decisions on {@code scope} as revoked at {@code at} (manual unban). */
    void revoke(Cidr scope, Instant at);

    /** The address's offence count after its latest offence at {@code at}. */
    void recordOffence(InetAddress address, int count, Instant at);

    /** Whether {@link #recordEvent} would keep an event now (lets callers skip formatting it in a flood). */
    default boolean acceptsEvents() {
        return true;
    }

    /** A recent event for the dashboard; dropped (and counted) when the writer is behind. */
    void recordEvent(Instant time, String kind, String srcIp, String json);

    /**
     * One page of the active bans at {@code now} (the longest per scope), starting after the
     * continuation token {@code after} ("" for the first page). Paging keeps millions of bans out
     * of memory.
     */
    Page activePage(Instant now, String after, int limit);

    /** Decisions of one page and the token for the next ({@code null} after the last page). */
    record Page(List<Decision> decisions, String next) {
        public Page {
            decisions = List.copyOf(decisions);
        }
    }

    /** Active bans at {@code now}, the longest per scope, streamed page by page. */
    default void forEachActive(Instant now, Consumer<Decision> action) {
        String after = "";
        while (after != null) {
            Page page = activePage(now, after, 5_000);
            page.decisions().forEach(action);
            after = page.next();
        }
    }

    default List<Decision> active(Instant now) {
        List<Decision> out = new java.util.ArrayList<>();
        forEachActive(now, out::add);
        return out;
    }

    /**
     * Changes other processes (the CLI, an import) made after {@code since}: bans not made by a
     * detector, and revocations. A running daemon polls this to apply them without a restart.
     */
    void forEachChangeSince(Instant since, Consumer<Decision> made, Consumer<Decision> revoked);

    /** Offenders whose last offence is after {@code since}. */
    void forEachOffender(Instant since, OffenderConsumer action);

    /** Receives one offender row. */
    @FunctionalInterface
    interface OffenderConsumer {
        void accept(InetAddress address, int count, Instant last);
    }

    /** Waits until everything queued so far is committed; false on timeout or while failing. */
    boolean flush(Duration timeout);

    Health health();

    /** {@code ok == false}: writes are failing and being retried; {@code pending} are waiting. */
    record Health(boolean ok, String detail, long pending, long droppedEvents) {
    }

    /** Flushes (bounded wait) and closes. */
    @Override
    void close();
}
