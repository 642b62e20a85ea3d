package io.sipwarden.policy;

import io.sipwarden.config.Asn;
import io.sipwarden.config.Continent;
import io.sipwarden.config.CountryCode;
import io.sipwarden.net.Cidr;
import java.util.List;

/**
 * Places by kind; a location matches the list if it matches any entry of any kind.
 *
 * @param regions ISO 3166-2 codes ({@code US-MN}) or region names as the database gives them
 * @param cities  city names, optionally qualified by country ({@code US/Paris})
 */
public record PlaceList(List<Continent> continents, List<CountryCode> countries, List<Region> regions,
                        List<City> cities, List<Asn> asns, List<Cidr> networks) {

    public PlaceList {
        continents = continents == null ? List.of() : List.copyOf(continents);
        countries = countries == null ? List.of() : List.copyOf(countries);
        regions = regions == null ? List.of() : List.copyOf(regions);
        cities = cities == null ? List.of() : List.copyOf(cities);
        asns = asns == null ? List.of() : List.copyOf(asns);
        networks = networks == null ? List.of() : List.copyOf(networks);
    }

    public static PlaceList empty() {
        return new PlaceList(null, null, null, null, null, null);
    }

    public boolean isEmpty() {
        return continents.isEmpty() && countries.isEmpty() && regions.isEmpty() && cities.isEmpty()
                && asns.isEmpty() && networks.isEmpty();
    }
}
