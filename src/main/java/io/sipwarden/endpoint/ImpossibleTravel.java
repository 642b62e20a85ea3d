package io.sipwarden.endpoint;

import io.sipwarden.decision.Texts;
import io.sipwarden.detect.Finding;
import io.sipwarden.event.AuthSuccess;
import io.sipwarden.event.SecurityEvent;
import io.sipwarden.geo.GeoLocation;
import io.sipwarden.geo.GeoLookup;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * SW-1006 impossible travel: one endpoint authenticating from two places too far apart for the
 * time between them. Runs on event time. Rules that keep it quiet where it should be:
 * re-authentication from the same address never triggers, addresses without coordinates never
 * trigger (and never move the reference), distances under {@code min_distance_km} never
 * trigger. The reference is the last sighting that did not trigger, so after a hijack the
 * legitimate user's next login (from the old place) is not reported as travel back.
 */
public final class ImpossibleTravel {

    public static final String RULE = "SW-1006";
    public static final int REVISION = 1;
    private static final double EARTH_RADIUS_KM = 6371.0088;

    private final TravelSettings settings;
    private final GeoLookup geo;
    private final Map<String, Anchor> anchors;

    private record Anchor(Instant time, InetAddress address, GeoLocation location) {
    }

    /** For the engine: locations come with each event ({@link #observe(AuthSuccess, GeoLocation)}). */
    public ImpossibleTravel(TravelSettings settings) {
        this(settings, new GeoLookup() {
            @Override
            public GeoLocation lookup(InetAddress address) {
                return GeoLocation.UNKNOWN;
            }

            @Override
            public String describe() {
                return "none";
            }
        });
    }

    /** Standalone: looks each address up itself ({@link #observe(SecurityEvent)}). */
    public ImpossibleTravel(TravelSettings settings, GeoLookup geo) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.geo = Objects.requireNonNull(geo, "geo");
        int max = settings.maxEndpoints();
        this.anchors = new LinkedHashMap<>(256, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Anchor> eldest) {
                return size() > max;
            }
        };
    }

    /** Looks at one event with this instance's GeoLookup; only {@link AuthSuccess} matters. */
    public Optional<Finding> observe(SecurityEvent event) {
        if (!(event instanceof AuthSuccess auth)) {
            return Optional.empty();
        }
        return observe(auth, null);
    }

    /**
     * Looks at one successful authentication whose location is already known (the engine's
     * enrichment); {@code here == null} means "look it up".
     */
    public synchronized Optional<Finding> observe(AuthSuccess auth, GeoLocation known) {
        String key = EndpointLocations.key(auth.meta().stack(), auth.account());
        InetAddress address = auth.address();
        Anchor prev = anchors.get(key);
        if (prev != null && prev.address().equals(address)) {
            anchors.put(key, new Anchor(later(prev.time(), auth.time()), address, prev.location()));
            return Optional.empty();
        }
        GeoLocation here = known != null ? known : geo.lookup(address);
        if (!here.hasCoordinates()) {
            return Optional.empty();
        }
        Anchor now = new Anchor(auth.time(), address, here);
        if (prev == null) {
            anchors.put(key, now);
            return Optional.empty();
        }
        double km = distanceKm(prev.location(), here);
        if (km < settings.minDistanceKm()) {
            anchors.put(key, now);
            return Optional.empty();
        }
        // Events of two sensors may arrive slightly out of order: the gap is what matters.
        Duration gap = Duration.between(prev.time(), auth.time()).abs();
        // Not gap.toNanos(): it overflows for gaps beyond 292 years (a garbled year in an event),
        // and the exception came before the anchor moved, so every later sighting failed again.
        double hours = gap.getSeconds() / 3600.0 + gap.getNano() / 3.6e12;
        double speed = hours == 0 ? Double.POSITIVE_INFINITY : km / hours;
        if (speed <= settings.maxSpeedKmh()) {
            anchors.put(key, now);
            return Optional.empty();
        }
        String reason = String.format(Locale.ROOT,
                "endpoint %s authenticated from %s (%s) %s after %s (%s): %,.0f km, %s > %,.0f km/h",
                Texts.safe(auth.account(), 64), address.getHostAddress(), here.describe(), human(gap),
                prev.address().getHostAddress(), prev.location().describe(), km,
                Double.isInfinite(speed) ? "at once" : String.format(Locale.ROOT, "%,.0f km/h", speed),
                settings.maxSpeedKmh());
        Instant first = prev.time().isBefore(auth.time()) ? prev.time() : auth.time();
        return Optional.of(new Finding(RULE, REVISION, address, Finding.Severity.HIGH, reason, auth.account(),
                first, later(prev.time(), auth.time()), 2, settings.ban()));
    }

    /** Great-circle distance (haversine). */
    static double distanceKm(GeoLocation a, GeoLocation b) {
        double p1 = Math.toRadians(a.latitude());
        double p2 = Math.toRadians(b.latitude());
        double dp = p2 - p1;
        double dl = Math.toRadians(b.longitude() - a.longitude());
        double h = Math.sin(dp / 2) * Math.sin(dp / 2) + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) * Math.sin(dl / 2);
        return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static String human(Duration d) {
        long s = d.toSeconds();
        if (s < 120) {
            return s + " s";
        }
        if (s < 7200) {
            return (s / 60) + " min";
        }
        return String.format(Locale.ROOT, "%.1f h", s / 3600.0);
    }

    synchronized int tracked() {
        return anchors.size();
    }
}
