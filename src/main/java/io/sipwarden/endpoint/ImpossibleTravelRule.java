package io.sipwarden.endpoint;

import io.sipwarden.detect.Detector;
import io.sipwarden.detect.EnrichedEvent;
import io.sipwarden.detect.FindingSink;
import io.sipwarden.detect.SourceSlot;
import io.sipwarden.event.AuthSuccess;

/**
 * SW-1006 as an engine {@link Detector}: hands each enriched {@link AuthSuccess} (with the
 * location the engine already looked up) to {@link ImpossibleTravel}. Its state is per endpoint,
 * not per source, and bounded by {@code max_endpoints}, so it has no per-source columns.
 */
public final class ImpossibleTravelRule implements Detector {
    private final ImpossibleTravel travel;

    public ImpossibleTravelRule(TravelSettings settings) {
        this.travel = new ImpossibleTravel(settings);
    }

    @Override
    public String rule() {
        return ImpossibleTravel.RULE;
    }

    @Override
    public int revision() {
        return ImpossibleTravel.REVISION;
    }

    @Override
    public void observe(EnrichedEvent e, SourceSlot source, FindingSink out) {
        if (e.event() instanceof AuthSuccess a) {
            travel.observe(a, e.location()).ifPresent(out::report);
        }
    }
}
