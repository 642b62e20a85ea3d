package io.sipwarden.bench;

import com.maxmind.db.CHMCache;
import com.maxmind.db.Reader;
import io.sipwarden.geo.GeoDatabases;
import io.sipwarden.geo.GeoSettings;
import io.sipwarden.geo.load.GeoLoader;
import io.sipwarden.geo.GeoTestData;
import io.sipwarden.geo.mmdb.MmdbLookup;
import io.sipwarden.geo.tor.TorGeoipTable;
import io.sipwarden.net.Addresses;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Lookups per second on one thread over 50,000 distinct public IPv4 addresses, cycled (so the
 * front cache is warm), for a city and a country MaxMind DB, against MaxMind's reader used
 * directly (the peer) with and without its node cache, decoding to our records or to Maps, and
 * for the composite (database + Tor fallback, one answer cache in front) as built by hand and as
 * the daemon builds it ({@code GeoLoader}, reloading wrappers). Run: see docs/bench-geo.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class GeoLookupBench {

    static final int DISTINCT = 50_000;

    /** city: ip-location-db dbip-city-ipv4 (63 MB tree); country: geo-whois-asn-country (7.8 MB). */
    @Param({"city", "country"})
    public String db;

    InetAddress[] addresses;
    MmdbLookup frontCached;
    MmdbLookup nodeCacheOnly;
    MmdbLookup uncached;
    Reader peerMap;
    GeoDatabases composite;
    GeoDatabases daemon;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Path file = db.equals("city") ? GeoTestData.dbipCityV4() : GeoTestData.whoisCountry();
        frontCached = MmdbLookup.open(file, 100_000, true);
        nodeCacheOnly = MmdbLookup.open(file, 0, true);
        uncached = MmdbLookup.open(file, 0, false);
        peerMap = new Reader(file.toFile(), new CHMCache());
        TorGeoipTable tor = TorGeoipTable.loadDefault();
        composite = new GeoDatabases(List.of(new GeoDatabases.Source(MmdbLookup.open(file, 0, true), false),
                new GeoDatabases.Source(tor, false)), 100_000);
        // What the daemon builds: the file and the Tor table behind reloading wrappers, one answer cache.
        daemon = GeoLoader.open(new GeoSettings(List.of(file.toString()), null, null, 100_000, null, null), true);
        addresses = publicAddresses(DISTINCT, 42);
        // Run with -gc true (docs/bench-geo.md): otherwise whether a collection happens to pack the
        // address objects and the cached answers together decides the score, fork by fork (2-4x).
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        frontCached.close();
        nodeCacheOnly.close();
        uncached.close();
        peerMap.close();
        composite.close();
        daemon.close();
    }

    static InetAddress[] publicAddresses(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        InetAddress[] out = new InetAddress[n];
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int i = 0; i < n; ) {
            int v = r.nextInt();
            int first = v >>> 24;
            if (first == 0 || first >= 224 || !seen.add(v)) {
                continue;
            }
            InetAddress a = InetAddress.ofLiteral((v >>> 24) + "." + ((v >>> 16) & 0xFF) + "." + ((v >>> 8) & 0xFF)
                    + "." + (v & 0xFF));
            if (Addresses.isLocal(a)) {
                continue;
            }
            out[i++] = a;
        }
        return out;
    }

    @Benchmark
    @OperationsPerInvocation(DISTINCT)
    public void sipwardenFrontCache(Blackhole bh) {
        for (InetAddress a : addresses) {
            bh.consume(frontCached.lookup(a).country()); // a caller reads the answer
        }
    }

    @Benchmark
    @OperationsPerInvocation(DISTINCT)
    public void compositeWithTorFallback(Blackhole bh) {
        for (InetAddress a : addresses) {
            bh.consume(composite.lookup(a).country()); // a caller reads the answer
        }
    }

    @Benchmark
    @OperationsPerInvocation(DISTINCT)
    public void daemonGeoLoader(Blackhole bh) {
        for (InetAddress a : addresses) {
            bh.consume(daemon.lookup(a).country()); // a caller reads the answer
        }
    }

    @Benchmark
    @OperationsPerInvocation(DISTINCT)
    public void readerRecordChmCache(Blackhole bh) {
        for (InetAddress a : addresses) {
            bh.consume(nodeCacheOnly.lookup(a).country()); // a caller reads the answer
        }
    }

    @Benchmark
    @OperationsPerInvocation(DISTINCT)
    public void readerRecordNoCache(Blackhole bh) {
        for (InetAddress a : addresses) {
            bh.consume(uncached.lookup(a).country()); // a caller reads the answer
        }
    }

    /** The peer as most code uses it: MaxMind's reader decoding to a Map, with its CHMCache. */
    @Benchmark
    @OperationsPerInvocation(DISTINCT)
    @SuppressWarnings("rawtypes")
    public void peerReaderMapChmCache(Blackhole bh) throws IOException {
        for (InetAddress a : addresses) {
            bh.consume(peerMap.get(a, Map.class));
        }
    }

}
