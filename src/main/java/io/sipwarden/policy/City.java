package io.sipwarden.policy;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.sipwarden.config.CountryCode;
import java.util.Locale;

/**
 * A city entry: a name ({@code Paris}) or a name qualified by its country ({@code US/Paris},
 * for the Paris in Texas). Compared without regard to case.
 *
 * @param country "" when unqualified
 */
public record City(String country, String name) {

    public City {
        name = name.strip();
        if (name.isEmpty() || name.length() > 100) {
            throw new IllegalArgumentException("a city must be a name such as Paris or US/Paris");
        }
        if (!country.isEmpty() && !CountryCode.isKnown(country)) {
            throw new IllegalArgumentException("unknown country '" + country + "' in city " + country + "/" + name);
        }
    }

    @JsonCreator
    public static City parse(String text) {
        String s = text.strip();
        int slash = s.indexOf('/');
        if (slash == 2) {
            return new City(s.substring(0, 2).toUpperCase(Locale.ROOT), s.substring(3));
        }
        return new City("", s);
    }

    String key() {
        return name.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return country.isEmpty() ? name : country + "/" + name;
    }
}
