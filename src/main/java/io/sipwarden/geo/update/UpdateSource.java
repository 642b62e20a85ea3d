package io.sipwarden.geo.update;

import java.net.URI;
import java.nio.file.Path;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** Where {@code geo update} fetches a database from. */
public sealed interface UpdateSource {

    /** DB-IP's public download site. */
    String DBIP_BASE = "https://download.db-ip.com/free/";
    /** MaxMind's permalink service (what geoipupdate uses). */
    String MAXMIND_BASE = "https://download.maxmind.com/geoip/databases/";

    /** DB-IP city lite: this month's file, or last month's before this month's is out. No account. */
    record DbIp(String base) implements UpdateSource {
        public DbIp {
            Objects.requireNonNull(base, "base");
        }

        List<URI> candidates(InstantSource clock) {
            YearMonth now = YearMonth.from(clock.instant().atZone(ZoneOffset.UTC));
            return List.of(uri(now), uri(now.minusMonths(1)));
        }

        private URI uri(YearMonth m) {
            return URI.create(base + String.format(Locale.ROOT, "dbip-city-lite-%04d-%02d.mmdb.gz",
                    m.getYear(), m.getMonthValue()));
        }

        @Override
        public String label() {
            return "DB-IP city lite";
        }
    }

    /**
     * A MaxMind edition with account id and licence key (HTTP basic auth). The key is read from
     * a file at fetch time and never shown.
     */
    record MaxMind(String base, String accountId, Path licenseKeyFile, String edition) implements UpdateSource {
        public MaxMind {
            Objects.requireNonNull(base, "base");
            Objects.requireNonNull(edition, "edition");
            if (!edition.matches("[A-Za-z0-9._-]{1,64}")) {
                throw new IllegalArgumentException("not a MaxMind edition id: '" + edition + "'");
            }
        }

        URI uri() {
            return URI.create(base + edition + "/download?suffix=tar.gz");
        }

        @Override
        public String label() {
            return "MaxMind " + edition;
        }

        @Override
        public String toString() {
            return "MaxMind[" + edition + ", account " + accountId + "]";
        }
    }

    /** Any http(s) URL of a .mmdb, .mmdb.gz or .tar.gz. */
    record Url(URI uri) implements UpdateSource {
        public Url {
            Objects.requireNonNull(uri, "uri");
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new IllegalArgumentException("only http and https URLs can be fetched: " + uri);
            }
        }

        @Override
        public String label() {
            return uri.toString();
        }
    }

    /** A local .mmdb, .mmdb.gz or .tar.gz (e.g. copied over by hand). */
    record LocalFile(Path path) implements UpdateSource {
        public LocalFile {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public String label() {
            return path.toString();
        }
    }

    /** Names the source in messages (never with credentials). */
    String label();

    /**
     * The source a {@code geo.update} settings section names.
     *
     * @throws IllegalArgumentException naming the missing setting
     */
    static UpdateSource from(io.sipwarden.geo.GeoSettings.Update u) {
        return switch (u.source()) {
            case "dbip" -> new DbIp(DBIP_BASE);
            case "maxmind" -> parse("maxmind", u.accountId(),
                    u.licenseKeyFile() == null ? null : Path.of(u.licenseKeyFile()), u.edition());
            case "url", "file" -> {
                if (u.url() == null || u.url().isBlank()) {
                    throw new IllegalArgumentException("geo.update.url is required for source " + u.source());
                }
                yield u.source().equals("url") ? new Url(URI.create(u.url().strip())) : new LocalFile(Path.of(u.url().strip()));
            }
            default -> throw new IllegalArgumentException("geo.update.source: unknown source " + u.source());
        };
    }

    /**
     * Reads the CLI form: "dbip", "maxmind" (account and key from the settings), an http(s) URL,
     * or a file path.
     */
    static UpdateSource parse(String text, String accountId, Path licenseKeyFile, String edition) {
        String t = text.strip();
        String lower = t.toLowerCase(Locale.ROOT);
        if (t.isEmpty()) {
            // Path.of("") is the current directory.
            throw new IllegalArgumentException("--source is empty: say dbip, maxmind, an http(s) URL or a file");
        }
        if (lower.equals("dbip")) {
            return new DbIp(DBIP_BASE);
        }
        if (lower.equals("maxmind")) {
            if (accountId == null || accountId.isBlank() || licenseKeyFile == null) {
                throw new IllegalArgumentException("source maxmind needs an account id and a licence key file"
                        + " (geo.update.account_id, geo.update.license_key_file)");
            }
            return new MaxMind(MAXMIND_BASE, accountId.strip(), licenseKeyFile, edition);
        }
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            return new Url(URI.create(t));
        }
        if (lower.matches("[a-z][a-z0-9+.-]*://.*")) {
            // Path.of would take ftp://host/x for a file named ftp:/host/x.
            throw new IllegalArgumentException("only http and https URLs are fetched, not " + t);
        }
        return new LocalFile(Path.of(t));
    }
}
