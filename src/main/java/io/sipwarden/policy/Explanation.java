package io.sipwarden.policy;

import io.sipwarden.event.Service;
import io.sipwarden.geo.GeoLocation;
import java.net.InetAddress;
import java.util.List;
import java.util.Objects;

/**
 * Every policy step evaluated for one address, in order, and the verdict: what
 * {@code sipwarden explain} prints.
 */
public record Explanation(InetAddress address, Service service, String endpoint, GeoLocation location,
                          List<Step> steps, Verdict verdict) {

    /**
     * One step.
     *
     * @param name    "trusted", "deny", "local", "geofence.sip", "endpoint.alice", "detectors"
     * @param decided whether this step gave the verdict (evaluation stops there)
     * @param why     what was compared, naming the setting and where it was written
     */
    public record Step(String name, boolean decided, String why) {
        public Step {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(why, "why");
        }
    }

    public Explanation {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(location, "location");
        steps = List.copyOf(steps);
        Objects.requireNonNull(verdict, "verdict");
    }

    /** The address as people write it (IPv6 shortened: {@code 2001:db8::5}). */
    public String addressText() {
        return Shown.address(address);
    }
}
