package io.sipwarden.geo.mmdb;

import com.maxmind.db.MaxMindDbConstructor;
import com.maxmind.db.MaxMindDbParameter;
import io.sipwarden.geo.Countries;
import io.sipwarden.geo.GeoLocation;

/**
 * (Public only because MaxMind's decoder builds it reflectively.) A record of the flat schema written by the {@code ip-location-db} project ({@code country_code,
 * state1, state2, city, postcode, latitude, longitude, timezone}; country files have only
 * {@code country_code}). There is no continent and no ISO subdivision code.
 */
public record FlatRecord(String countryCode, String state1, String city, Number latitude, Number longitude)
        implements MmdbRecord {

    @MaxMindDbConstructor
    public FlatRecord(@MaxMindDbParameter(name = "country_code") String countryCode,
               @MaxMindDbParameter(name = "state1") String state1,
               @MaxMindDbParameter(name = "city") String city,
               @MaxMindDbParameter(name = "latitude") Number latitude,
               @MaxMindDbParameter(name = "longitude") Number longitude) {
        this.countryCode = countryCode;
        this.state1 = state1;
        this.city = city;
        this.latitude = latitude;
        this.longitude = longitude;
    }

    /** Region is state1 as named: this layout has no ISO 3166-2 code. */
    @Override
    public GeoLocation toLocation() {
        String cc = Countries.canonical(countryCode);
        return new GeoLocation(Countries.continentOf(cc), cc, MmdbRecord.text(state1), MmdbRecord.text(city),
                MmdbRecord.coordinate(latitude), MmdbRecord.coordinate(longitude), 0, "");
    }
}
