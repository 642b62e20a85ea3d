package io.sipwarden.cli;

import io.sipwarden.config.Configuration;
import io.sipwarden.config.Sections;
import io.sipwarden.detect.Detector;
import io.sipwarden.endpoint.EndpointLocations;
import io.sipwarden.sensor.EventSource;
import io.sipwarden.sensor.ami.AmiClient;
import java.time.InstantSource;
import java.util.List;

/** The sensors and extra rules the configuration asks for, built for {@code run}. */
final class Sensors {
    private static final int MAX_ENDPOINTS = 100_000;

    private Sensors() {
    }

    /** One AMI client per configured connection (none by default). */
    static List<AmiClient> ami(Configuration cfg, InstantSource clock) {
        return AmiClient.fromSettings(cfg.section(Sections.AMI), new EndpointLocations(MAX_ENDPOINTS), clock);
    }

    /** Rules beyond the engine's built-in ones. */
    static List<Detector> extraRules(Configuration cfg) {
        return List.of();
    }

    static List<EventSource> none() {
        return List.of();
    }
}
