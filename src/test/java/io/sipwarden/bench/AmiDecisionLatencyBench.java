package io.sipwarden.bench;

import io.sipwarden.decision.Decision;
import io.sipwarden.endpoint.EndpointLocations;
import io.sipwarden.enforce.Enforcer;
import io.sipwarden.engine.Daemon;
import io.sipwarden.engine.EngineSettings;
import io.sipwarden.sensor.ami.AmiClient;
import io.sipwarden.sensor.ami.AmiSettings;
import io.sipwarden.sensor.ami.AmiTestServer;
import io.sipwarden.store.StoreSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Time from the last byte of the event that completes a brute force (the wrong password that
 * reaches SW-1001's default threshold) on the AMI socket to the ban reaching an
 * enforcer, through the real client and the real daemon (pipeline, engine, decider, store).
 * Usage: java -cp ... io.sipwarden.bench.AmiDecisionLatencyBench [attackers] [events-per-second]
 */
public final class AmiDecisionLatencyBench {
    private AmiDecisionLatencyBench() {
    }

    public static void main(String[] args) throws Exception {
        int attackers = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 400;
        // SW-1001's default threshold: the event that completes it is the one we time.
        int threshold = io.sipwarden.detect.DetectorSettings.defaults().bruteForce().threshold();
        long[] lastByte = new long[attackers];
        long[] banned = new long[attackers];
        ConcurrentHashMap<String, Integer> index = new ConcurrentHashMap<>();
        CountDownLatch done = new CountDownLatch(attackers);
        for (int k = 0; k < attackers; k++) {
            index.put(address(k), k);
        }
        Enforcer recorder = new Enforcer() {
            @Override
            public String name() {
                return "latency";
            }

            @Override
            public void add(Collection<Decision> decisions) {
                long now = System.nanoTime();
                for (Decision d : decisions) {
                    Integer k = index.get(d.scope().network().getHostAddress());
                    if (k != null && banned[k] == 0) {
                        banned[k] = now;
                        done.countDown();
                    }
                }
            }

            @Override
            public void remove(Collection<Decision> decisions) {
            }

            @Override
            public ReconcileReport reconcile(Collection<Decision> active, Instant now) {
                return new ReconcileReport(0, 0, 0, false);
            }

            @Override
            public Health health() {
                return Health.ok("");
            }
        };
        Path state = Files.createTempDirectory("ami-latency");
        try (AmiTestServer server = new AmiTestServer("bench", "bench-secret").byDefault(c -> {
            long start = System.nanoTime();
            int i = 0;
            for (int k = 0; k < attackers; k++) {
                for (int n = 0; n < threshold; n++, i++) {
                    long due = start + (long) i * 1_000_000_000L / rate;
                    while (System.nanoTime() < due) {
                        LockSupport.parkNanos(Math.max(1000, due - System.nanoTime() - 50_000));
                    }
                    c.frame("Event", "ChallengeResponseFailed", "Privilege", "security,all",
                            "EventTV", Instant.now().toString().replace("Z", "+0000"), "Severity", "Error",
                            "Service", "PJSIP", "EventVersion", "1", "AccountID", "1001", "SessionID", "b-" + k + "-" + n,
                            "LocalAddress", "IPV4/UDP/10.77.0.1/5060", "RemoteAddress", "IPV4/UDP/" + address(k) + "/5071",
                            "Challenge", "1795288793/758b", "Response", "d2ad", "ExpectedResponse", "");
                    if (n == threshold - 1) {
                        lastByte[k] = System.nanoTime();
                    }
                }
            }
        })) {
            AmiClient ami = new AmiClient(AmiSettings.Connection.of("bench", "127.0.0.1", server.port(), "bench",
                    "bench-secret"), new EndpointLocations(10), InstantSource.system(), 65_536);
            EngineSettings settings = new EngineSettings(null, null, StoreSettings.inDirectory(state), null, null);
            try (Daemon d = Daemon.start(settings, new AllowAll(), new NoGeo(), List.of(recorder), List.of(ami), List.of())) {
                if (!done.await(600, TimeUnit.SECONDS)) {
                    System.out.println("timeout: " + done.getCount() + " bans missing");
                    return;
                }
            }
        }
        long[] lat = new long[attackers];
        for (int k = 0; k < attackers; k++) {
            lat[k] = banned[k] - lastByte[k];
        }
        long[] steady = Arrays.copyOfRange(lat, attackers / 10, attackers);
        Arrays.sort(steady);
        System.out.printf(Locale.ROOT, "# %s, %d cores; %d attackers x %d failures at %d events/s%n", Runtime.version(),
                Runtime.getRuntime().availableProcessors(), attackers, threshold, rate);
        System.out.printf(Locale.ROOT, "last byte -> ban at the enforcer: p50 %.3f ms, p99 %.3f ms, p99.9 %.3f ms, max %.3f ms%n",
                q(steady, 0.5), q(steady, 0.99), q(steady, 0.999), steady[steady.length - 1] / 1e6);
    }

    private static String address(int k) {
        return "198.18." + (k / 250) + "." + (k % 250 + 1);
    }

    private static double q(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) (q * sorted.length))] / 1e6;
    }

    private static final class AllowAll implements io.sipwarden.policy.Policy {
        @Override
        public io.sipwarden.policy.Verdict evaluate(java.net.InetAddress a, io.sipwarden.event.Service s, String e,
                                                    io.sipwarden.geo.GeoLocation l) {
            return new io.sipwarden.policy.Verdict(io.sipwarden.policy.Verdict.Outcome.ALLOWED, "bench", "allow all");
        }

        @Override
        public boolean isTrusted(java.net.InetAddress a) {
            return a.isLoopbackAddress();
        }
    }

    private static final class NoGeo implements io.sipwarden.geo.GeoLookup {
        @Override
        public io.sipwarden.geo.GeoLocation lookup(java.net.InetAddress a) {
            return io.sipwarden.geo.GeoLocation.UNKNOWN;
        }

        @Override
        public String describe() {
            return "none";
        }
    }
}
