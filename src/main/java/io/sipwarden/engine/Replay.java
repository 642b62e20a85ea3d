package io.sipwarden.engine;

import io.sipwarden.decision.BanBook;
import io.sipwarden.decision.Decider;
import io.sipwarden.decision.Decision;
import io.sipwarden.decision.TrustGuard;
import io.sipwarden.detect.Detection;
import io.sipwarden.detect.Detector;
import io.sipwarden.event.SecurityEvent;
import io.sipwarden.geo.GeoLookup;
import io.sipwarden.policy.Policy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The engine over recorded events, synchronously and on event time: what would have been banned.
 * Runs exactly the code the daemon runs; only the clock (the events' own) and the absence of a
 * queue differ. Nothing is stored or enforced unless a downstream is passed in.
 */
public final class Replay {
    private static final int BATCH = 1024;

    private Replay() {
    }

    public static ReplayResult run(Iterator<SecurityEvent> events, EngineSettings settings, Policy policy, GeoLookup geo) {
        return run(events, settings, policy, geo, List.of(), List.of());
    }

    /**
     * @param extraRules  rules beyond the built-in ones (e.g. SW-1006)
     * @param downstream  extra consumers (an EVE writer, a printer); decisions are also collected
     */
    public static ReplayResult run(Iterator<SecurityEvent> events, EngineSettings settings, Policy policy, GeoLookup geo,
                                   List<Detector> extraRules, List<Downstream> downstream) {
        EventClock clock = new EventClock(Instant.EPOCH);
        Decider decider = new Decider(settings.ban(), new TrustGuard(policy::isTrusted, policy::trustedScopes),
                new BanBook(settings.ban().maxOffenders(), settings.ban().decay()));
        List<Decision> decided = new ArrayList<>();
        List<Downstream> all = new ArrayList<>(downstream);
        all.add(new Downstream() {
            @Override
            public void decided(List<Decider.Made> made) {
                made.forEach(m -> decided.add(m.decision()));
            }
        });
        Engine engine = new Engine(new Enricher(policy, geo), new Detection(settings.detect(), extraRules), decider, clock, all);
        Instant started = null;
        int n = 0;
        while (events.hasNext()) {
            SecurityEvent e = events.next();
            if (e == null) {
                continue;
            }
            if (started == null) {
                started = e.time();
            }
            engine.process(e);
            if (++n % BATCH == 0) {
                engine.endBatch();
            }
        }
        engine.endBatch();
        Instant end = clock.instant();
        return new ReplayResult(decided, StatusBuilder.of(engine, started == null ? end : started, end, 0, 0, List.of(), null));
    }
}
