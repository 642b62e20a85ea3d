package io.sipwarden.detect;

import io.sipwarden.net.AddressTable;
import io.sipwarden.time.CompactTime;
import java.util.ArrayList;
import java.util.List;

/**
 * All enabled rules over one shared, bounded source table: the detection stage. Feed it
 * {@link EnrichedEvent}s in order on one thread; findings go to the sink. Memory is bounded by
 * {@code detect.max_sources} (sampled LRU beyond) and sources idle longer than
 * {@code detect.source_idle} (event time) are forgotten.
 */
public final class Detection {

    private final List<Detector> rules;
    private final Detector[] ruleArray;
    private final AddressTable sources;
    private final Detector.Columns[] columns;
    private final int idle;
    private final Slot slot = new Slot();
    private int sweep;
    private long expired;

    public Detection(DetectorSettings settings) {
        this(settings, List.of());
    }

    /** @param extra further rules (SW-1006 impossible travel, SW-2xxx fraud) plugged in by their owners */
    public Detection(DetectorSettings settings, List<Detector> extra) {
        List<Detector> r = new ArrayList<>();
        if (settings.geofence().enabled()) {
            r.add(new Geofence(settings.geofence()));
        }
        if (settings.geolock().enabled()) {
            r.add(new Geolock(settings.geolock()));
        }
        if (settings.scanner().enabled()) {
            r.add(new Scanner(settings.scanner()));
        }
        if (settings.enumeration().enabled()) {
            r.add(new Enumeration(settings.enumeration()));
        }
        if (settings.bruteForce().enabled()) {
            r.add(FailedLogins.bruteForce(settings.bruteForce()));
        }
        if (settings.manager().enabled()) {
            r.add(FailedLogins.manager(settings.manager()));
        }
        r.addAll(extra);
        this.rules = List.copyOf(r);
        this.ruleArray = r.toArray(Detector[]::new);
        this.columns = r.stream().map(Detector::columns).filter(c -> c != null).toArray(Detector.Columns[]::new);
        this.idle = CompactTime.seconds(settings.sourceIdle());
        this.sources = new AddressTable(settings.maxSources(), new AddressTable.Columns() {
            @Override
            public void grow(int capacity) {
                for (Detector.Columns c : columns) {
                    c.grow(capacity);
                }
            }

            @Override
            public void clear(int s) {
                for (Detector.Columns c : columns) {
                    c.clear(s);
                }
            }
        });
    }

    /** Runs every rule over one event. */
    public void observe(EnrichedEvent event, FindingSink out) {
        slot.reset(event);
        for (Detector d : ruleArray) {
            d.observe(event, slot, out);
        }
    }

    public List<Detector> rules() {
        return rules;
    }

    /** Sources currently holding state. */
    public int trackedSources() {
        return sources.size();
    }

    /** Sources dropped because the table was full. */
    public long evictedSources() {
        return sources.evictions();
    }

    /** Sources forgotten because they were idle. */
    public long expiredSources() {
        return expired;
    }

    /** Resolves the source slot only when a stateful rule asks for it. */
    private final class Slot implements SourceSlot {
        private EnrichedEvent event;
        private int now;
        private int slot;

        void reset(EnrichedEvent e) {
            this.event = e;
            this.now = CompactTime.of(e.event().time());
            this.slot = -1;
        }

        @Override
        public int now() {
            return now;
        }

        @Override
        public int slot() {
            if (slot < 0) {
                var a = event.event().address();
                long h = AddressTable.keyHi(a);
                long l = AddressTable.keyLo(a);
                int before = sources.size();
                int s = sources.findOrAdd(h, l, now);
                if (sources.size() > before) {
                    sweepIdle(2);
                } else if (now - sources.stamp(s) > idle) {
                    for (Detector.Columns c : columns) {
                        c.clear(s);
                    }
                    expired++;
                }
                if (now > sources.stamp(s)) {
                    sources.stamp(s, now);
                }
                slot = s;
            }
            return slot;
        }

        /** Incremental idle sweep: a couple of slots per new source keeps the table tidy. */
        private void sweepIdle(int n) {
            int hw = sources.highWater();
            for (int i = 0; i < n && hw > 0; i++) {
                sweep = sweep + 1 >= hw ? 0 : sweep + 1;
                if (sources.isLive(sweep) && now - sources.stamp(sweep) > idle) {
                    sources.remove(sweep);
                    expired++;
                }
            }
        }
    }
}
