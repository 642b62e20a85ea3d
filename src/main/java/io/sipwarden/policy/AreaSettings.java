package io.sipwarden.policy;

/**
 * Where attempts may come from: a service's geofence or an endpoint's area.
 *
 * @param allow   if any list is non-empty, a location must match one entry of one list
 * @param deny    a location matching any entry is outside, even if {@code allow} matches
 * @param unknown what to do when the geo database cannot place the address at all
 */
public record AreaSettings(PlaceList allow, PlaceList deny, UnknownLocation unknown) {

    /** The choice for addresses the database does not know. */
    public enum UnknownLocation { ALLOW, DENY }

    public AreaSettings {
        allow = allow == null ? PlaceList.empty() : allow;
        deny = deny == null ? PlaceList.empty() : deny;
        unknown = unknown == null ? UnknownLocation.ALLOW : unknown;
    }

    public static AreaSettings defaults() {
        return new AreaSettings(null, null, null);
    }

    /** No lists at all: the area restricts nothing (whatever {@code unknown} says). */
    public boolean isEmpty() {
        return allow.isEmpty() && deny.isEmpty();
    }
}
