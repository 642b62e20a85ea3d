package io.sipwarden.geo.mmdb;

import com.maxmind.db.MaxMindDbConstructor;
import com.maxmind.db.MaxMindDbParameter;
import io.sipwarden.geo.GeoLocation;

/**
 * (Public only because MaxMind's decoder builds it reflectively.) A record of an ASN database: GeoLite2-ASN, DB-IP ASN lite and the {@code ip-location-db} asn
 * files all use these two keys.
 */
public record AsnRecord(Number asn, String org) implements MmdbRecord {

    @MaxMindDbConstructor
    public AsnRecord(@MaxMindDbParameter(name = "autonomous_system_number") Number asn,
              @MaxMindDbParameter(name = "autonomous_system_organization") String org) {
        this.asn = asn;
        this.org = org;
    }

    @Override
    public GeoLocation toLocation() {
        return new GeoLocation("", "", "", "", Double.NaN, Double.NaN, asn == null ? 0 : asn.longValue(), MmdbRecord.text(org));
    }
}
