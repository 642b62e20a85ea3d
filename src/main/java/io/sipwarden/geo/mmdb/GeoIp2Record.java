package io.sipwarden.geo.mmdb;

import com.maxmind.db.MaxMindDbConstructor;
import com.maxmind.db.MaxMindDbParameter;
import io.sipwarden.geo.Countries;
import io.sipwarden.geo.GeoLocation;
import java.util.List;

/**
 * (Public only because MaxMind's decoder builds it reflectively.) The parts of a GeoIP2 / GeoLite2 / DB-IP record that a geofence uses. Everything else in the
 * record (names in eight languages, geoname ids, postal codes) is skipped by the decoder, which
 * is what keeps a lookup cheap.
 */
public record GeoIp2Record(Continent continent, Country country, Country registeredCountry,
                    List<Subdivision> subdivisions, Names city, Location location, Traits traits)
        implements MmdbRecord {

    @MaxMindDbConstructor
    public GeoIp2Record(@MaxMindDbParameter(name = "continent") Continent continent,
                 @MaxMindDbParameter(name = "country") Country country,
                 @MaxMindDbParameter(name = "registered_country") Country registeredCountry,
                 @MaxMindDbParameter(name = "subdivisions") List<Subdivision> subdivisions,
                 @MaxMindDbParameter(name = "city") City city,
                 @MaxMindDbParameter(name = "location") Location location,
                 @MaxMindDbParameter(name = "traits") Traits traits) {
        this(continent, country, registeredCountry, subdivisions, city == null ? null : city.names(), location, traits);
    }

    /**
     * Country, else the registered country (some networks have only that); region as
     * ISO 3166-2 ("US-MN") where the file has the code, else the subdivision's name (DB-IP lite).
     */
    @Override
    public GeoLocation toLocation() {
        String cc = Countries.canonical(country == null ? null : country.isoCode());
        if (cc.isEmpty()) {
            cc = Countries.canonical(registeredCountry == null ? null : registeredCountry.isoCode());
        }
        String region = "";
        if (subdivisions != null && !subdivisions.isEmpty() && subdivisions.getFirst() != null) {
            Subdivision s = subdivisions.getFirst();
            if (s.isoCode() != null && !s.isoCode().isEmpty() && !cc.isEmpty()) {
                region = cc + "-" + s.isoCode();
            } else if (s.names() != null) {
                region = MmdbRecord.text(s.names().en());
            }
        }
        return new GeoLocation(
                MmdbRecord.continent(continent == null ? null : continent.code(), cc), cc, region,
                city == null ? "" : MmdbRecord.text(city.en()),
                location == null ? Double.NaN : MmdbRecord.coordinate(location.latitude()),
                location == null ? Double.NaN : MmdbRecord.coordinate(location.longitude()),
                traits == null || traits.asn() == null ? 0 : traits.asn().longValue(),
                traits == null ? "" : MmdbRecord.text(traits.org()));
    }

    /** The continent's two-letter code. */
    public record Continent(String code) {
        @MaxMindDbConstructor
        public Continent(@MaxMindDbParameter(name = "code") String code) {
            this.code = code;
        }
    }

    /** A country's ISO 3166-1 alpha-2 code. */
    public record Country(String isoCode) {
        @MaxMindDbConstructor
        public Country(@MaxMindDbParameter(name = "iso_code") String isoCode) {
            this.isoCode = isoCode;
        }
    }

    /** DB-IP lite gives names only; MaxMind gives the ISO 3166-2 code without the country part. */
    public record Subdivision(String isoCode, Names names) {
        @MaxMindDbConstructor
        public Subdivision(@MaxMindDbParameter(name = "iso_code") String isoCode,
                    @MaxMindDbParameter(name = "names") Names names) {
            this.isoCode = isoCode;
            this.names = names;
        }
    }

    /** A city, by its names. */
    public record City(Names names) {
        @MaxMindDbConstructor
        public City(@MaxMindDbParameter(name = "names") Names names) {
            this.names = names;
        }
    }

    /** Only the English name: decoding the other languages would cost without helping. */
    public record Names(String en) {
        @MaxMindDbConstructor
        public Names(@MaxMindDbParameter(name = "en") String en) {
            this.en = en;
        }
    }

    /** Approximate coordinates. */
    public record Location(Number latitude, Number longitude) {
        @MaxMindDbConstructor
        public Location(@MaxMindDbParameter(name = "latitude") Number latitude,
                 @MaxMindDbParameter(name = "longitude") Number longitude) {
            this.latitude = latitude;
            this.longitude = longitude;
        }
    }

    /** GeoIP2 Enterprise and ISP-flavoured city files carry the ASN here. */
    public record Traits(Number asn, String org) {
        @MaxMindDbConstructor
        public Traits(@MaxMindDbParameter(name = "autonomous_system_number") Number asn,
               @MaxMindDbParameter(name = "autonomous_system_organization") String org) {
            this.asn = asn;
            this.org = org;
        }
    }
}
