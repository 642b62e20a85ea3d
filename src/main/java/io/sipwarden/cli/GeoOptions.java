package io.sipwarden.cli;

import io.sipwarden.config.ConfigLoader;
import io.sipwarden.config.ConfigException;
import io.sipwarden.config.Sections;
import io.sipwarden.geo.GeoSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Where the geo commands find their databases: the configuration's {@code geo} section
 * ({@code --config}, default /etc/sipwarden/sipwarden.yml), overridden by {@code --db} files in
 * order and the Tor file options.
 */
final class GeoOptions {

    @Option(names = "--config", paramLabel = "FILE",
            description = "Configuration file whose geo section names the databases (default: /etc/sipwarden/sipwarden.yml).")
    Path config;

    @Option(names = "--db", paramLabel = "PATH",
            description = "MaxMind DB file (GeoIP2/GeoLite2, DB-IP, ip-location-db, ASN); repeat, best first")
    List<String> databases = new ArrayList<>();

    @Option(names = "--tor-geoip", paramLabel = "PATH",
            description = "Tor IPv4 range file (default: geo.tor_geoip, " + GeoSettings.DEFAULT_TOR_GEOIP + ")")
    String torGeoip;

    @Option(names = "--tor-geoip6", paramLabel = "PATH",
            description = "Tor IPv6 range file (default: geo.tor_geoip6, " + GeoSettings.DEFAULT_TOR_GEOIP6 + ")")
    String torGeoip6;

    @Option(names = "--no-tor", description = "do not fall back to the Tor range files")
    boolean noTor;

    /**
     * The configured geo settings with the command-line overrides applied.
     *
     * @throws ConfigException when the configuration file is invalid (printed by the caller)
     */
    GeoSettings settings() throws ConfigException {
        GeoSettings base = ConfigLoader.load(config).section(Sections.GEO);
        List<String> dbs = databases.isEmpty() ? base.databases() : databases;
        String v4 = noTor ? "" : torGeoip != null ? torGeoip : base.torGeoip();
        String v6 = noTor ? "" : torGeoip6 != null ? torGeoip6 : base.torGeoip6();
        return new GeoSettings(dbs, v4, v6, base.cacheSize(), "0", base.update());
    }
}
