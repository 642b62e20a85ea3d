package io.sipwarden.enforce;

import io.sipwarden.decision.Decision;
import java.time.Instant;
import java.util.Collection;

/**
 * A place where decisions take effect (a log for dry runs, an nftables set, an ipset, ...).
 *
 * <p>Contract: every method is idempotent — adding a decision twice, or removing one that is not
 * there, is not an error. A backend never decides anything: trust has been checked before a
 * decision reaches it, but a backend must still validate addresses before they reach a kernel
 * command. Failures are reported as {@link EnforcementException} with a message for the
 * operator; the caller keeps detecting and storing decisions and reports enforcement as
 * degraded. Implementations are used from one thread at a time.
 */
public interface Enforcer extends AutoCloseable {

    /** Short backend name for logs, status and metrics ("log", "nftables", "ipset"). */
    String name();

    /** Applies bans (and allows, where the backend has trusted sets) in one batch when it can. */
    void add(Collection<Decision> decisions) throws EnforcementException;

    /** Lifts decisions before their {@code until} (manual unban). */
    void remove(Collection<Decision> decisions) throws EnforcementException;

    /**
     * Makes the backend hold exactly {@code active} (as of {@code now}): adds what is missing,
     * removes what is stale, fixes timeouts, repairs missing tables.
     */
    ReconcileReport reconcile(Collection<Decision> active, Instant now) throws EnforcementException;

    /** Whether enforcement currently works, and if not, why. */
    Health health();

    /** Called at stop; by default bans stay in the kernel and expire on their own. */
    @Override
    default void close() {
    }

    /** Result of one reconcile pass; counts are logged when they are not all zero. */
    record ReconcileReport(int added, int removed, int timeoutsFixed, boolean repaired) {
        public boolean inSync() {
            return added == 0 && removed == 0 && timeoutsFixed == 0 && !repaired;
        }
    }

    /** {@code ok == false} means degraded; {@code detail} says what is wrong and how to fix it. */
    record Health(boolean ok, String detail) {
        public static Health ok(String detail) {
            return new Health(true, detail);
        }

        public static Health degraded(String detail) {
            return new Health(false, detail);
        }
    }
}
