package io.sipwarden.cli;

import io.sipwarden.config.Configuration;
import io.sipwarden.geo.GeoLocation;
import io.sipwarden.geo.GeoLookup;
import java.net.InetAddress;

/**
 * Where one-shot commands get their {@link GeoLookup}. The geo package is built in parallel:
 * until it is wired here, lookups answer "unknown" and say so.
 */
final class GeoWiring {
    private GeoWiring() {
    }

    /** Opens the lookup the configuration's {@code geo} section describes. LEAD: wire geo here. */
    static GeoLookup lookup(Configuration config) {
        return new GeoLookup() {
            @Override
            public GeoLocation lookup(InetAddress address) {
                return GeoLocation.UNKNOWN;
            }

            @Override
            public String describe() {
                return "no geo database wired (every location unknown)";
            }
        };
    }
}
