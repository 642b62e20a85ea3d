package io.sipwarden.endpoint;

import io.sipwarden.geo.GeoLocation;
import io.sipwarden.geo.GeoLookup;
import io.sipwarden.net.Addresses;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;

/** A GeoLookup built from a map, for tests: unknown addresses are UNKNOWN. */
final class MapGeo implements GeoLookup {
    static final GeoLocation LONDON = city("EU", "GB", "London", 51.5074, -0.1278);
    static final GeoLocation CROYDON = city("EU", "GB", "Croydon", 51.3762, -0.0982);
    static final GeoLocation PARIS = city("EU", "FR", "Paris", 48.8566, 2.3522);
    static final GeoLocation SYDNEY = city("OC", "AU", "Sydney", -33.8688, 151.2093);
    static final GeoLocation PYONGYANG = city("AS", "KP", "Pyongyang", 39.0392, 125.7625);
    /** Known country, no coordinates (a country-only database). */
    static final GeoLocation SOMEWHERE_IN_DE = new GeoLocation("EU", "DE", "", "", Double.NaN, Double.NaN, 0, "");

    private final Map<InetAddress, GeoLocation> map = new HashMap<>();

    static GeoLocation city(String continent, String country, String city, double lat, double lon) {
        return new GeoLocation(continent, country, "", city, lat, lon, 0, "");
    }

    MapGeo put(String address, GeoLocation where) {
        map.put(Addresses.parse(address), where);
        return this;
    }

    @Override
    public GeoLocation lookup(InetAddress address) {
        return map.getOrDefault(address, GeoLocation.UNKNOWN);
    }

    @Override
    public String describe() {
        return "test map, " + map.size() + " addresses";
    }
}
