package io.sipwarden.config;

import io.sipwarden.policy.PolicySettings;
import java.util.List;

/**
 * Every top-level section of sipwarden.yml and the record that owns it. A key not listed here
 * is an error. To add a section, add one line to {@link #ALL}:
 * {@code new Section<>("logs", io.sipwarden.sensor.log.LogSettings.class),}
 * and read it with {@code configuration.section("logs", LogSettings.class)}.
 */
public final class Sections {

    public static final Section<GeneralSettings> GENERAL = new Section<>("general", GeneralSettings.class);
    public static final Section<PolicySettings> POLICY = new Section<>("policy", PolicySettings.class);

    /** The registry, in the order `config check` lists them. */
    public static final List<Section<?>> ALL = List.of(
            GENERAL,
            POLICY
            // logs (sensor.log.LogSettings), geo (geo.GeoSettings), detectors, bans, store,
            // outputs, enforce, ami: their owners add one line each here.
    );

    private Sections() {
    }
}
