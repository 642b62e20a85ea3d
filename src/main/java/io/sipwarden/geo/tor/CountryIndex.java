package io.sipwarden.geo.tor;

import io.sipwarden.geo.Countries;
import io.sipwarden.geo.GeoLocation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Numbers the country codes of a range table and holds one ready answer per country. */
final class CountryIndex {

    private final Map<String, Short> index = new HashMap<>();
    private final List<GeoLocation> locations = new ArrayList<>();

    /** Synchronized: the IPv4 and IPv6 files are read in parallel. */
    synchronized short index(String country) {
        Short i = index.get(country);
        if (i != null) {
            return i;
        }
        if (locations.size() >= Short.MAX_VALUE) {
            throw new IllegalArgumentException("too many distinct country codes");
        }
        short next = (short) locations.size();
        index.put(country, next);
        locations.add(new GeoLocation(Countries.continentOf(country), country, "", "", Double.NaN, Double.NaN, 0, ""));
        return next;
    }

    synchronized GeoLocation[] toArray() {
        return locations.toArray(GeoLocation[]::new);
    }
}
