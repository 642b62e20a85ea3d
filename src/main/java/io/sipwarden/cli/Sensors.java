package io.sipwarden.cli;

import io.sipwarden.config.Configuration;
import io.sipwarden.config.Sections;
import io.sipwarden.detect.Detector;
import io.sipwarden.endpoint.EndpointLocations;
import io.sipwarden.endpoint.ImpossibleTravelRule;
import io.sipwarden.enforce.Enforcer;
import io.sipwarden.enforce.ami.CallControl;
import io.sipwarden.enforce.ami.CallControlEnforcer;
import io.sipwarden.sensor.ami.AmiClient;
import io.sipwarden.sensor.ami.AmiSettings;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;

/**
 * The AMI side of {@code run}: one client per configured PBX, the call-control enforcer that
 * hangs up a banned address's calls, and the impossible-travel rule — all sharing one map of
 * where each endpoint was last seen.
 */
final class Sensors {
    private static final Duration HANGUP_TIMEOUT = Duration.ofSeconds(5);

    private final AmiSettings ami;
    private final EndpointLocations locations;
    private final List<AmiClient> clients;

    Sensors(Configuration cfg, InstantSource clock) {
        this.ami = cfg.section(Sections.AMI);
        this.locations = new EndpointLocations(cfg.section(Sections.TRAVEL).maxEndpoints());
        this.clients = AmiClient.fromSettings(ami, locations, clock);
    }

    /** One AMI client per configured connection (none by default). */
    List<AmiClient> clients() {
        return clients;
    }

    /** Hangs up live calls of banned addresses, when AMI is configured and call control is on. */
    List<Enforcer> enforcers() {
        if (clients.isEmpty() || !ami.callControl().enabled()) {
            return List.of();
        }
        return List.of(new CallControlEnforcer(new CallControl(ami.callControl(), locations, HANGUP_TIMEOUT), clients));
    }

    /** Rules beyond the engine's built-in ones: SW-1006 impossible travel. */
    List<Detector> extraRules(Configuration cfg) {
        return List.of(new ImpossibleTravelRule(cfg.section(Sections.TRAVEL)));
    }
}
