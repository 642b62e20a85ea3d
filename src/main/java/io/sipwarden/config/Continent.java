package io.sipwarden.config;

import java.util.Locale;

/** The seven continent codes GeoIP databases use. */
public enum Continent {
    AF, AN, AS, EU, NA, OC, SA;

    /** Accepts any case: {@code eu} is EU. */
    public static Continent parse(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown continent code '" + text.strip() + "' (one of AF AN AS EU NA OC SA)");
        }
    }
}
