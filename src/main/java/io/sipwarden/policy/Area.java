package io.sipwarden.policy;

import io.sipwarden.geo.GeoLocation;
import io.sipwarden.policy.Verdict.Outcome;
import java.net.InetAddress;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A compiled {@link AreaSettings}: a service's geofence or an endpoint's area. Answers with a
 * verdict, ALLOWED when inside; the verdicts for matching entries are made once and reused, so
 * the common case allocates nothing.
 */
final class Area {

    private final String path;
    private final String step;
    private final Outcome outside;
    private final PlaceMatcher allow;
    private final PlaceMatcher deny;
    private final Verdict unrestricted;
    private final Verdict unknown;
    private final AreaSettings.UnknownLocation unknownChoice;
    /** One verdict per list entry that ever matched: bounded by the number of entries. */
    private final Map<String, Verdict> hits = new ConcurrentHashMap<>();

    /**
     * @param path    the area's setting path, e.g. {@code policy.geofence.sip}
     * @param step    the verdict's step name, e.g. {@code geofence.sip}
     * @param outside the outcome when outside
     */
    Area(AreaSettings settings, String path, String step, Outcome outside, Function<String, String> where) {
        this.path = path;
        this.step = step;
        this.outside = outside;
        this.allow = new PlaceMatcher(settings.allow(), path + ".allow", where);
        this.deny = new PlaceMatcher(settings.deny(), path + ".deny", where);
        this.unknownChoice = settings.unknown();
        this.unrestricted = new Verdict(Outcome.ALLOWED, step, path + " has no allow or deny list: no restriction");
        String choice = unknownChoice.name().toLowerCase(Locale.ROOT);
        this.unknown = new Verdict(unknownChoice == AreaSettings.UnknownLocation.ALLOW ? Outcome.ALLOWED : outside, step,
                "the geo database cannot place this address at the level " + path + " uses, and " + path + ".unknown is " + choice
                        + " (" + where.apply(path + ".unknown") + ")");
    }

    boolean isEmpty() {
        return allow.isEmpty() && deny.isEmpty();
    }

    String step() {
        return step;
    }

    Verdict check(InetAddress address, GeoLocation at) {
        if (isEmpty()) {
            return unrestricted;
        }
        String why = deny.isEmpty() ? null : deny.match(address, at);
        if (why != null) {
            return hit(outside, why);
        }
        if (!allow.isEmpty() && (why = allow.match(address, at)) != null) {
            return hit(Outcome.ALLOWED, why);
        }
        // The lists that decide from here on must be able to place the address at all.
        PlaceMatcher deciding = allow.isEmpty() ? deny : allow;
        if (!deciding.canPlace(at)) {
            return unknown;
        }
        if (!allow.isEmpty()) {
            return new Verdict(outside, step, allow.miss(address, at));
        }
        return new Verdict(Outcome.ALLOWED, step, deny.miss(address, at));
    }

    private Verdict hit(Outcome outcome, String why) {
        Verdict v = hits.get(why);
        if (v == null) {
            v = new Verdict(outcome, step, why);
            hits.putIfAbsent(why, v);
        }
        return v;
    }

    /** One line for {@code config check}: what the area restricts. */
    String summary() {
        if (isEmpty()) {
            return "no restriction";
        }
        StringBuilder b = new StringBuilder();
        if (!allow.isEmpty()) {
            b.append("allow ").append(allow.kinds());
        }
        if (!deny.isEmpty()) {
            b.append(b.isEmpty() ? "" : "; ").append("deny ").append(deny.kinds());
        }
        return b.append("; unknown locations: ").append(unknownChoice.name().toLowerCase(Locale.ROOT)).toString();
    }
}
