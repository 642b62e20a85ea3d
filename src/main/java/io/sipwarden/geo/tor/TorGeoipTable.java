package io.sipwarden.geo.tor;

import io.sipwarden.geo.GeoLocation;
import io.sipwarden.geo.GeoLookup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Country lookup from the range files of Debian's {@code tor-geoipdb} package: the embedded
 * default that gives country and continent geofencing with no setup. Ranges live in sorted
 * primitive arrays (IPv4 as ints, IPv6 as two longs per bound) searched by bisection.
 */
public final class TorGeoipTable implements GeoLookup {

    /** Where Debian installs the files. */
    public static final Path DEFAULT_V4 = Path.of("/usr/share/tor/geoip");
    public static final Path DEFAULT_V6 = Path.of("/usr/share/tor/geoip6");

    private final Path v4Path;
    private final Path v6Path;
    private final int[] v4Lo;
    private final int[] v4Hi;
    private final short[] v4Country;
    private final long[] v6LoHi;
    private final long[] v6LoLo;
    private final long[] v6HiHi;
    private final long[] v6HiLo;
    private final short[] v6Country;
    private final GeoLocation[] locations;
    private final Instant generated;

    private TorGeoipTable(Path v4Path, RangeFile.Ranges v4, Path v6Path, RangeFile.Ranges v6,
                          GeoLocation[] locations) {
        this.v4Path = v4Path;
        this.v6Path = v6Path;
        this.locations = locations;
        if (v4 != null) {
            v4Lo = new int[v4.size()];
            v4Hi = new int[v4.size()];
            for (int i = 0; i < v4.size(); i++) {
                v4Lo[i] = bias(v4.loLo()[i]);
                v4Hi[i] = bias(v4.hiLo()[i]);
            }
            v4Country = v4.country();
        } else {
            v4Lo = v4Hi = new int[0];
            v4Country = new short[0];
        }
        if (v6 != null) {
            v6LoHi = v6.loHi();
            v6LoLo = v6.loLo();
            v6HiHi = v6.hiHi();
            v6HiLo = v6.hiLo();
            v6Country = v6.country();
        } else {
            v6LoHi = v6LoLo = v6HiHi = v6HiLo = new long[0];
            v6Country = new short[0];
        }
        Instant a = v4 == null ? null : v4.generated();
        Instant b = v6 == null ? null : v6.generated();
        generated = a == null ? b : (b == null || a.isAfter(b) ? a : b);
    }

    /** Loads Debian's files from their usual place. */
    public static TorGeoipTable loadDefault() throws IOException {
        return load(DEFAULT_V4, DEFAULT_V6);
    }

    /**
     * Loads the IPv4 and IPv6 files. Either may be null or absent (that family then answers
     * unknown), but not both. Malformed lines are skipped with one warning naming the file.
     *
     * @throws IOException if neither file can be read or a file holds no ranges at all
     */
    public static TorGeoipTable load(Path v4, Path v6) throws IOException {
        boolean has4 = v4 != null && Files.isReadable(v4);
        boolean has6 = v6 != null && Files.isReadable(v6);
        if (!has4 && !has6) {
            throw new IOException("no readable Tor geoip file at " + v4 + " or " + v6
                    + " (Debian package tor-geoipdb)");
        }
        CountryIndex countries = new CountryIndex();
        // Two files, two cores: reading them side by side halves the start-up time.
        CompletableFuture<RangeFile.Ranges> f6 = has6
                ? CompletableFuture.supplyAsync(() -> {
                    try {
                        return RangeFile.read(v6, true, countries);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                })
                : CompletableFuture.completedFuture(null);
        RangeFile.Ranges r4 = has4 ? RangeFile.read(v4, false, countries) : null;
        RangeFile.Ranges r6;
        try {
            r6 = f6.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof UncheckedIOException u) {
                throw u.getCause();
            }
            throw e;
        }
        return new TorGeoipTable(has4 ? v4 : null, r4, has6 ? v6 : null, r6, countries.toArray());
    }

    @Override
    public GeoLocation lookup(InetAddress address) {
        Objects.requireNonNull(address, "address");
        byte[] b = address.getAddress();
        int i;
        if (address instanceof Inet4Address) {
            i = find4(bias(((b[0] & 0xFFL) << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF)));
            return i < 0 ? GeoLocation.UNKNOWN : locations[v4Country[i]];
        }
        i = find6(RangeFile.flip(RangeFile.word(b, 0)), RangeFile.flip(RangeFile.word(b, 8)));
        return i < 0 ? GeoLocation.UNKNOWN : locations[v6Country[i]];
    }

    private int find4(int x) {
        int lo = 0;
        int hi = v4Lo.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (v4Lo[mid] <= x) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        // hi is now the last range starting at or below x
        return hi >= 0 && x <= v4Hi[hi] ? hi : -1;
    }

    private int find6(long xHi, long xLo) {
        int lo = 0;
        int hi = v6LoHi.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long h = v6LoHi[mid];
            if (h < xHi || (h == xHi && v6LoLo[mid] <= xLo)) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        if (hi < 0) {
            return -1;
        }
        long h = v6HiHi[hi];
        return xHi < h || (xHi == h && xLo <= v6HiLo[hi]) ? hi : -1;
    }

    /** Number of IPv4 and IPv6 ranges held (after joining touching ranges of one country). */
    public int ranges4() {
        return v4Lo.length;
    }

    public int ranges6() {
        return v6LoHi.length;
    }

    /** The "Generated:" date of the IPFire export, if the header has one. */
    public Instant generated() {
        return generated;
    }

    @Override
    public String describe() {
        return "tor-geoip " + (v4Path == null ? "-" : v4Path) + " + " + (v6Path == null ? "-" : v6Path)
                + ": country, built " + (generated == null ? "unknown" : generated.toString())
                + ", " + ranges4() + " IPv4 + " + ranges6() + " IPv6 ranges";
    }

    private static int bias(long unsigned32) {
        return (int) (unsigned32 ^ 0x8000_0000L);
    }
}
