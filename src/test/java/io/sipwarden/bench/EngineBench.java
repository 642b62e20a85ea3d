package io.sipwarden.bench;

import io.sipwarden.decision.BanBook;
import io.sipwarden.decision.BanSettings;
import io.sipwarden.decision.Decider;
import io.sipwarden.decision.Decision;
import io.sipwarden.decision.Origin;
import io.sipwarden.decision.TrustGuard;
import io.sipwarden.detect.Detection;
import io.sipwarden.detect.DetectorSettings;
import io.sipwarden.detect.EnrichedEvent;
import io.sipwarden.engine.Engine;
import io.sipwarden.engine.EngineSettings;
import io.sipwarden.engine.Enricher;
import io.sipwarden.engine.EventClock;
import io.sipwarden.event.AuthFailure;
import io.sipwarden.event.AuthSuccess;
import io.sipwarden.event.EventMeta;
import io.sipwarden.event.RequestSeen;
import io.sipwarden.event.SecurityEvent;
import io.sipwarden.event.Sensor;
import io.sipwarden.event.Source;
import io.sipwarden.event.Stack;
import io.sipwarden.event.Transport;
import io.sipwarden.geo.GeoLocation;
import io.sipwarden.net.Cidr;
import io.sipwarden.policy.Verdict;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Engine benchmark (docs/bench-engine.md). Not a test: run it by hand.
 *
 * <pre>
 * java -cp target/classes:target/test-classes:$(cat cp.txt) io.sipwarden.bench.EngineBench all
 * </pre>
 * {@code throughput}: events/s through enrichment + detectors + decisions on one thread, against
 * a straightforward JDK-collections implementation of the same rules (per-source deque of
 * timestamps, set of account names, lower-cased substring search, map of Decision objects) on
 * the same events. {@code memory compact|naive}: 1M tracked sources and 1M active bans, then the
 * process's VmRSS; {@code all} runs the memory cases in child JVMs with -Xmx256m (and the naive
 * one again with -Xmx2g if it fails).
 */
public final class EngineBench {
    private static final Instant T0 = Instant.parse("2026-11-21T00:00:00Z");
    private static final Sensor SENSOR = new Sensor(Sensor.Kind.AMI, "bench");
    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();
    /** A constant verdict: the policy and GeoIP are other components with their own benchmarks. */
    private static final io.sipwarden.policy.Policy POLICY = new io.sipwarden.policy.Policy() {
        private final Verdict allowed = new Verdict(Verdict.Outcome.ALLOWED, "geofence.sip", "inside");

        @Override
        public Verdict evaluate(InetAddress address, io.sipwarden.event.Service service, String endpoint, GeoLocation location) {
            return allowed;
        }

        @Override
        public boolean isTrusted(InetAddress address) {
            return false;
        }
    };
    private static final io.sipwarden.geo.GeoLookup GEO = new io.sipwarden.geo.GeoLookup() {
        @Override
        public GeoLocation lookup(InetAddress address) {
            return GeoLocation.UNKNOWN;
        }

        @Override
        public String describe() {
            return "none";
        }
    };
    private static final String[] UAS = {"Zoiper rv2.10", "Linphone/5.2", "friendly-scanner", "MicroSIP/3.21", "Grandstream GXP2170"};

    public static void main(String[] args) throws Exception {
        String mode = args.length == 0 ? "all" : args[0];
        switch (mode) {
            case "throughput" -> throughput(args.length > 1 ? Integer.parseInt(args[1]) : 2_000_000);
            case "memory" -> memory(args.length > 1 ? args[1] : "compact", 1_000_000);
            case "populate" -> populate(Path.of(args[1]), 1_000_000);
            case "restart" -> restart(Path.of(args[1]));
            case "all" -> {
                throughput(2_000_000);
                child("compact", "-Xmx160m", "-XX:+UseSerialGC");
                child("compact", "-Xmx192m", "-XX:+UseSerialGC");
                child("compact", "-Xmx192m");
                if (!child("naive", "-Xmx256m", "-XX:+UseSerialGC")) {
                    child("naive", "-Xmx2g", "-XX:+UseSerialGC");
                }
            }
            default -> throw new IllegalArgumentException("mode: throughput | memory compact|naive | all");
        }
    }

