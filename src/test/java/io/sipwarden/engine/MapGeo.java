package io.sipwarden.engine;

import io.sipwarden.geo.GeoLocation;
import io.sipwarden.geo.GeoLookup;
import io.sipwarden.net.Addresses;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;

/** Locations written out as data for tests: address → country (continent derived from a small table). */
public final class MapGeo implements GeoLookup {
    private final Map<InetAddress, GeoLocation> map = new HashMap<>();

    public MapGeo put(String address, String continent, String country) {
        map.put(Addresses.parse(address), new GeoLocation(continent, country, "", "", Double.NaN, Double.NaN, 0, ""));
        return this;
    }

    @Override
    public GeoLocation lookup(InetAddress address) {
        return map.getOrDefault(address, GeoLocation.UNKNOWN);
    }

    @Override
    public String describe() {
        return "test map of " + map.size() + " addresses";
    }
}
