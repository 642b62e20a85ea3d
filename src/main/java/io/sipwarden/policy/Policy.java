package io.sipwarden.policy;

import io.sipwarden.event.Service;
import io.sipwarden.geo.GeoLocation;
import io.sipwarden.net.Cidr;
import java.net.InetAddress;
import java.util.List;

/**
 * The configured policy, evaluated in DESIGN.md's order (first match wins): trusted, explicit
 * deny, geofence per service with per-endpoint overrides, then "no opinion" (detectors decide).
 * Thread-safe; evaluation never does I/O (trusted host names are re-resolved in the background).
 */
public interface Policy {

    /**
     * @param endpoint the endpoint or account the attempt concerns, or "" if none is known.
     *                 Only endpoints that authenticated may select a per-endpoint override.
     */
    Verdict evaluate(InetAddress address, Service service, String endpoint, GeoLocation location);

    /** True for addresses that must never be banned (trusted networks/hosts, loopback, own addresses). */
    boolean isTrusted(InetAddress address);

    /**
     * Everything trusted now as prefixes and single addresses (trusted networks, this host's
     * addresses, trusted hosts' current addresses), so that a prefix ban that merely contains one
     * can be refused: {@link #isTrusted} can only answer for single addresses.
     */
    default List<Cidr> trustedScopes() {
        return List.of();
    }
}
