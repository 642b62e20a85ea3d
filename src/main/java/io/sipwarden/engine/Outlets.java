package io.sipwarden.engine;

import io.sipwarden.decision.Decider;
import io.sipwarden.decision.Decision;
import io.sipwarden.detect.EnrichedEvent;
import io.sipwarden.detect.Finding;
import io.sipwarden.enforce.EnforcerSet;
import io.sipwarden.event.AuthFailure;
import io.sipwarden.event.AuthSuccess;
import io.sipwarden.event.TrapPortTouched;
import io.sipwarden.output.EveFormat;
import io.sipwarden.output.EveOutput;
import io.sipwarden.store.Store;
import java.util.ArrayList;
import java.util.List;

/** The standard downstream stages: store, enforcers and EVE output, as {@link Downstream}s. */
public final class Outlets {
    private Outlets() {
    }

    /** Persists decisions and offences (queued; the store's writer thread commits them). */
    public static Downstream store(Store store) {
        return new Downstream() {
            @Override
            public void event(EnrichedEvent e) {
                // Only the kinds the dashboard shows; formatting every request would cost the hot path.
                if ((e.event() instanceof AuthFailure || e.event() instanceof AuthSuccess || e.event() instanceof TrapPortTouched)
                        && store.acceptsEvents()) {
                    store.recordEvent(e.event().time(), EveFormat.eventType(e.event()),
                            e.event().address().getHostAddress(), EveFormat.eventJson(e));
                }
            }

            @Override
            public void decided(List<Decider.Made> made) {
                for (Decider.Made m : made) {
                    store.save(m.decision());
                    if (m.offence() > 0 && m.decision().scope().isSingleAddress()) {
                        store.recordOffence(m.decision().scope().network(), m.offence(), m.decision().created());
                    }
                }
            }
        };
    }

    /** Hands each batch of decisions to every enforcer in one call. */
    public static Downstream enforcers(EnforcerSet set) {
        return new Downstream() {
            @Override
            public void decided(List<Decider.Made> made) {
                List<Decision> ds = new ArrayList<>(made.size());
                made.forEach(m -> ds.add(m.decision()));
                set.add(ds);
            }
        };
    }

    /** Events (if configured), alerts and decisions as EVE NDJSON. */
    public static Downstream eve(EveOutput out) {
        return new Downstream() {
            @Override
            public void event(EnrichedEvent e) {
                out.event(e);
            }

            @Override
            public void alert(Finding f, EnrichedEvent cause) {
                out.alert(f, cause);
            }

            @Override
            public void decided(List<Decider.Made> made) {
                made.forEach(m -> out.decision(m.decision()));
            }

            @Override
            public void flush() {
                out.flush();
            }
        };
    }
}
