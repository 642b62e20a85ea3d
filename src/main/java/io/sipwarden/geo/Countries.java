package io.sipwarden.geo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Country codes as GeoIP databases spell them: canonical form and the continent each lies on, from
 * an embedded table of every ISO 3166-1 code (for databases that carry no continent).
 */
public final class Countries {

    private static final String TABLE = "country-continent.txt";
    private static final Map<String, String> CONTINENT = load();
    /** Each code of the table mapped to itself: canonical codes are shared instances, hot in the CPU caches. */
    private static final Map<String, String> CODES = codes();

    private Countries() {
    }

    /**
     * The two-letter continent code of a country, or "" if unknown.
     *
     * @param country an ISO 3166-1 alpha-2 code (any case)
     */
    public static String continentOf(String country) {
        if (country == null || country.length() != 2) {
            return "";
        }
        return CONTINENT.getOrDefault(upper(country), "");
    }

    /**
     * The code a geofence compares: upper case; "UK" becomes "GB" (ISO reserves UK for it);
     * the "unknown" markers of the various databases ("??", "ZZ", "XX", "--", "") become "".
     */
    public static String canonical(String country) {
        if (country == null || country.length() != 2) {
            return "";
        }
        String c = upper(country);
        return switch (c) {
            case "UK" -> "GB";
            case "??", "ZZ", "XX", "--" -> "";
            default -> CODES.getOrDefault(c, c);
        };
    }

    /** True for every ISO 3166-1 code and the few vendor codes in the table. */
    public static boolean isKnown(String country) {
        return !continentOf(country).isEmpty();
    }

    static int size() {
        return CONTINENT.size();
    }

    private static String upper(String two) {
        char a = two.charAt(0);
        char b = two.charAt(1);
        if (a >= 'A' && a <= 'Z' && b >= 'A' && b <= 'Z') {
            return two; // the common case: no allocation
        }
        return two.toUpperCase(java.util.Locale.ROOT);
    }

    private static Map<String, String> codes() {
        Map<String, String> m = new HashMap<>(512);
        CONTINENT.keySet().forEach(k -> m.put(k, k));
        return Map.copyOf(m);
    }

    private static Map<String, String> load() {
        Map<String, String> m = new HashMap<>(512);
        try (InputStream in = Countries.class.getResourceAsStream(TABLE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + TABLE + " missing from the build");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.strip().split("\\s+");
                for (int i = 1; i < parts.length; i++) {
                    m.put(parts[i].intern(), parts[0].intern());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.copyOf(m);
    }
}
