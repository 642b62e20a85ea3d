package io.sipwarden.policy;

import io.sipwarden.config.Asn;
import io.sipwarden.config.Continent;
import io.sipwarden.config.CountryCode;
import io.sipwarden.net.Cidr;
import java.util.List;

/** Section {@code policy.deny}: sources banned on sight, whatever the service or endpoint. */
public record DenySettings(List<Cidr> networks, List<Asn> asns, List<CountryCode> countries, List<Continent> continents) {

    public DenySettings {
        networks = networks == null ? List.of() : List.copyOf(networks);
        asns = asns == null ? List.of() : List.copyOf(asns);
        countries = countries == null ? List.of() : List.copyOf(countries);
        continents = continents == null ? List.of() : List.copyOf(continents);
    }

    public static DenySettings defaults() {
        return new DenySettings(null, null, null, null);
    }

    public boolean isEmpty() {
        return networks.isEmpty() && asns.isEmpty() && countries.isEmpty() && continents.isEmpty();
    }
}
