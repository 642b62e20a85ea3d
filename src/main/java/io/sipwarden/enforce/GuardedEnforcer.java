package io.sipwarden.enforce;

import io.sipwarden.decision.Decision;
import io.sipwarden.decision.Texts;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * Wraps a backend so no refused decision ({@link BanGuard}) ever reaches it, whatever asked for
 * it; each refusal is logged and counted ({@link #refused()} feeds the
 * {@code sipwarden_enforce_refused_total} metric).
 */
public final class GuardedEnforcer implements Enforcer {
    private static final System.Logger LOG = System.getLogger(GuardedEnforcer.class.getName());

    private final Enforcer backend;
    private final BanGuard guard;
    private final LongAdder refused = new LongAdder();

    public GuardedEnforcer(Enforcer backend, BanGuard guard) {
        this.backend = backend;
        this.guard = guard;
    }

    @Override
    public String name() {
        return backend.name();
    }

    @Override
    public void add(Collection<Decision> decisions) throws EnforcementException {
        List<Decision> ok = admitted(decisions, true);
        if (!ok.isEmpty()) {
            backend.add(ok);
        }
    }

    @Override
    public void remove(Collection<Decision> decisions) throws EnforcementException {
        backend.remove(decisions);
    }

    @Override
    public ReconcileReport reconcile(Collection<Decision> active, Instant now) throws EnforcementException {
        return backend.reconcile(admitted(active, false), now);
    }

    @Override
    public Health health() {
        return backend.health();
    }

    @Override
    public void close() {
        backend.close();
    }

    /** Number of bans refused since start. */
    public long refused() {
        return refused.sum();
    }

    /**
     * Packets the backend's ban rules dropped (the {@code sipwarden_enforce_dropped_packets_total}
     * metric), or -1 when the backend does not count or its rules are missing.
     */
    public long droppedPackets() throws EnforcementException {
        return backend instanceof DropCounter c ? c.droppedPackets() : -1;
    }

    /** The wrapped backend (for backend-specific status such as drop counters). */
    public Enforcer backend() {
        return backend;
    }

    private List<Decision> admitted(Collection<Decision> decisions, boolean count) {
        List<Decision> ok = new ArrayList<>(decisions.size());
        for (Decision d : decisions) {
            var why = guard.refusal(d);
            if (why.isEmpty()) {
                ok.add(d);
            } else {
                if (count) {
                    refused.increment();
                }
                LOG.log(Level.WARNING, "enforcer refused ban " + d.id() + " by " + d.origin().kind() + " "
                        + Texts.safe(d.origin().name(), 64) + ": " + why.get());
            }
        }
        return ok;
    }
}
