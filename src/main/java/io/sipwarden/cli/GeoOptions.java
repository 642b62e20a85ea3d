package io.sipwarden.cli;

import io.sipwarden.geo.GeoSettings;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Where the geo commands find their databases until the configuration file is wired in:
 * {@code --db} files in order, then Debian's Tor files.
 */
final class GeoOptions {

    @Option(names = "--db", paramLabel = "PATH",
            description = "MaxMind DB file (GeoIP2/GeoLite2, DB-IP, ip-location-db, ASN); repeat, best first")
    List<String> databases = new ArrayList<>();

    @Option(names = "--tor-geoip", paramLabel = "PATH", defaultValue = GeoSettings.DEFAULT_TOR_GEOIP,
            description = "Tor IPv4 range file (default: ${DEFAULT-VALUE})")
    String torGeoip;

    @Option(names = "--tor-geoip6", paramLabel = "PATH", defaultValue = GeoSettings.DEFAULT_TOR_GEOIP6,
            description = "Tor IPv6 range file (default: ${DEFAULT-VALUE})")
    String torGeoip6;

    @Option(names = "--no-tor", description = "do not fall back to the Tor range files")
    boolean noTor;

    GeoSettings settings() {
        return new GeoSettings(databases, noTor ? "" : torGeoip, noTor ? "" : torGeoip6, null, "0", null);
    }
}
