package io.sipwarden.enforce.ami;

import io.sipwarden.decision.Decision;
import io.sipwarden.enforce.Enforcer;
import io.sipwarden.sensor.ami.AmiClient;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * {@link CallControl} as an {@link Enforcer}, so the engine treats "hang up the calls" like any
 * other place where a ban takes effect, on every configured PBX. Hanging up is a one-off act:
 * removing a decision does nothing, and reconcile has nothing to repair.
 */
public final class CallControlEnforcer implements Enforcer {
    private final CallControl control;
    private final List<AmiClient> pbxs;
    private final List<Consumer<CallControl.Report>> reports = new CopyOnWriteArrayList<>();

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
            for (AmiClient ami : pbxs) {
                CallControl.Report r = control.apply(d, ami);
                reports.forEach(l -> l.accept(r));
            }
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
