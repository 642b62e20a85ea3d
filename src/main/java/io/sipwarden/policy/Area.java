package io.sipwarden.policy;

import io.sipwarden.geo.GeoLocation;
import java.net.InetAddress;
import java.util.function.Function;

/** A compiled {@link AreaSettings}: decides whether a location is inside a geofence or endpoint area. */
final class Area {

    /** The answer, with the sentence that explains it. */
    record Check(boolean inside, String why) {
    }

    private final String path;
    private final PlaceMatcher allow;
    private final PlaceMatcher deny;
    private final AreaSettings.UnknownLocation unknown;
    private final Check unrestricted;
    private final Check unknownCheck;

    /** @param path the area's setting path, e.g. {@code policy.geofence.sip} */
    Area(AreaSettings settings, String path, Function<String, String> where) {
        this.path = path;
        this.allow = new PlaceMatcher(settings.allow(), path + ".allow", where);
        this.deny = new PlaceMatcher(settings.deny(), path + ".deny", where);
        this.unknown = settings.unknown();
        this.unrestricted = new Check(true, path + " has no allow or deny list: no restriction");
        String choice = unknown.name().toLowerCase(java.util.Locale.ROOT);
        this.unknownCheck = new Check(unknown == AreaSettings.UnknownLocation.ALLOW,
                "the geo database does not know this address and " + path + ".unknown is " + choice
                        + " (" + where.apply(path + ".unknown") + ")");
    }

    boolean isEmpty() {
        return allow.isEmpty() && deny.isEmpty();
    }

    String path() {
        return path;
    }

    Check check(InetAddress address, GeoLocation at) {
        if (isEmpty()) {
            return unrestricted;
        }
        String why = deny.match(address, at);
        if (why != null) {
            return new Check(false, why);
        }
        if (!allow.isEmpty() && (why = allow.match(address, at)) != null) {
            return new Check(true, why);
        }
        if (!at.isKnown()) {
            return unknownCheck;
        }
        if (!allow.isEmpty()) {
            return new Check(false, allow.miss(address, at));
        }
        return new Check(true, deny.miss(address, at));
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
        return b.append("; unknown locations: ").append(unknown.name().toLowerCase(java.util.Locale.ROOT)).toString();
    }
}