    // ---- throughput -------------------------------------------------------------------------

    static List<SecurityEvent> events(int n) throws Exception {
        SplittableRandom r = new SplittableRandom(42);
        InetAddress[] sources = new InetAddress[200_000];
        for (int i = 0; i < sources.length; i++) {
            sources[i] = InetAddress.getByAddress(new byte[] {(byte) (11 + (i >>> 16)), (byte) (i >>> 8), (byte) i, (byte) r.nextInt(1, 255)});
        }
        List<SecurityEvent> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            InetAddress a = sources[(int) Math.min(sources.length - 1, Math.abs(r.nextGaussian()) * sources.length / 3)];
            EventMeta m = new EventMeta(T0.plusMillis(i), Stack.PJSIP, Source.of(a, 5060, Transport.UDP), SENSOR, "", "security-event");
            int kind = r.nextInt(100);
            SecurityEvent e;
            if (kind < 45) {
                e = new AuthFailure(m, Integer.toString(1000 + r.nextInt(10)), AuthFailure.Reason.WRONG_PASSWORD, "");
            } else if (kind < 65) {
                e = new AuthFailure(m, Integer.toString(r.nextInt(100_000)), AuthFailure.Reason.UNKNOWN_ACCOUNT, UAS[r.nextInt(UAS.length - 1) == 2 ? 0 : 3]);
            } else if (kind < 90) {
                e = new RequestSeen(m, "OPTIONS", "100", UAS[r.nextInt(UAS.length)]);
            } else {
                e = new AuthSuccess(m, "alice", true);
            }
            out.add(e);
        }
        return out;
    }

    static void throughput(int n) throws Exception {
        List<SecurityEvent> events = events(n);
        System.out.printf(Locale.ROOT, "throughput: %,d events (45%% wrong password, 20%% unknown account, 25%% requests, 10%% successes) from 200k sources%n", n);
        double[] ours = new double[5];
        double[] naive = new double[5];
        double[] oursCpu = new double[5];
        double[] naiveCpu = new double[5];
        long oursDecisions = 0;
        long naiveDecisions = 0;
        for (int round = 0; round < 5; round++) {
            EventClock clock = new EventClock(T0);
            EngineSettings s = EngineSettings.defaults();
            Decider decider = new Decider(s.ban(), new TrustGuard(a -> false), new BanBook(s.ban().maxOffenders(), s.ban().decay()));
            Engine engine = new Engine(new Enricher(POLICY, GEO), new Detection(s.detect()), decider, clock, List.of());
            long t = System.nanoTime();
            long cpu = CPU.getCurrentThreadCpuTime();
            for (SecurityEvent e : events) {
                engine.process(e);
            }
            engine.endBatch();
            ours[round] = n / ((System.nanoTime() - t) / 1e9);
            oursCpu[round] = n / ((CPU.getCurrentThreadCpuTime() - cpu) / 1e9);
            oursDecisions = engine.counters().decisions();

            Naive nv = new Naive();
            t = System.nanoTime();
            cpu = CPU.getCurrentThreadCpuTime();
            for (SecurityEvent e : events) {
                GeoLocation loc = GEO.lookup(e.address());
                Verdict v = POLICY.evaluate(e.address(), e.service(), e instanceof AuthSuccess su ? su.account() : "", loc);
                nv.observe(new EnrichedEvent(e, loc, v));
            }
            naive[round] = n / ((System.nanoTime() - t) / 1e9);
            naiveCpu[round] = n / ((CPU.getCurrentThreadCpuTime() - cpu) / 1e9);
            naiveDecisions = nv.bans.size();
        }
        for (double[] a : new double[][] {ours, naive, oursCpu, naiveCpu}) {
            Arrays.sort(a);
        }
        System.out.printf(Locale.ROOT, "  sipwarden engine : wall median %,.0f events/s (best %,.0f); per CPU-second median %,.0f (best %,.0f)  (%,d decisions)%n",
                ours[2], ours[4], oursCpu[2], oursCpu[4], oursDecisions);
        System.out.printf(Locale.ROOT, "  naive JDK maps   : wall median %,.0f events/s (best %,.0f); per CPU-second median %,.0f (best %,.0f)  (%,d bans)%n",
                naive[2], naive[4], naiveCpu[2], naiveCpu[4], naiveDecisions);
    }

    /** The obvious implementation: per-source collections and Decision objects kept in a map. */
    static final class Naive {
        final Map<InetAddress, ArrayDeque<Instant>> failures = new HashMap<>();
        final Map<InetAddress, Set<String>> accounts = new HashMap<>();
        final Map<InetAddress, Decision> bans = new HashMap<>();
        final List<String> scanners = DetectorSettings.DEFAULT_SCANNER_CLIENTS;

        void observe(EnrichedEvent ee) {
            SecurityEvent e = ee.event();
            InetAddress a = e.address();
            Decision banned = bans.get(a);
            if (banned != null && banned.until().isAfter(e.time())) {
                return;
            }
            String client = e instanceof AuthFailure f ? f.client() : e instanceof RequestSeen r ? r.client() : "";
            String lower = client.toLowerCase(Locale.ROOT);
            for (String s : scanners) {
                if (lower.contains(s)) {
                    ban(a, e.time(), "SW-1003");
                    return;
                }
            }
            if (e instanceof AuthFailure f) {
                ArrayDeque<Instant> q = failures.computeIfAbsent(a, k -> new ArrayDeque<>());
                q.addLast(e.time());
                while (!q.isEmpty() && q.peekFirst().isBefore(e.time().minus(Duration.ofMinutes(10)))) {
                    q.removeFirst();
                }
                if (f.reason() == AuthFailure.Reason.UNKNOWN_ACCOUNT) {
                    Set<String> set = accounts.computeIfAbsent(a, k -> new HashSet<>());
                    set.add(f.account());
                    if (set.size() >= 5) {
                        ban(a, e.time(), "SW-1002");
                        return;
                    }
                }
                if (q.size() >= 5) {
                    ban(a, e.time(), "SW-1001");
                }
            }
        }

        void ban(InetAddress a, Instant t, String rule) {
            failures.remove(a);
            accounts.remove(a);
            bans.put(a, new Decision(UUID.randomUUID().toString(), Cidr.of(a), Decision.Type.BAN, Origin.detector(rule, 1),
                    "naive", GeoLocation.UNKNOWN, t, t, t, t.plus(Duration.ofHours(1))));
        }
    }

    // ---- memory -----------------------------------------------------------------------------

    static boolean child(String which, String... jvmArgs) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of(jvmArgs));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), EngineBench.class.getName(), "memory", which));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream()))) {
            String line;
            while ((line = r.readLine()) != null) {
                System.out.println("  [" + String.join(" ", jvmArgs) + "] " + line);
            }
        }
        return p.waitFor() == 0;
    }

    static void memory(String which, int n) throws Exception {
        long rss0 = rssKb();
        long t = System.nanoTime();
        Object keep;
        if (which.equals("compact")) {
            Detection detection = new Detection(DetectorSettings.defaults());
            BanSettings ban = BanSettings.defaults();
            Decider decider = new Decider(ban, new TrustGuard(a -> false), new BanBook(ban.maxOffenders(), ban.decay()));
            Verdict allowed = new Verdict(Verdict.Outcome.ALLOWED, "bench", "bench");
            for (int i = 0; i < n; i++) {
                // One failure from each of 1M sources: every one holds detector state.
                InetAddress a = v4(i, 11);
                EventMeta m = new EventMeta(T0.plusMillis(i), Stack.PJSIP, Source.of(a, 5060, Transport.UDP), SENSOR, "", "x");
                detection.observe(new EnrichedEvent(new AuthFailure(m, "u" + (i & 7), AuthFailure.Reason.UNKNOWN_ACCOUNT, ""),
                        GeoLocation.UNKNOWN, allowed), f -> { });
                // And 1M other addresses banned (as geofence bans of first contacts would be).
                InetAddress b = v4(i, 101);
                decider.decide(new io.sipwarden.detect.Finding("SW-1004", 1, b, io.sipwarden.detect.Finding.Severity.HIGH, "bench", "",
                        T0, T0, 1, true), GeoLocation.UNKNOWN, T0.plusSeconds(1));
            }
            if (detection.trackedSources() != n || decider.book().activeCount(T0.plusSeconds(2)) != n) {
                throw new IllegalStateException("expected " + n + " sources and bans, got " + detection.trackedSources() + " / "
                        + decider.book().activeCount(T0.plusSeconds(2)));
            }
            keep = new Object[] {detection, decider};
        } else {
            Naive nv = new Naive();
            for (int i = 0; i < n; i++) {
                InetAddress a = v4(i, 11);
                nv.failures.computeIfAbsent(a, k -> new ArrayDeque<>()).add(T0.plusMillis(i));
                nv.accounts.computeIfAbsent(a, k -> new HashSet<>()).add("u" + (i & 7));
                nv.ban(v4(i, 101), T0, "SW-1004");
            }
            keep = nv;
        }
        long build = (System.nanoTime() - t) / 1_000_000;
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime rt = Runtime.getRuntime();
        long heapUsed = (rt.totalMemory() - rt.freeMemory()) >> 20;
        System.out.printf(Locale.ROOT, "memory %-7s: %,d tracked sources + %,d active bans: VmRSS %,d MB (JVM alone %,d MB), heap used %,d MB, built in %,d ms%n",
                which, n, n, rssKb() >> 10, rss0 >> 10, heapUsed, build);
        if (keep.hashCode() == 42) {
            System.out.println();
        }
    }

    /** Writes 1M active bans into a store (for {@code restart}). */
    static void populate(Path dir, int n) throws Exception {
        long t = System.nanoTime();
        try (io.sipwarden.store.sqlite.SqliteStore store = io.sipwarden.store.sqlite.SqliteStore.open(
                io.sipwarden.store.StoreSettings.inDirectory(dir))) {
            Instant now = Instant.now();
            for (int i = 0; i < n; i++) {
                InetAddress a = v4(i, 101);
                store.save(new Decision(UUID.randomUUID().toString(), Cidr.of(a), Decision.Type.BAN, Origin.detector("SW-1004", 1),
                        "outside the SIP geofence: country CN is not in geofence.sip.allow.countries", GeoLocation.UNKNOWN,
                        now, now, now, now.plus(Duration.ofDays(7))));
                if (i % 100_000 == 0) {
                    store.flush(Duration.ofMinutes(5));
                }
            }
            store.flush(Duration.ofMinutes(10));
        }
        System.out.printf(Locale.ROOT, "populated %,d active bans in %,d ms%n", n, (System.nanoTime() - t) / 1_000_000);
    }

    /** Starts a daemon on a store holding 1M active bans: time and RSS after restore + reconcile. */
    static void restart(Path dir) throws Exception {
        long rss0 = rssKb();
        long t = System.nanoTime();
        int[] handed = {0};
        io.sipwarden.enforce.Enforcer counting = new io.sipwarden.enforce.Enforcer() {
            @Override
            public String name() {
                return "counting";
            }

            @Override
            public void add(java.util.Collection<Decision> d) {
            }

            @Override
            public void remove(java.util.Collection<Decision> d) {
            }

            @Override
            public ReconcileReport reconcile(java.util.Collection<Decision> active, Instant now) {
                for (Decision d : active) {
                    handed[0]++;
                }
                return new ReconcileReport(handed[0], 0, 0, false);
            }

            @Override
            public Health health() {
                return Health.ok("counting");
            }
        };
        EngineSettings settings = new EngineSettings(null, null, io.sipwarden.store.StoreSettings.inDirectory(dir), null, null);
        try (io.sipwarden.engine.Daemon d = io.sipwarden.engine.Daemon.start(settings, POLICY, GEO, List.of(counting), List.of(), List.of())) {
            long ms = (System.nanoTime() - t) / 1_000_000;
            for (int i = 0; i < 3; i++) {
                System.gc();
            }
            System.out.printf(Locale.ROOT, "restart with %,d active bans in the store: started in %,d ms, %,d handed to the enforcer, "
                    + "%,d in the ban index; VmRSS %,d MB (JVM alone %,d MB)%n", handed[0], ms, handed[0], d.status().activeBans(),
                    rssKb() >> 10, rss0 >> 10);
        }
    }

    static InetAddress v4(int i, int first) throws Exception {
        return InetAddress.getByAddress(new byte[] {(byte) (first + (i >>> 24)), (byte) (i >>> 16), (byte) (i >>> 8), (byte) i});
    }

    static long rssKb() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
