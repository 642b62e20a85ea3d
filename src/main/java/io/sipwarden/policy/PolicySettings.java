package io.sipwarden.policy;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Section {@code policy}: trusted sources, explicit deny lists, geofences per service and areas
 * per endpoint. Every part is optional; the default trusts only this host and geofences nothing.
 *
 * @param endpoints           per-endpoint areas, by endpoint (account) name
 * @param defaultEndpointArea the area of every authenticated endpoint without an entry in
 *                            {@code endpoints}; empty lists = no restriction
 */
public record PolicySettings(TrustedSettings trusted, DenySettings deny, GeofenceSettings geofence,
                             Map<String, AreaSettings> endpoints, AreaSettings defaultEndpointArea) {

    public PolicySettings {
        trusted = trusted == null ? TrustedSettings.defaults() : trusted;
        deny = deny == null ? DenySettings.defaults() : deny;
        geofence = geofence == null ? GeofenceSettings.defaults() : geofence;
        Map<String, AreaSettings> copy = new LinkedHashMap<>();
        if (endpoints != null) {
            endpoints.forEach((k, v) -> copy.put(k, v == null ? AreaSettings.defaults() : v));
        }
        endpoints = java.util.Collections.unmodifiableMap(copy);
        defaultEndpointArea = defaultEndpointArea == null ? AreaSettings.defaults() : defaultEndpointArea;
    }

    public static PolicySettings defaults() {
        return new PolicySettings(null, null, null, null, null);
    }
}
