package io.sipwarden.enforce;

import io.sipwarden.decision.Decision;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Hands decisions to all configured enforcers on one enforcement thread of its own, so a slow
 * kernel call or a long reconcile never stalls detection, and every backend is used from one
 * thread at a time as the {@link Enforcer} contract requires. One failing backend never stops the
 * others: its failure is logged once per new message, remembered as its health (degraded even if
 * the backend claims to be fine), and the next reconcile repairs what it missed.
 */
public final class EnforcerSet implements AutoCloseable {
    private static final Logger LOG = System.getLogger(EnforcerSet.class.getName());

    private final List<Enforcer> enforcers;
    private final Map<String, String> failures = new ConcurrentHashMap<>();
    private final ExecutorService thread = Executors.newSingleThreadExecutor(
            r -> Thread.ofPlatform().name("sipwarden-enforce").daemon(true).unstarted(r));

    public EnforcerSet(List<Enforcer> enforcers) {
        this.enforcers = List.copyOf(enforcers);
    }

    public List<Enforcer> enforcers() {
        return enforcers;
    }

    /** Queues the decisions for every backend (in order with other calls) and returns at once. */
    public void add(Collection<Decision> decisions) {
        if (decisions.isEmpty()) {
            return;
        }
        List<Decision> copy = List.copyOf(decisions);
        submit(() -> {
            for (Enforcer e : enforcers) {
                call(e, "add", () -> e.add(copy));
            }
        });
    }

    /** Queues the removal of the decisions from every backend and returns at once. */
    public void remove(Collection<Decision> decisions) {
        if (decisions.isEmpty()) {
            return;
        }
        List<Decision> copy = List.copyOf(decisions);
        submit(() -> {
            for (Enforcer e : enforcers) {
                call(e, "remove", () -> e.remove(copy));
            }
        });
    }

    /** Reconciles every backend and waits for it: for start-up, before detection begins. */
    public Map<String, Enforcer.ReconcileReport> reconcile(Collection<Decision> active, Instant now) {
        Future<Map<String, Enforcer.ReconcileReport>> f;
        try {
            f = thread.submit(() -> reconcileNow(active, now));
        } catch (RejectedExecutionException closed) {
            return Map.of();
        }
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Map.of();
        } catch (java.util.concurrent.ExecutionException e) {
            LOG.log(Level.ERROR, "reconcile failed: " + e.getCause(), e.getCause());
            return Map.of();
        }
    }

    /** Queues a reconcile with what {@code active} supplies when it runs (periodic repair). */
    public void reconcileLater(Supplier<Collection<Decision>> active, Supplier<Instant> now) {
        submit(() -> reconcileNow(active.get(), now.get()));
    }

    private Map<String, Enforcer.ReconcileReport> reconcileNow(Collection<Decision> active, Instant now) {
        Map<String, Enforcer.ReconcileReport> out = new LinkedHashMap<>();
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

    /** Waits until everything queued so far has been handed to the backends (tests, shutdown). */
    public boolean drain(long timeoutMillis) {
        try {
            thread.submit(() -> { }).get(timeoutMillis, TimeUnit.MILLISECONDS);
            return true;
        } catch (Exception e) {
            return false;
        }
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

    private void submit(Runnable r) {
        try {
            thread.execute(() -> {
                try {
                    r.run();
                } catch (RuntimeException | Error ex) {
                    LOG.log(Level.ERROR, "enforcement task failed: " + ex, ex);
                }
            });
        } catch (RejectedExecutionException closed) {
            LOG.log(Level.WARNING, "enforcers already closed; a change was not applied (the next start reconciles)");
        }
    }

    private void call(Enforcer e, String what, Call c) {
        try {
            c.run();
            if (failures.remove(e.name()) != null) {
                LOG.log(Level.INFO, "enforcer {0} works again", e.name());
            }
        } catch (EnforcementException | RuntimeException | Error ex) {
            // An Error too (a class missing after a package upgrade, a native library that will not
            // link): one broken backend must not keep the others from this batch, and its health
            // must say so rather than a stack trace on stderr.
            String msg = e.name() + " " + what + " failed: " + (ex instanceof Error ? ex.toString() : ex.getMessage());
            String before = failures.put(e.name(), msg);
            if (!msg.equals(before)) {
                LOG.log(Level.ERROR, "enforcer " + msg + " (enforcement degraded; detection and storage continue)");
            }
        }
    }

    /** Applies what is queued (up to 10 s), then closes every backend. */
    @Override
    public void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.log(Level.WARNING, "enforcement queue not drained in 10 s; the next start reconciles");
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Enforcer e : enforcers) {
            try {
                e.close();
            } catch (RuntimeException ex) {
                LOG.log(Level.WARNING, "enforcer {0} close failed: {1}", e.name(), ex.toString());
            }
        }
    }
}
