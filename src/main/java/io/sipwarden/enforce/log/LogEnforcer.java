package io.sipwarden.enforce.log;

import io.sipwarden.decision.Decision;
import io.sipwarden.decision.Texts;
import io.sipwarden.enforce.Enforcer;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.Collection;

/** The dry-run backend: logs what would be banned or lifted and touches no kernel state. */
public final class LogEnforcer implements Enforcer {
    private static final System.Logger LOG = System.getLogger(LogEnforcer.class.getName());

    @Override
    public String name() {
        return "log";
    }

    @Override
    public void add(Collection<Decision> decisions) {
        for (Decision d : decisions) {
            LOG.log(Level.INFO, "would " + d.type().name().toLowerCase(java.util.Locale.ROOT) + " " + d.scope()
                    + " until " + d.until() + ": " + Texts.safe(d.reason(), 200));
        }
    }

    @Override
    public void remove(Collection<Decision> decisions) {
        decisions.forEach(d -> LOG.log(Level.INFO, "would lift " + d.scope() + " (" + d.id() + ")"));
    }

    @Override
    public ReconcileReport reconcile(Collection<Decision> active, Instant now) {
        return new ReconcileReport(0, 0, 0, false);
    }

    @Override
    public Health health() {
        return Health.ok("log only (dry run): nothing is dropped");
    }
}
