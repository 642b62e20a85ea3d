package io.sipwarden.policy;

import io.sipwarden.config.ConfigException;
import io.sipwarden.config.ConfigLoader;
import io.sipwarden.config.Configuration;
import io.sipwarden.geo.GeoLocation;
import io.sipwarden.net.Addresses;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds a policy from YAML text written to a real file, with this test's own host addresses. */
final class PolicyFixture {
    private PolicyFixture() {
    }

    /** Locations of the public example addresses used by the policy tests (test input, not a database). */
    static final Map<String, GeoLocation> PLACES = Map.of(
            "192.0.2.10", new GeoLocation("EU", "FR", "FR-IDF", "Paris", 48.85, 2.35, 3215, "Orange"),
            "192.0.2.20", new GeoLocation("NA", "US", "US-MN", "Minneapolis", 44.98, -93.26, 7922, "Comcast"),
            "192.0.2.30", new GeoLocation("NA", "US", "US-CA", "Los Angeles", 34.05, -118.24, 7018, "AT&T"),
            "198.51.100.7", new GeoLocation("AS", "CN", "CN-BJ", "Beijing", 39.9, 116.4, 4134, "Chinanet"),
            "198.51.100.8", new GeoLocation("EU", "DE", "DE-BE", "Berlin", 52.5, 13.4, 3320, "DTAG"),
            "203.0.113.5", new GeoLocation("AS", "CN", "", "", Double.NaN, Double.NaN, 0, ""),
            "5.8.18.7", new GeoLocation("NA", "US", "US-AZ", "", Double.NaN, Double.NaN, 0, ""),
            "2001:db8::10", new GeoLocation("EU", "FR", "", "", Double.NaN, Double.NaN, 0, ""));

    static GeoLocation where(String address) {
        return PLACES.getOrDefault(Addresses.parse(address).getHostAddress(), GeoLocation.UNKNOWN);
    }

    static InetAddress ip(String text) {
        return Addresses.parse(text);
    }

    static Path write(Path dir, String yaml) {
        try {
            return Files.writeString(dir.resolve("sipwarden.yml"), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Configuration config(Path dir, String yaml) {
        try {
            return ConfigLoader.load(write(dir, yaml));
        } catch (ConfigException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    /** The host's own address in these tests: a public example address, so only "own" makes it trusted. */
    static final InetAddress OWN = ip("198.51.100.200");

    static StandardPolicy policy(Path dir, String yaml) {
        return PolicyRuntime.once(config(dir, yaml), HostAddresses.fixed(() -> Set.of(OWN)), host -> List.of());
    }
}
