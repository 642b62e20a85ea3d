package io.sipwarden.enforce;

import io.sipwarden.decision.Decision;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hands every decision to all configured enforcers. One failing backend never stops the others
 * or the engine: its failure is logged once per new message, remembered as its health, and the
 * next reconcile (which the daemon runs periodically) repairs what it missed. Calls come from one
 * thread at a time, as the {@link Enforcer} contract requires; health may be read from any thread.
 */
public final class EnforcerSet implements AutoCloseable {
    private static final Logger LOG = System.getLogger(EnforcerSet.class.getName());

    private final List<Enforcer> enforcers;
    private final Map<String, String> failures = new ConcurrentHashMap<>();

    public EnforcerSet(List<Enforcer> enforcers) {
        this.enforcers = List.copyOf(enforcers);
    }

    public List<Enforcer> enforcers() {
        return enforcers;
    }

    public void add(Collection<Decision> decisions) {
        if (decisions.isEmpty()) {
            return;
        }
        for (Enforcer e : enforcers) {
            call(e, "add", () -> e.add(decisions));
        }
    }

    public void remove(Collection<Decision> decisions) {
        if (decisions.isEmpty()) {
            return;
        }
        for (Enforcer e : enforcers) {
            call(e, "remove", () -> e.remove(decisions));
        }
    }

    /** Reconciles every backend with {@code active}; returns a report per backend that answered. */
    public Map<String, Enforcer.ReconcileReport> reconcile(Collection<Decision> active, Instant now) {
        Map<String, Enforcer.ReconcileReport> out = new java.util.LinkedHashMap<>();
        for (Enforcer e : enforcers) {
            call(e, "reconcile", () -> {
                Enforcer.ReconcileReport r = e.reconcile(active, now);
                out.put(e.name(), r);
                if (!r.inSync()) {
                    LOG.log(Level.INFO, "enforcer {0} reconciled: {1} added, {2} removed, {3} timeouts fixed{4}",
                            e.name(), r.added(), r.removed(), r.timeoutsFixed(), r.repaired() ? ", table repaired" : "");
                }
            });
        }
        return out;
    }

    /** Health per backend: its own answer, degraded if the last call to it failed. */
    public List<Named> health() {
        List<Named> out = new ArrayList<>();
        for (Enforcer e : enforcers) {
            String failed = failures.get(e.name());
            Enforcer.Health h;
            try {
                h = e.health();
            } catch (RuntimeException ex) {
                h = Enforcer.Health.degraded("health check failed: " + ex);
            }
            if (failed != null && h.ok()) {
                h = Enforcer.Health.degraded(failed);
            }
            out.add(new Named(e.name(), h));
        }
        return out;
    }

    public boolean degraded() {
        return health().stream().anyMatch(n -> !n.health().ok());
    }

    /** A backend's name and health. */
    public record Named(String name, Enforcer.Health health) {
    }

    private interface Call {
        void run() throws EnforcementException;
    }

    private void call(Enforcer e, String what, Call c) {
        try {
            c.run();
            if (failures.remove(e.name()) != null) {
                LOG.log(Level.INFO, "enforcer {0} works again", e.name());
            }
        } catch (EnforcementException | RuntimeException ex) {
            String msg = e.name() + " " + what + " failed: " + ex.getMessage();
            String before = failures.put(e.name(), msg);
            if (!msg.equals(before)) {
                LOG.log(Level.ERROR, "enforcer " + msg + " (enforcement degraded; detection and storage continue)");
            }
        }
    }

    @Override
    public void close() {
        for (Enforcer e : enforcers) {
            try {
                e.close();
            } catch (RuntimeException ex) {
                LOG.log(Level.WARNING, "enforcer {0} close failed: {1}", e.name(), ex.toString());
            }
        }
    }
}
