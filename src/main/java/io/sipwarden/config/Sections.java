package io.sipwarden.config;

import io.sipwarden.decision.BanSettings;
import io.sipwarden.detect.DetectorSettings;
import io.sipwarden.enforce.EnforceSettings;
import io.sipwarden.geo.GeoSettings;
import io.sipwarden.output.OutputSettings;
import io.sipwarden.policy.PolicySettings;
import io.sipwarden.sensor.ami.AmiSettings;
import io.sipwarden.sensor.log.LogSettings;
import io.sipwarden.store.StoreSettings;
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
    public static final Section<LogSettings> LOG = new Section<>("log", LogSettings.class);
    public static final Section<GeoSettings> GEO = new Section<>("geo", GeoSettings.class);
    public static final Section<DetectorSettings> DETECTORS = new Section<>("detect", DetectorSettings.class);
    public static final Section<BanSettings> BANS = new Section<>("ban", BanSettings.class);
    public static final Section<StoreSettings> STORE = new Section<>("store", StoreSettings.class);
    public static final Section<OutputSettings> OUTPUTS = new Section<>("output", OutputSettings.class);
    public static final Section<EnforceSettings> ENFORCE = new Section<>("enforce", EnforceSettings.class);
    public static final Section<io.sipwarden.audit.AuditSettings> AUDIT =
            new Section<>("audit", io.sipwarden.audit.AuditSettings.class);
    public static final Section<io.sipwarden.endpoint.TravelSettings> TRAVEL =
            new Section<>("impossible_travel", io.sipwarden.endpoint.TravelSettings.class);
    public static final Section<AmiSettings> AMI = new Section<>("ami", AmiSettings.class);

    /** The registry, in the order `config check` lists them. */
    public static final List<Section<?>> ALL = List.of(
            GENERAL,
            POLICY,
            LOG,
            GEO,
            DETECTORS,
            BANS,
            STORE,
            OUTPUTS,
            ENFORCE,
            AMI,
            TRAVEL,
            AUDIT
    );

    private Sections() {
    }
}
