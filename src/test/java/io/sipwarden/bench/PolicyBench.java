package io.sipwarden.bench;

import io.sipwarden.config.ConfigLoader;
import io.sipwarden.config.Configuration;
import io.sipwarden.event.Service;
import io.sipwarden.geo.GeoLocation;
import io.sipwarden.net.Cidr;
import io.sipwarden.policy.Policy;
import io.sipwarden.policy.PolicyRuntime;
import io.sipwarden.policy.Verdict;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Policy evaluation per event with large lists: the compiled policy (prefix tables, hash sets)
 * against the straightforward peer, a linear scan of the same CIDR lists (what a plain
 * "ignoreip"-style list check does). Run:
 * {@code java -cp target/test-classes:target/classes:$(cat cp.txt) org.openjdk.jmh.Main PolicyBench}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class PolicyBench {

    @Param({"100", "10000"})
    int denyNetworks;

    private Policy compiled;
    private List<Cidr> trusted;
    private List<Cidr> deny;
    private final Set<String> allowedCountries = Set.of("FR", "DE", "US");
    private InetAddress[] addresses;
    private GeoLocation[] locations;
    private int next;

    @Setup
    public void setup() throws Exception {
        Random r = new Random(7);
        trusted = new ArrayList<>();
        deny = new ArrayList<>();
        StringBuilder yaml = new StringBuilder("policy:\n  trusted:\n    networks:\n");
        for (int i = 0; i < 50; i++) {
            Cidr c = randomCidr(r, 24);
            trusted.add(c);
            yaml.append("      - ").append(c).append('\n');
        }
        yaml.append("  deny:\n    networks:\n");
        for (int i = 0; i < denyNetworks; i++) {
            Cidr c = randomCidr(r, 16 + r.nextInt(17));
            deny.add(c);
            yaml.append("      - ").append(c).append('\n');
        }
        yaml.append("  geofence:\n    sip:\n      allow:\n        countries: [FR, DE, US]\n");
        Path dir = Files.createTempDirectory("policy-bench");
        Path file = Files.writeString(dir.resolve("sipwarden.yml"), yaml);
        Configuration config = ConfigLoader.load(file);
        compiled = PolicyRuntime.once(config, false);
        String[] countries = {"FR", "DE", "US", "CN", "BR", "RU", "GB", "NL"};
        addresses = new InetAddress[4096];
        locations = new GeoLocation[4096];
        for (int i = 0; i < addresses.length; i++) {
            byte[] b = new byte[4];
            r.nextBytes(b);
            b[0] = (byte) (1 + r.nextInt(9)); // public, not private/loopback
            addresses[i] = InetAddress.getByAddress(b);
            locations[i] = new GeoLocation("EU", countries[r.nextInt(countries.length)], "", "", 0, 0, 1000 + i, "");
        }
    }

    private static Cidr randomCidr(Random r, int length) throws Exception {
        byte[] b = new byte[4];
        r.nextBytes(b);
        b[0] = (byte) (1 + r.nextInt(9));
        return new Cidr(InetAddress.getByAddress(b), length);
    }

    @Benchmark
    public Verdict compiledPolicy() {
        int i = next++ & (addresses.length - 1);
        return compiled.evaluate(addresses[i], Service.SIP, "", locations[i]);
    }

    @Benchmark
    public Verdict.Outcome linearScanPeer() {
        int i = next++ & (addresses.length - 1);
        InetAddress a = addresses[i];
        if (a.isLoopbackAddress()) {
            return Verdict.Outcome.TRUSTED;
        }
        for (Cidr c : trusted) {
            if (c.contains(a)) {
                return Verdict.Outcome.TRUSTED;
            }
        }
        for (Cidr c : deny) {
            if (c.contains(a)) {
                return Verdict.Outcome.DENIED;
            }
        }
        return allowedCountries.contains(locations[i].country()) ? Verdict.Outcome.ALLOWED : Verdict.Outcome.OUTSIDE_GEOFENCE;
    }
}
