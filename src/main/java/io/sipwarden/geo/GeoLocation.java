package io.sipwarden.geo;

import java.util.Objects;

/**
 * Where an address is, as far as the configured databases know. Any part may be unknown:
 * strings are then "", coordinates NaN, asn 0.
 *
 * @param continent two-letter continent code (AF AN AS EU NA OC SA)
 * @param country   ISO 3166-1 alpha-2
 * @param region    ISO 3166-2 subdivision ("US-MN") where the database has an ISO code, else its name
 * @param city      city name
 */
public record GeoLocation(String continent, String country, String region, String city,
                          double latitude, double longitude, long asn, String org) {

    public static final GeoLocation UNKNOWN = new GeoLocation("", "", "", "", Double.NaN, Double.NaN, 0, "");

    public GeoLocation {
        Objects.requireNonNull(continent, "continent");
        Objects.requireNonNull(country, "country");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(city, "city");
        Objects.requireNonNull(org, "org");
    }

    public boolean isKnown() {
        return !country.isEmpty() || !continent.isEmpty() || asn != 0;
    }

    public boolean hasCoordinates() {
        return !Double.isNaN(latitude) && !Double.isNaN(longitude);
    }

    /** A short human form, e.g. "EU/FR/FR-IDF/Paris AS3215". */
    public String describe() {
        if (!isKnown()) {
            return "unknown";
        }
        StringBuilder b = new StringBuilder();
        for (String part : new String[] {continent, country, region, city}) {
            if (!part.isEmpty()) {
                if (!b.isEmpty()) {
                    b.append('/');
                }
                b.append(part);
            }
        }
        if (asn != 0) {
            b.append(b.isEmpty() ? "" : " ").append("AS").append(asn);
        }
        return b.toString();
    }
}
