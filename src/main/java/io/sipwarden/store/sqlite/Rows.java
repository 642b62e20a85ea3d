package io.sipwarden.store.sqlite;

import io.sipwarden.decision.Decision;
import io.sipwarden.decision.Origin;
import io.sipwarden.geo.GeoLocation;
import io.sipwarden.net.Cidr;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;

/** Decision ⇄ row mapping (column order of {@link #INSERT} and {@link #COLUMNS}). */
final class Rows {
    private Rows() {
    }

    static final String COLUMNS = "id, scope, type, origin_kind, origin_name, origin_revision, reason, continent, country, region, city,"
            + " latitude, longitude, asn, org, first_evidence, last_evidence, created, until";

    static final String INSERT = "INSERT OR REPLACE INTO decisions(" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";

    static void bind(PreparedStatement ps, Decision d) throws SQLException {
        GeoLocation g = d.location();
        ps.setString(1, d.id());
        ps.setString(2, d.scope().toString());
        ps.setString(3, d.type().name());
        ps.setString(4, d.origin().kind().name());
        ps.setString(5, d.origin().name());
        ps.setInt(6, d.origin().revision());
        ps.setString(7, d.reason());
        ps.setString(8, g.continent());
        ps.setString(9, g.country());
        ps.setString(10, g.region());
        ps.setString(11, g.city());
        if (g.hasCoordinates()) {
            ps.setDouble(12, g.latitude());
            ps.setDouble(13, g.longitude());
        } else {
            ps.setNull(12, Types.REAL);
            ps.setNull(13, Types.REAL);
        }
        ps.setLong(14, g.asn());
        ps.setString(15, g.org());
        ps.setLong(16, d.firstEvidence().toEpochMilli());
        ps.setLong(17, d.lastEvidence().toEpochMilli());
        ps.setLong(18, d.created().toEpochMilli());
        ps.setLong(19, d.until().toEpochMilli());
    }

    static Decision read(ResultSet rs) throws SQLException {
        double lat = rs.getDouble(12);
        if (rs.wasNull()) {
            lat = Double.NaN;
        }
        double lon = rs.getDouble(13);
        if (rs.wasNull()) {
            lon = Double.NaN;
        }
        GeoLocation g = new GeoLocation(rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11),
                lat, lon, rs.getLong(14), rs.getString(15));
        if (!g.isKnown() && !g.hasCoordinates()) {
            g = GeoLocation.UNKNOWN;
        }
        return new Decision(rs.getString(1), Cidr.parse(rs.getString(2)), Decision.Type.valueOf(rs.getString(3)),
                new Origin(Origin.Kind.valueOf(rs.getString(4)), rs.getString(5), rs.getInt(6)), rs.getString(7), g,
                Instant.ofEpochMilli(rs.getLong(16)), Instant.ofEpochMilli(rs.getLong(17)),
                Instant.ofEpochMilli(rs.getLong(18)), Instant.ofEpochMilli(rs.getLong(19)));
    }
}
