package io.sipwarden.endpoint;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.ArrayList;
import java.util.List;

/**
 * Settings of SW-1006 impossible travel ({@code detect.impossible_travel}).
 *
 * @param maxSpeedKmh   faster than this between two sightings is impossible (default 1,000 km/h:
 *                      an airliner, with slack)
 * @param minDistanceKm closer than this never counts (default 100 km: GeoIP city accuracy)
 * @param ban           whether a finding asks for a ban of the new address (default false: alert)
 * @param maxEndpoints  endpoints remembered, least recently seen forgotten first (default 100,000)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TravelSettings(Double maxSpeedKmh, Double minDistanceKm, Boolean ban, Integer maxEndpoints) {

    public static final TravelSettings DEFAULT = new TravelSettings(null, null, null, null);

    public TravelSettings {
        maxSpeedKmh = maxSpeedKmh == null ? 1000.0 : maxSpeedKmh;
        minDistanceKm = minDistanceKm == null ? 100.0 : minDistanceKm;
        ban = ban != null && ban;
        maxEndpoints = maxEndpoints == null ? 100_000 : maxEndpoints;
        // Validated once, when the section is bound: the loader reports it with file and line.
        List<String> wrong = problemsOf(maxSpeedKmh, minDistanceKm, maxEndpoints);
        if (!wrong.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", wrong));
        }
    }

    /** Everything wrong, each naming the setting; empty when valid. */
    public List<String> problems() {
        return problemsOf(maxSpeedKmh, minDistanceKm, maxEndpoints);
    }

    private static List<String> problemsOf(Double maxSpeedKmh, Double minDistanceKm, Integer maxEndpoints) {
        List<String> out = new ArrayList<>();
        if (!(maxSpeedKmh > 0)) {
            out.add("impossible_travel.max_speed_kmh: must be positive, is " + maxSpeedKmh);
        }
        if (!(minDistanceKm >= 0)) {
            out.add("impossible_travel.min_distance_km: must not be negative, is " + minDistanceKm);
        }
        if (maxEndpoints < 1) {
            out.add("impossible_travel.max_endpoints: must be positive, is " + maxEndpoints);
        }
        return out;
    }
}
