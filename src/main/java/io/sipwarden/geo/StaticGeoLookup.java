package io.sipwarden.geo;

import io.sipwarden.net.Addresses;
import io.sipwarden.net.Cidr;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A fixed table of prefixes and their locations, longest prefix wins: for tests of other
 * packages ({@code explain}, rewritten addresses) and for small hand-made overrides.
 */
public final class StaticGeoLookup implements GeoLookup {

    private record Entry(Cidr cidr, GeoLocation location) {
    }

    private final List<Entry> entries;

    private StaticGeoLookup(List<Entry> entries) {
        this.entries = entries.stream()
                .sorted(Comparator.comparingInt((Entry e) -> e.cidr().length()).reversed())
                .toList();
    }

    /**
     * Builds from "CIDR or address" → location, e.g. {@code Map.of("192.0.2.0/24", country("FR"))}.
     *
     * @throws IllegalArgumentException naming the entry if a key is not a prefix
     */
    public static StaticGeoLookup of(Map<String, GeoLocation> table) {
        Objects.requireNonNull(table, "table");
        List<Entry> list = new ArrayList<>();
        new LinkedHashMap<>(table).forEach((k, v) -> list.add(new Entry(Cidr.parse(k), Objects.requireNonNull(v, k))));
        return new StaticGeoLookup(list);
    }

    /** Like {@link #of(Map)} with parsed prefixes. */
    public static StaticGeoLookup ofCidrs(Map<Cidr, GeoLocation> table) {
        Objects.requireNonNull(table, "table");
        List<Entry> list = new ArrayList<>();
        table.forEach((k, v) -> list.add(new Entry(k, Objects.requireNonNull(v, k.toString()))));
        return new StaticGeoLookup(list);
    }

    /** A location that knows only a country (continent derived from it). */
    public static GeoLocation country(String country) {
        String cc = Countries.canonical(country);
        return new GeoLocation(Countries.continentOf(cc), cc, "", "", Double.NaN, Double.NaN, 0, "");
    }

    /** A city-level location with coordinates and ASN, as a city + ASN database would give it. */
    public static GeoLocation place(String country, String region, String city, double latitude, double longitude,
                                    long asn, String org) {
        String cc = Countries.canonical(country);
        return new GeoLocation(Countries.continentOf(cc), cc, region, city, latitude, longitude, asn, org);
    }

    @Override
    public GeoLocation lookup(InetAddress address) {
        InetAddress a = Addresses.unmap(Objects.requireNonNull(address, "address"));
        for (Entry e : entries) {
            if (e.cidr().contains(a)) {
                return e.location();
            }
        }
        return GeoLocation.UNKNOWN;
    }

    @Override
    public String describe() {
        return "static table: " + entries.size() + " prefixes";
    }
}
