package io.sipwarden.geo.mmdb;

import com.maxmind.db.DatabaseRecord;
import com.maxmind.db.InvalidNetworkException;
import com.maxmind.db.Networks;
import com.maxmind.db.Reader;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;

/** The record layouts SIPWarden can read from a MaxMind DB file. */
public enum Schema {
    /** GeoIP2 / GeoLite2 / DB-IP: nested continent, country, subdivisions, city, location. */
    GEOIP2,
    /** The ip-location-db flat layout: country_code, state1, city, latitude, longitude. */
    FLAT,
    /** autonomous_system_number, autonomous_system_organization. */
    ASN;

    private static final int SHAPE_SAMPLES = 64;

    /**
     * Decides from the record shape (the keys of the first records), using {@code database_type}
     * only when the shape says nothing: a renamed or repackaged file still reads right.
     *
     * @throws IOException if neither tells (the file is not a location or ASN database)
     */
    static Schema detect(Reader reader) throws IOException {
        Schema byShape = byShape(reader);
        if (byShape != null) {
            return byShape;
        }
        Schema byType = byType(reader.getMetadata().databaseType());
        if (byType != null) {
            return byType;
        }
        throw new IOException("unrecognised database: type '" + reader.getMetadata().databaseType()
                + "' and no record has country, country_code or autonomous_system_number");
    }

    static Schema byType(String databaseType) {
        String t = databaseType == null ? "" : databaseType.toLowerCase(Locale.ROOT);
        if (t.contains("asn")) {
            return t.contains("country") ? null : ASN;
        }
        if (t.startsWith("geoip2") || t.startsWith("geolite2") || t.startsWith("dbip") || t.startsWith("geoip")) {
            return GEOIP2;
        }
        if (t.matches("(city|country|location)\\s+ipv(4|6|all)")) {
            return FLAT;
        }
        return null;
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Schema byShape(Reader reader) throws IOException {
        Networks<Map> networks;
        try {
            networks = reader.networks(false, Map.class);
        } catch (InvalidNetworkException e) {
            throw new IOException(e.getMessage(), e);
        }
        for (int i = 0; i < SHAPE_SAMPLES && networks.hasNext(); i++) {
            DatabaseRecord<Map> r = networks.next();
            Map<String, ?> m = r.data();
            if (m == null) {
                continue;
            }
            if (m.containsKey("country_code")) {
                return FLAT;
            }
            if (m.containsKey("country") || m.containsKey("continent") || m.containsKey("registered_country")
                    || m.containsKey("city") || m.containsKey("subdivisions")) {
                return GEOIP2;
            }
            if (m.containsKey("autonomous_system_number")) {
                return ASN;
            }
        }
        return null;
    }
}
