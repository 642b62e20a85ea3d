package io.sipwarden.cli;

import io.sipwarden.config.Configuration;
import io.sipwarden.config.Sections;
import io.sipwarden.geo.GeoLocation;
import io.sipwarden.geo.GeoLookup;
import io.sipwarden.geo.load.GeoLoader;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;

/** Where one-shot commands get their {@link GeoLookup}: the databases the {@code geo} section names. */
final class GeoWiring {
    private static final System.Logger LOG = System.getLogger(GeoWiring.class.getName());

    private GeoWiring() {
    }

    /**
     * Opens the configured databases without following changes. A database that cannot be
     * opened is reported and answers "unknown", so a one-shot command still runs.
     */
    static GeoLookup lookup(Configuration config) {
        try {
            return GeoLoader.open(config.section(Sections.GEO), false);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "geo databases unavailable, every location is unknown: " + e.getMessage());
            return new GeoLookup() {
                @Override
                public GeoLocation lookup(InetAddress address) {
                    return GeoLocation.UNKNOWN;
                }

                @Override
                public String describe() {
                    return "no geo database could be opened (" + e.getMessage() + ")";
                }
            };
        }
    }
}
