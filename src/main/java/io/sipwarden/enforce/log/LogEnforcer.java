package io.sipwarden.enforce.log;

import io.sipwarden.decision.Decision;
import io.sipwarden.enforce.Enforcer;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dry-run backend: logs what a firewall backend would do and keeps the set it would hold, so
 * {@link #reconcile} reports honest counts. Holds scope text → until only (so it is not meant
 * for millions of bans).
 */
public final class LogEnforcer implements Enforcer {
    private static final Logger LOG = System.getLogger(LogEnforcer.class.getName());

    // Written by the enforcement thread, read by status and tests.
    private final Map<String, Instant> held = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return "log";
    }

    @Override
    public synchronized void add(Collection<Decision> decisions) {
        for (Decision d : decisions) {
            if (d.type() != Decision.Type.BAN) {
                continue;
            }
            held.merge(d.scope().toString(), d.until(), (a, b) -> a.isAfter(b) ? a : b);
            LOG.log(Level.INFO, "dry-run: would ban {0} until {1} ({2} {3}: {4})", d.scope(), d.until(),
                    d.origin().kind(), d.origin().name(), d.reason());
        }
    }

    @Override
    public synchronized void remove(Collection<Decision> decisions) {
        for (Decision d : decisions) {
            if (held.remove(d.scope().toString()) != null) {
                LOG.log(Level.INFO, "dry-run: would unban {0}", d.scope());
            }
        }
    }

    @Override
    public synchronized ReconcileReport reconcile(Collection<Decision> active, Instant now) {
        Map<String, Instant> want = new HashMap<>();
        for (Decision d : active) {
            if (d.type() == Decision.Type.BAN && d.until().isAfter(now)) {
                want.merge(d.scope().toString(), d.until(), (a, b) -> a.isAfter(b) ? a : b);
            }
        }
        int added = 0;
        int fixed = 0;
        for (Map.Entry<String, Instant> e : want.entrySet()) {
            Instant had = held.get(e.getKey());
            if (had == null) {
                added++;
            } else if (!had.equals(e.getValue())) {
                fixed++;
            }
        }
        int removed = 0;
        for (String k : held.keySet()) {
            if (!want.containsKey(k)) {
                removed++;
            }
        }
        held.clear();
        held.putAll(want);
        ReconcileReport r = new ReconcileReport(added, removed, fixed, false);
        if (!r.inSync()) {
            LOG.log(Level.INFO, "dry-run: reconcile would add {0}, remove {1}, fix {2} timeouts ({3} bans held)",
                    added, removed, fixed, held.size());
        }
        return r;
    }

    /** Bans this dry-run backend would hold now. */
    public synchronized int size() {
        return held.size();
    }

    // Not under the lock: status asks on the detection thread, and a reconcile holds the lock while
    // it reads every active ban from the store.
    @Override
    public Health health() {
        return Health.ok("dry run: " + held.size() + " bans logged, nothing enforced");
    }
}
