package io.sipwarden.bench;

import com.nulabinc.zxcvbn.Zxcvbn;
import io.sipwarden.audit.AuditReport;
import io.sipwarden.audit.Auditor;
import io.sipwarden.audit.check.AuditInput;
import io.sipwarden.audit.check.Checks;
import io.sipwarden.audit.check.Endpoint;
import io.sipwarden.audit.check.Endpoints;
import io.sipwarden.audit.check.SecretStrength;
import io.sipwarden.audit.conf.AsteriskConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * Benchmark of {@code sipwarden audit} on a generated FreePBX-style configuration (5,000+
 * endpoints, 2,000+ contexts). Prints cold (first run in a fresh JVM, and the CLI as a new
 * process) and warm figures, a phase breakdown, and plain zxcvbn on every secret as the baseline
 * the secret judge is designed against. Run:
 * {@code ./mvnw -q test-compile && java -cp target/classes:target/test-classes:$(cat cp.txt) io.sipwarden.bench.AuditBench [dir]}
 */
public final class AuditBench {

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    public static void main(String[] args) throws Exception {
        System.out.println("load average at start: " + load() + " (" + Runtime.getRuntime().availableProcessors() + " CPUs)");
        long t0 = System.nanoTime();
        Path dir = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("audit-bench");
        FreePbxConfig.Size size = FreePbxConfig.write(dir, 5000, 2000, 250, 42);
        System.out.printf(Locale.ROOT, "generated %s in %s: %d endpoints, %d contexts, %d trunks, %d weak%n",
                dir, ms(System.nanoTime() - t0), size.endpoints(), size.contexts(), size.trunks(), size.weak());

        // cold: the very first audit in this JVM (class loading, zxcvbn dictionaries, JIT)
        long c0 = System.nanoTime();
        long cpu0 = OS.getProcessCpuTime();
        AuditReport cold = new Auditor(new SecretStrength(), InstantSource.system()).audit(dir, OptionalInt.of(20));
        long cold1 = System.nanoTime() - c0;
        System.out.printf(Locale.ROOT, "cold in-process first run: %s wall, %s CPU (%d findings, %d sections)%n",
                ms(cold1), ms(OS.getProcessCpuTime() - cpu0), cold.findings().size(), cold.sections());

        int n = Integer.getInteger("runs", 5);
        long[] fresh = new long[n];
        long[] freshCpu = new long[n];
        for (int i = 0; i < n; i++) {
            long s = System.nanoTime();
            long c = OS.getProcessCpuTime();
            new Auditor(new SecretStrength(), InstantSource.system()).audit(dir, OptionalInt.of(20));
            fresh[i] = System.nanoTime() - s;
            freshCpu[i] = OS.getProcessCpuTime() - c;
        }
        System.out.println("warm, fresh secret memo (CLI-equivalent work): median " + ms(median(fresh)) + " wall of " + fmt(fresh)
                + "; CPU " + fmt(freshCpu));

        SecretStrength shared = new SecretStrength();
        Auditor daemon = new Auditor(shared, InstantSource.system());
        daemon.audit(dir, OptionalInt.of(20));
        long[] memo = new long[n];
        long[] memoCpu = new long[n];
        for (int i = 0; i < n; i++) {
            long s = System.nanoTime();
            long c = OS.getProcessCpuTime();
            daemon.audit(dir, OptionalInt.of(20));
            memo[i] = System.nanoTime() - s;
            memoCpu[i] = OS.getProcessCpuTime() - c;
        }
        System.out.println("warm, shared memo (daemon re-run after a change): median " + ms(median(memo)) + " wall of " + fmt(memo)
                + "; CPU " + fmt(memoCpu));

        // phases, warm
        long p0 = System.nanoTime();
        AsteriskConfig cfg = AsteriskConfig.read(dir);
        long p1 = System.nanoTime();
        List<Endpoint> eps = Endpoints.of(cfg);
        long p2 = System.nanoTime();
        SecretStrength st = new SecretStrength();
        List<SecretStrength.Candidate> cands = new ArrayList<>();
        for (Endpoint e : eps) {
            if (e.hasCredentials() && !e.md5()) {
                cands.add(new SecretStrength.Candidate(e.secret().value(), e.username(), e.name()));
            }
        }
        long zc = OS.getProcessCpuTime();
        st.prepare(cands);
        long p3 = System.nanoTime();
        long zcpu = OS.getProcessCpuTime() - zc;
        Checks.run(new AuditInput(cfg, eps, st, OptionalInt.of(20)));
        long p4 = System.nanoTime();
        System.out.printf(Locale.ROOT, "phases (warm): read+parse %s, endpoints %s, secrets %d (%d proved by the bound, %d zxcvbn measurements, %d threads) %s wall / %s CPU, all checks incl. dialplan %s%n",
                ms(p1 - p0), ms(p2 - p1), cands.size(), st.bounded(), st.measured(), Runtime.getRuntime().availableProcessors(),
                ms(p3 - p2), ms(zcpu), ms(p4 - p3));

        // baseline: plain zxcvbn on every full secret, one thread, as a naive audit would do
        Zxcvbn z = new Zxcvbn();
        int base = Integer.getInteger("baseline", 1000);
        long b0 = System.nanoTime();
        for (SecretStrength.Candidate c : cands.subList(0, Math.min(base, cands.size()))) {
            z.measure(c.secret(), List.of(c.username(), c.extension()));
        }
        long b1 = System.nanoTime();
        System.out.printf(Locale.ROOT, "baseline: plain zxcvbn, full secrets, single thread: %s for the first %d secrets (x%.1f for all %d)%n",
                ms(b1 - b0), Math.min(base, cands.size()), cands.size() / (double) Math.min(base, cands.size()), cands.size());

        if (!Boolean.getBoolean("skipCli")) {
            String cp = System.getProperty("java.class.path");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            long[] cli = new long[3];
            for (int i = 0; i < cli.length; i++) {
                long s = System.nanoTime();
                Process pr = new ProcessBuilder(java, "-cp", cp, "io.sipwarden.cli.Main", "audit", dir.toString(),
                        "--asterisk-version", "20", "--json", "-o", "/dev/null").inheritIO().start();
                int rc = pr.waitFor();
                cli[i] = System.nanoTime() - s;
                if (rc != 0) {
                    System.out.println("cli exit " + rc);
                }
            }
            System.out.println("cold CLI (new JVM each, incl. JVM start): " + fmt(cli));
        }
        System.out.println("load average at end: " + load());
    }

    private static long median(long[] a) {
        long[] b = a.clone();
        Arrays.sort(b);
        return b[b.length / 2];
    }

    private static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.0f ms", nanos / 1e6);
    }

    private static String fmt(long[] a) {
        StringBuilder b = new StringBuilder("[");
        for (long x : a) {
            b.append(b.length() > 1 ? ", " : "").append(String.format(Locale.ROOT, "%.0f", x / 1e6));
        }
        return b.append("] ms").toString();
    }
}
