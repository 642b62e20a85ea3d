package io.sipwarden.geo;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * The {@code geo:} section of the configuration (snake_case keys). Every key may be left out;
 * the defaults give country and continent geofencing from Debian's Tor files with no setup.
 *
 * @param databases       MaxMind DB files, in order of preference (city before country; ASN
 *                        files are recognised and used for the ASN only). Default: none
 * @param torGeoip        Tor IPv4 range file, the last fallback; "" turns it off. Default
 *                        {@code /usr/share/tor/geoip}
 * @param torGeoip6       Tor IPv6 range file; "" turns it off. Default {@code /usr/share/tor/geoip6}
 * @param cacheSize       distinct addresses whose answers the one cache in front of all sources keeps;
 *                        0 turns it off. Default 100000
 * @param reloadInterval  how often files are checked for replacement ("30s", "5m", "1h", ISO-8601
 *                        "PT1M"; "0" never). Default "60s"
 * @param update          what {@code sipwarden geo update} fetches
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record GeoSettings(List<String> databases, String torGeoip, String torGeoip6, Integer cacheSize,
                          String reloadInterval, Update update) {

    public static final String DEFAULT_TOR_GEOIP = "/usr/share/tor/geoip";
    public static final String DEFAULT_TOR_GEOIP6 = "/usr/share/tor/geoip6";
    public static final int DEFAULT_CACHE_SIZE = 100_000;
    public static final String DEFAULT_RELOAD_INTERVAL = "60s";

    public GeoSettings {
        databases = databases == null ? List.of() : List.copyOf(databases);
        torGeoip = torGeoip == null ? DEFAULT_TOR_GEOIP : torGeoip.strip();
        torGeoip6 = torGeoip6 == null ? DEFAULT_TOR_GEOIP6 : torGeoip6.strip();
        cacheSize = cacheSize == null ? DEFAULT_CACHE_SIZE : cacheSize;
        if (cacheSize < 0) {
            throw new IllegalArgumentException("geo.cache_size must be 0 or more, not " + cacheSize);
        }
        reloadInterval = reloadInterval == null ? DEFAULT_RELOAD_INTERVAL : reloadInterval.strip();
        parseDuration("geo.reload_interval", reloadInterval);
        update = update == null ? Update.defaults() : update;
        for (String d : databases) {
            if (d == null || d.isBlank()) {
                throw new IllegalArgumentException("geo.databases has an empty entry");
            }
        }
    }

    public static GeoSettings defaults() {
        return new GeoSettings(null, null, null, null, null, null);
    }

    /** The same settings with other database files (for the CLI's {@code --db}). */
    public GeoSettings withDatabases(List<String> files) {
        return new GeoSettings(files, torGeoip, torGeoip6, cacheSize, reloadInterval, update);
    }

    public List<Path> databasePaths() {
        return databases.stream().map(Path::of).toList();
    }

    /** The Tor IPv4 file, or null when turned off. */
    public Path torGeoipPath() {
        return torGeoip.isEmpty() ? null : Path.of(torGeoip);
    }

    public Path torGeoip6Path() {
        return torGeoip6.isEmpty() ? null : Path.of(torGeoip6);
    }

    public Duration reloadEvery() {
        return parseDuration("geo.reload_interval", reloadInterval);
    }

    /**
     * The {@code geo.update:} section.
     *
     * @param source         "dbip" (DB-IP city lite, monthly, no account), "maxmind" (needs
     *                       account_id and license_key_file), "url" or "file". Default "dbip"
     * @param url            for source url or file: where to fetch from (.mmdb, .mmdb.gz, .tar.gz)
     * @param accountId      MaxMind account id
     * @param licenseKeyFile file holding the MaxMind licence key (never put the key itself here;
     *                       it is never logged)
     * @param edition        MaxMind edition id. Default "GeoLite2-City"
     * @param dest           file to write. Default {@code /var/lib/sipwarden/geo/dbip-city-lite.mmdb}
     *                       for dbip, {@code /var/lib/sipwarden/geo/<edition>.mmdb} for maxmind,
     *                       {@code /var/lib/sipwarden/geo/geo.mmdb} otherwise
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Update(String source, String url, String accountId, String licenseKeyFile, String edition,
                         String dest) {

        public static final String DEFAULT_DIR = "/var/lib/sipwarden/geo";

        public Update {
            source = source == null ? "dbip" : source.strip().toLowerCase(Locale.ROOT);
            if (!List.of("dbip", "maxmind", "url", "file").contains(source)) {
                throw new IllegalArgumentException("geo.update.source must be dbip, maxmind, url or file, not '"
                        + source + "'");
            }
            edition = edition == null || edition.isBlank() ? "GeoLite2-City" : edition.strip();
            if (!edition.matches("[A-Za-z0-9._-]{1,64}")) {
                throw new IllegalArgumentException("geo.update.edition is not an edition id: '" + edition + "'");
            }
        }

        public static Update defaults() {
            return new Update(null, null, null, null, null, null);
        }

        /** The file to write, defaulted from the source. */
        public Path destPath() {
            if (dest != null && !dest.isBlank()) {
                return Path.of(dest.strip());
            }
            return Path.of(DEFAULT_DIR).resolve(switch (source) {
                case "dbip" -> "dbip-city-lite.mmdb";
                case "maxmind" -> edition + ".mmdb";
                default -> "geo.mmdb";
            });
        }
    }

    /** Parses "90s", "5m", "1h", "2d", "0" or ISO-8601; the message names the setting. */
    static Duration parseDuration(String setting, String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        try {
            if (t.equals("0")) {
                return Duration.ZERO;
            }
            if (t.startsWith("p")) {
                return nonNegative(setting, Duration.parse(t.toUpperCase(Locale.ROOT)));
            }
            if (t.length() >= 2) {
                long n = Long.parseLong(t.substring(0, t.length() - (t.endsWith("ms") ? 2 : 1)));
                Duration d = t.endsWith("ms") ? Duration.ofMillis(n) : switch (t.charAt(t.length() - 1)) {
                    case 's' -> Duration.ofSeconds(n);
                    case 'm' -> Duration.ofMinutes(n);
                    case 'h' -> Duration.ofHours(n);
                    case 'd' -> Duration.ofDays(n);
                    default -> null;
                };
                if (d != null) {
                    return nonNegative(setting, d);
                }
            }
        } catch (NumberFormatException | DateTimeParseException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException(setting + ": '" + text + "' is not a duration (e.g. 30s, 5m, 1h, 0)");
    }

    private static Duration nonNegative(String setting, Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException(setting + " must not be negative");
        }
        return d;
    }
}
