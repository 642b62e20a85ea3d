package io.sipwarden.policy;

import io.sipwarden.event.Service;

/** Section {@code policy.geofence}: one area per protected service; an empty area fences nothing. */
public record GeofenceSettings(AreaSettings sip, AreaSettings iax, AreaSettings ami, AreaSettings http) {

    public GeofenceSettings {
        sip = sip == null ? AreaSettings.defaults() : sip;
        iax = iax == null ? AreaSettings.defaults() : iax;
        ami = ami == null ? AreaSettings.defaults() : ami;
        http = http == null ? AreaSettings.defaults() : http;
    }

    public static GeofenceSettings defaults() {
        return new GeofenceSettings(null, null, null, null);
    }

    public AreaSettings of(Service service) {
        return switch (service) {
            case SIP -> sip;
            case IAX2 -> iax;
            case AMI -> ami;
            case HTTP -> http;
        };
    }

    /** The configuration key of a service's geofence ({@code iax} for IAX2). */
    public static String key(Service service) {
        return switch (service) {
            case SIP -> "sip";
            case IAX2 -> "iax";
            case AMI -> "ami";
            case HTTP -> "http";
        };
    }
}
