package io.sipwarden.policy;

import io.sipwarden.config.Asn;
import io.sipwarden.config.Continent;
import io.sipwarden.config.CountryCode;
import io.sipwarden.geo.GeoLocation;
import io.sipwarden.net.Cidr;
import java.net.InetAddress;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * A compiled {@link PlaceList}: hash sets per kind and a prefix set for networks, each entry
 * carrying its ready-made explanation ("country CN in policy.deny.countries (file:8)") so a
 * match allocates nothing.
 */
final class PlaceMatcher {

    private final String path;
    private final Map<String, String> continents = new HashMap<>();
    private final Map<String, String> countries = new HashMap<>();
    private final Map<String, String> regions = new HashMap<>();
    private final Map<String, List<Map.Entry<City, String>>> cities = new HashMap<>();
    private final Map<Long, String> asns = new HashMap<>();
    private final PrefixSet<String> networks;
    private final List<String> kinds = new ArrayList<>();
    /** Per kind, " not in policy...countries (file:line)", made once. */
    private final Map<String, String> notIn = new HashMap<>();

    /**
     * @param path  the list's setting path, e.g. {@code policy.geofence.sip.allow}
     * @param where setting path to "file:line" (or "built-in default")
     */
    PlaceMatcher(PlaceList list, String path, Function<String, String> where) {
        this.path = path;
        for (int i = 0; i < list.continents().size(); i++) {
            Continent c = list.continents().get(i);
            continents.putIfAbsent(c.name(), why("continent " + c, "continents", i, where));
        }
        for (int i = 0; i < list.countries().size(); i++) {
            CountryCode c = list.countries().get(i);
            countries.putIfAbsent(c.code(), why("country " + c, "countries", i, where));
        }
        for (int i = 0; i < list.regions().size(); i++) {
            Region r = list.regions().get(i);
            regions.putIfAbsent(r.key(), why("region " + r, "regions", i, where));
        }
        for (int i = 0; i < list.cities().size(); i++) {
            City c = list.cities().get(i);
            cities.computeIfAbsent(c.key(), k -> new ArrayList<>())
                    .add(new AbstractMap.SimpleImmutableEntry<>(c, why("city " + c, "cities", i, where)));
        }
        for (int i = 0; i < list.asns().size(); i++) {
            Asn a = list.asns().get(i);
            asns.putIfAbsent(a.number(), why(a.toString(), "asns", i, where));
        }
        List<Map.Entry<Cidr, String>> nets = new ArrayList<>();
        for (int i = 0; i < list.networks().size(); i++) {
            Cidr c = list.networks().get(i);
            nets.add(new AbstractMap.SimpleImmutableEntry<>(c, why("network " + Shown.cidr(c), "networks", i, where)));
        }
        networks = PrefixSet.of(nets);
        for (String k : List.of("continents", "countries", "regions", "cities", "asns", "networks")) {
            if (!isEmpty(k)) {
                kinds.add(k);
                notIn.put(k, " not in " + path + "." + k + " (" + where.apply(path + "." + k) + ")");
            }
        }
    }

    boolean isEmpty() {
        return kinds.isEmpty();
    }

    String path() {
        return path;
    }

    /** The explanation of the first entry that matches, or null. Networks first: they need no database. */
    String match(InetAddress address, GeoLocation at) {
        String why = networks.isEmpty() ? null : networks.match(address);
        if (why != null) {
            return why;
        }
        if (at.asn() != 0 && !asns.isEmpty() && (why = asns.get(at.asn())) != null) {
            return why;
        }
        if (!at.city().isEmpty() && !cities.isEmpty()) {
            List<Map.Entry<City, String>> named = cities.get(at.city().toLowerCase(Locale.ROOT));
            if (named != null) {
                for (Map.Entry<City, String> e : named) {
                    if (e.getKey().country().isEmpty() || e.getKey().country().equals(at.country())) {
                        return e.getValue();
                    }
                }
            }
        }
        if (!at.region().isEmpty() && !regions.isEmpty() && (why = regions.get(at.region().toLowerCase(Locale.ROOT))) != null) {
            return why;
        }
        if (!at.country().isEmpty() && (why = countries.get(at.country())) != null) {
            return why;
        }
        if (!at.continent().isEmpty() && (why = continents.get(at.continent())) != null) {
            return why;
        }
        return null;
    }

    /**
     * Whether the location has a value for at least one place kind this list uses (true when
     * it uses none, only networks): a country-only database cannot place anyone in a region list.
     */
    boolean canPlace(GeoLocation at) {
        boolean usesPlaces = false;
        for (String k : kinds) {
            boolean has = switch (k) {
                case "continents" -> !at.continent().isEmpty();
                case "countries" -> !at.country().isEmpty();
                case "regions" -> !at.region().isEmpty();
                case "cities" -> !at.city().isEmpty();
                case "asns" -> at.asn() != 0;
                default -> false;
            };
            if (has) {
                return true;
            }
            usesPlaces |= !k.equals("networks");
        }
        return !usesPlaces;
    }

    /** Why nothing matched: each configured kind with the location's value and the list's place. */
    String miss(InetAddress address, GeoLocation at) {
        List<String> parts = new ArrayList<>();
        for (String k : kinds) {
            String value = switch (k) {
                case "continents" -> "continent " + orUnknown(at.continent());
                case "countries" -> "country " + orUnknown(at.country());
                case "regions" -> "region " + orUnknown(at.region());
                case "cities" -> "city " + orUnknown(at.city());
                case "asns" -> at.asn() == 0 ? "AS unknown" : "AS" + at.asn();
                default -> "address " + Shown.address(address);
            };
            parts.add(value + notIn.get(k));
        }
        return String.join("; ", parts);
    }

    /** "countries, regions": the kinds this list uses. */
    String kinds() {
        return String.join(", ", kinds);
    }

    private boolean isEmpty(String kind) {
        return switch (kind) {
            case "continents" -> continents.isEmpty();
            case "countries" -> countries.isEmpty();
            case "regions" -> regions.isEmpty();
            case "cities" -> cities.isEmpty();
            case "asns" -> asns.isEmpty();
            default -> networks.isEmpty();
        };
    }

    private String why(String what, String kind, int index, Function<String, String> where) {
        String setting = path + "." + kind;
        return what + " in " + setting + " (" + where.apply(setting + "[" + index + "]") + ")";
    }

    private static String orUnknown(String s) {
        return s.isEmpty() ? "unknown" : io.sipwarden.decision.Texts.safe(s, 60);
    }
}
