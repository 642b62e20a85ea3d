package io.sipwarden.bench;

import com.maxmind.db.CHMCache;
import com.maxmind.db.Reader;
import io.sipwarden.geo.GeoDatabases;
import io.sipwarden.geo.GeoSettings;
import io.sipwarden.geo.load.GeoLoader;
import io.sipwarden.geo.GeoTestData;
import io.sipwarden.geo.mmdb.MmdbLookup;
import io.sipwarden.geo.tor.TorGeoipTable;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * 10M lookups over 50,000 distinct public IPv4 addresses on one thread, per variant, timed both
 * by the wall clock and by the thread's own CPU time: on a shared, overloaded machine the CPU
 * figure is the one that says what the code costs. Run: see docs/bench-geo.md.
 */
public final class GeoLookupCpuBench {

    /** Returns something read from the answer, as a caller would (the country's length, the map's size). */
    interface Variant {
        int lookup(InetAddress a) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        long total = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
        InetAddress[] addresses = GeoLookupBench.publicAddresses(GeoLookupBench.DISTINCT, 42);
        TorGeoipTable tor = TorGeoipTable.loadDefault();
        run("tor table (IPv4)", a -> tor.lookup(a).country().length(), addresses, total);
        for (Path file : List.of(GeoTestData.whoisCountry(), GeoTestData.dbipCityV4())) {
            String name = file.getFileName().toString();
            try (MmdbLookup front = MmdbLookup.open(file, 100_000, true);
                 MmdbLookup chm = MmdbLookup.open(file, 0, true);
                 MmdbLookup none = MmdbLookup.open(file, 0, false);
                 Reader peer = new Reader(file.toFile(), new CHMCache());
                 GeoDatabases composite = new GeoDatabases(List.of(
                         new GeoDatabases.Source(MmdbLookup.open(file, 0, true), false),
                         new GeoDatabases.Source(tor, false)), 100_000);
                 GeoDatabases daemon = GeoLoader.open(new GeoSettings(List.of(file.toString()), null, null,
                         100_000, null, null), true)) {
                run(name + " sipwarden, mmdb front cache 100k", a -> front.lookup(a).country().length(), addresses, total);
                run(name + " composite (+tor), cache 100k", a -> composite.lookup(a).country().length(), addresses, total);
                run(name + " daemon: GeoLoader (reloading, +tor)", a -> daemon.lookup(a).country().length(), addresses, total);
                long slow = total / 20;
                run(name + " record, reader CHMCache only", a -> chm.lookup(a).country().length(), addresses, slow);
                run(name + " record, no cache at all", a -> none.lookup(a).country().length(), addresses, slow);
                run(name + " peer: reader -> Map, CHMCache", a -> {
                    Map<?, ?> m = peer.get(a, Map.class);
                    return m == null ? 0 : m.size();
                }, addresses, slow);
            }
        }
    }

    /** The 1-minute load average, to print beside each figure: the machine is shared. */
    private static String load() {
        try {
            return java.nio.file.Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    private static void run(String label, Variant v, InetAddress[] addresses, long total) throws Exception {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long sink = 0;
        int n = addresses.length;
        int k = 0;
        for (long j = 0; j < total; j++) { // warm-up: JIT and caches, as long as the measurement
            sink += v.lookup(addresses[k]);
            k = k + 1 == n ? 0 : k + 1; // no 64-bit division per lookup: it would be a sizeable part of a hit
        }
        if (!"false".equals(System.getProperty("bench.gc"))) {
            // Steady state: in a running daemon young collections have long since packed the cached
            // answers (and here the address objects) together; straight after the warm-up they lie
            // wherever the miss path left them, scattered among its garbage. -Dbench.gc=false shows that.
            System.gc();
        }
        long cpu0 = mx.getCurrentThreadCpuTime();
        long wall0 = System.nanoTime();
        for (long j = 0; j < total; j++) {
            sink += v.lookup(addresses[k]);
            k = k + 1 == n ? 0 : k + 1;
        }
        long wall = System.nanoTime() - wall0;
        long cpu = mx.getCurrentThreadCpuTime() - cpu0;
        System.out.printf("%-55s %,12d lookups  wall %,12.0f/s  cpu %,12.0f/s  load %s (%d)%n", label, total,
                total * 1e9 / wall, total * 1e9 / cpu, load(), sink % 10);
    }
}
