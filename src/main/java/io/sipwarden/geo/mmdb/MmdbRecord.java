package io.sipwarden.geo.mmdb;

import io.sipwarden.geo.Countries;
import io.sipwarden.geo.GeoLocation;

/** A decoded database record that knows how to say where it is. */
sealed interface MmdbRecord permits GeoIp2Record, FlatRecord, AsnRecord {

    GeoLocation toLocation();

    static String text(String s) {
        return s == null ? "" : s;
    }

    /**
     * Flat files store floats: rounded to 5 decimals (about a metre, and all a float of a
     * coordinate holds) so 51.5143f reads 51.5143, not 51.51430130004883. Cheaper than
     * going through Float.toString, which showed in the uncached lookup cost.
     */
    static double coordinate(Number d) {
        if (d instanceof Float f) {
            return Math.round(f * 100_000.0) / 100_000.0;
        }
        return d == null ? Double.NaN : d.doubleValue();
    }

    /** The database's continent if it has one, else the one the country lies on. */
    static String continent(String given, String country) {
        return given == null || given.isEmpty() ? Countries.continentOf(country) : given;
    }
}
