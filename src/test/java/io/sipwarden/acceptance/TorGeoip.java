package io.sipwarden.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipwarden.net.Addresses;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Public addresses of a given country, read from Debian's tor-geoipdb range files — the database
 * SIPWarden itself uses by default — so no test hard-codes a guess about where an address is.
 */
final class TorGeoip {
    static final Path V4 = Path.of("/usr/share/tor/geoip");
    static final Path V6 = Path.of("/usr/share/tor/geoip6");

    private TorGeoip() {
    }

    /** {@code count} addresses of {@code country}, each from a different range of the IPv4 file. */
    static List<String> v4(String country, int count) {
        return pick(V4, country, count, false);
    }

    /** {@code count} addresses of {@code country}, each from a different range of the IPv6 file. */
    static List<String> v6(String country, int count) {
        return pick(V6, country, count, true);
    }

    private static List<String> pick(Path file, String country, int count, boolean v6) {
        assertThat(file).as("tor-geoipdb is installed (Debian package tor-geoipdb)").isRegularFile();
        List<String> found = new ArrayList<>();
        try (var lines = Files.lines(file)) {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.startsWith("#") || !line.endsWith("," + country)) {
                    continue;
                }
                String[] f = line.split(",");
                BigInteger from = v6 ? number(f[0]) : new BigInteger(f[0]);
                BigInteger to = v6 ? number(f[1]) : new BigInteger(f[1]);
                if (to.subtract(from).compareTo(BigInteger.valueOf(255)) < 0) {
                    continue; // a roomy range: its middle is an ordinary host address
                }
                InetAddress a = address(from.add(to.subtract(from).shiftRight(1)), v6 ? 16 : 4);
                if (Addresses.isLocal(a)) {
                    continue;
                }
                found.add(Addresses.format(a));
                if (found.size() == count) {
                    return found;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("fewer than " + count + " ranges for " + country + " in " + file);
    }

    private static BigInteger number(String v6) {
        return new BigInteger(1, Addresses.parse(v6).getAddress());
    }

    private static InetAddress address(BigInteger n, int bytes) {
        byte[] raw = n.toByteArray();
        byte[] out = new byte[bytes];
        int copy = Math.min(raw.length, bytes);
        System.arraycopy(raw, raw.length - copy, out, bytes - copy, copy);
        try {
            return InetAddress.getByAddress(out);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
