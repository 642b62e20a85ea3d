package io.sipwarden.enforce.ami;

import io.sipwarden.decision.Decision;
import io.sipwarden.enforce.Enforcer;
import io.sipwarden.sensor.ami.AmiClient;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * {@link CallControl} as an {@link Enforcer}, so the engine treats "hang up the calls" like any
 * other place where a ban takes effect, on every configured PBX. The engine calls enforcers on
 * its detection thread, and hanging up takes AMI round trips, so {@link #add} only queues the
 * work (bounded; overflow is logged and counted) for this enforcer's own thread. Hanging up is a
 * one-off act: removing a decision does nothing, and reconcile has nothing to repair.
 */
public final class CallControlEnforcer implements Enforcer {
    private static final System.Logger LOG = System.getLogger(CallControlEnforcer.class.getName());
    private static final int QUEUE = 1000;

    private final CallControl control;
    private final List<AmiClient> pbxs;
    private final List<Consumer<CallControl.Report>> reports = new CopyOnWriteArrayList<>();
    private final ThreadPoolExecutor worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(QUEUE), r -> Thread.ofPlatform().daemon().name("ami-call-control").unstarted(r));
    private final AtomicLong overflow = new AtomicLong();
    /**
     * Hang-ups handed to the worker and not yet finished. The executor's own "queue empty and no
     * active worker" is briefly true for a task the worker has taken off the queue but not yet
     * started, so {@link #awaitIdle} counts for itself.
     */
    private final AtomicLong pending = new AtomicLong();

    public CallControlEnforcer(CallControl control, List<AmiClient> pbxs) {
        this.control = control;
        this.pbxs = List.copyOf(pbxs);
    }

    /** Receives every report (for the store, outputs and the dashboard). */
    public void onReport(Consumer<CallControl.Report> listener) {
        reports.add(listener);
    }

    @Override
    public String name() {
        return "ami-call-control";
    }

    @Override
    public void add(Collection<Decision> decisions) {
        for (Decision d : decisions) {
            if (!control.appliesTo(d)) {
                continue;
            }
            pending.incrementAndGet();
            try {
                worker.execute(() -> {
                    try {
                        hangUp(d);
                    } finally {
                        pending.decrementAndGet();
                    }
                });
            } catch (RejectedExecutionException e) {
                pending.decrementAndGet();
                long n = overflow.incrementAndGet();
                LOG.log(System.Logger.Level.WARNING, "call control: {0} bans waiting, calls of {1} not hung up ({2} so far)",
                        QUEUE, d.scope(), n);
            }
        }
    }

    private void hangUp(Decision d) {
        for (AmiClient ami : pbxs) {
            try {
                CallControl.Report r = control.apply(d, ami);
                reports.forEach(l -> l.accept(r));
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "call control failed for " + d.scope() + " on " + ami.name(), e);
            }
        }
    }

    /** Waits until queued work is done (tests, shutdown); false on timeout. */
    public boolean awaitIdle(java.time.Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (pending.get() > 0) {
            if (System.nanoTime() > end) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    @Override
    public void close() {
        worker.shutdown();
        try {
            worker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void remove(Collection<Decision> decisions) {
        // A hung-up call cannot be given back.
    }

    @Override
    public ReconcileReport reconcile(Collection<Decision> active, Instant now) {
        return new ReconcileReport(0, 0, 0, false);
    }

    @Override
    public Health health() {
        List<String> down = pbxs.stream().filter(a -> !a.isConnected()).map(AmiClient::name).toList();
        return down.isEmpty() ? Health.ok(pbxs.size() + " AMI connection(s) up")
                : Health.degraded("cannot hang up calls on " + String.join(", ", down) + ": not connected");
    }
}
