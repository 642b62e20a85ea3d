package io.sipwarden.bench;

import io.sipwarden.geo.tor.TorGeoipTable;
import java.io.IOException;
import java.net.InetAddress;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/** The Tor range table (no cache at all): 50,000 distinct public IPv4 and 50,000 IPv6 addresses; and its load time. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class TorGeoipBench {

    TorGeoipTable table;
    InetAddress[] v4;
    InetAddress[] v6;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        table = TorGeoipTable.loadDefault();
        v4 = GeoLookupBench.publicAddresses(GeoLookupBench.DISTINCT, 42);
        SplittableRandom r = new SplittableRandom(7);
        v6 = new InetAddress[GeoLookupBench.DISTINCT];
        for (int i = 0; i < v6.length; i++) {
            byte[] b = new byte[16];
            r.nextBytes(b);
            b[0] = (byte) (0x20 | (b[0] & 0x01)); // 2000::/7: where the allocations are
            b[1] = (byte) (b[1] & 0x0F);
            v6[i] = InetAddress.ofLiteral(java.util.HexFormat.ofDelimiter(":").formatHex(b, 0, 2).replace(":", "")
                    + ":" + java.util.HexFormat.of().formatHex(b, 2, 4) + "::1");
        }
    }

    @Benchmark
    @OperationsPerInvocation(GeoLookupBench.DISTINCT)
    public void ipv4(Blackhole bh) {
        for (InetAddress a : v4) {
            bh.consume(table.lookup(a));
        }
    }

    @Benchmark
    @OperationsPerInvocation(GeoLookupBench.DISTINCT)
    public void ipv6(Blackhole bh) {
        for (InetAddress a : v6) {
            bh.consume(table.lookup(a));
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 1)
    @Measurement(iterations = 5)
    public TorGeoipTable load() throws IOException {
        return TorGeoipTable.loadDefault();
    }
}
