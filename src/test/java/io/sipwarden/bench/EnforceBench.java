package io.sipwarden.bench;

import io.sipwarden.decision.Decision;
import io.sipwarden.enforce.Decisions;
import io.sipwarden.enforce.EnforceSettings;
import io.sipwarden.enforce.KernelSet;
import io.sipwarden.enforce.Lab;
import io.sipwarden.enforce.ipset.IpsetEnforcer;
import io.sipwarden.enforce.nftables.NftEnforcer;
import io.sipwarden.enforce.nftables.NftSession;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Enforcement benchmarks against the alternatives, same machine, same run (docs/bench-enforce.md).
 * Runs in the namespaces of a {@link Lab}: the enforcers act in the defender namespace, peers
 * are run with {@code ip netns exec}. Usage: EnforceBench [singles] [bulk] [flood].
 */
public final class EnforceBench {
    private static final InstantSource CLOCK = InstantSource.system();

    private EnforceBench() {
    }

    public static void main(String[] args) throws Exception {
        int singles = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int bulk = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        long flood = args.length > 2 ? Long.parseLong(args[2]) : 1_000_000;
        System.out.println("machine: " + Runtime.getRuntime().availableProcessors() + " cpus, load "
                + Files.readString(Path.of("/proc/loadavg")).strip() + ", " + System.getProperty("java.vm.version"));
        try (Lab lab = Lab.create()) {
            EnforceSettings nftSettings = EnforceSettings.defaults().withNetns(lab.d);
            EnforceSettings ipsetSettings = nftSettings.withBackend(EnforceSettings.Backend.IPSET);
            singleBans(lab, nftSettings, ipsetSettings, singles);
            bulk(lab, nftSettings, ipsetSettings, bulk);
            flood(lab, nftSettings, ipsetSettings, flood);
        }
    }

    private static void singleBans(Lab lab, EnforceSettings nftS, EnforceSettings ipsetS, int n) throws Exception {
        System.out.println("\n## decision → element in the kernel set, one ban per call (" + n + " bans)");
        // The daemon runs inside the namespace it guards; so does this loop: a thread that joined the
        // lab's defender namespace drives an enforcer for "its own" namespace — no hand-off in the timing.
        EnforceSettings here = nftS.withNetns("");
        try (var ns = io.sipwarden.enforce.Netns.join(lab.d)) {
            ns.call(() -> {
                singles(here, LIBNFTNL, "libnftnl batch (default), empty table", n, 1, 0);
                singles(here, NO_LIBNFTNL, "libnftables command only (the previous path), empty table", n, 2, 0);
                singles(here, LIBNFTNL, "libnftnl batch (default), 10,000 prefix bans in the table", n, 3, 10_000);
                singles(here, NO_LIBNFTNL, "libnftables command only, 10,000 prefix bans in the table", Math.min(n, 200), 4, 10_000);
                return null;
            });
            long[] hop = new long[n];
            for (int i = 0; i < n; i++) {
                long a = System.nanoTime();
                ns.call(() -> null);
                hop[i] = System.nanoTime() - a;
            }
            report("(for comparison with earlier runs: hand-off to a thread inside the namespace, which earlier runs included)", hop, "");
        }
        try (NftEnforcer nft = new NftEnforcer(nftS, CLOCK)) {
            nft.start();
            nft.add(List.of(Decisions.ban(addr(9, 1), CLOCK.instant(), Duration.ofHours(1))));
        }
        prefixes(lab, 0);
        peerSingles(lab, n, 5, "empty table");
        prefixes(lab, 10_000);
        peerSingles(lab, n, 6, "10,000 prefix bans in the table");
        lab.inD("nft", "delete table inet sipwarden");
        int peerN = Math.min(n, 300);
        try (IpsetEnforcer ipset = new IpsetEnforcer(ipsetS, CLOCK)) {
            ipset.start();
            warm(ipset::add, 3000, 21);
            long[] t = new long[n];
            for (int i = 0; i < n; i++) {
                Decision d = Decisions.ban(addr(3, i), CLOCK.instant(), Duration.ofHours(1));
                long a = System.nanoTime();
                ipset.add(List.of(d));
                t[i] = System.nanoTime() - a;
            }
            report("ipset backend, live `ipset -` session", t, "elements present afterwards: "
                    + ipset.kernelSets().get(KernelSet.BAN4).size());
            long[] q = new long[peerN];
            for (int i = 0; i < peerN; i++) {
                long a = System.nanoTime();
                Lab.sh("ip", "netns", "exec", lab.d, "ipset", "add", "-exist", "sipwarden-ban4", addr(4, i), "timeout", "3600");
                q[i] = System.nanoTime() - a;
            }
            report("peer: spawn `ipset add` per ban", q, "");
            ipset.teardown();
        }
    }

    private static final String LIBNFTNL = "libnftnl.so.11";
    private static final String NO_LIBNFTNL = "libnftnl.so.0-absent";

    /** n single bans through NftEnforcer.add on the calling thread, with {@code prefixes} range bans in the table. */
    private static void singles(EnforceSettings s, String nftnl, String what, int n, int net, int prefixes) throws Exception {
        try (NftEnforcer nft = new NftEnforcer(s, CLOCK, new NftSession(s.libnftables(), "", nftnl))) {
            nft.start();
            if (prefixes > 0) {
                List<Decision> ranges = new ArrayList<>(prefixes);
                for (int i = 0; i < prefixes; i++) {
                    ranges.add(Decisions.ban("100." + (64 + (i >> 8)) + "." + (i & 255) + ".0/24", CLOCK.instant(), Duration.ofHours(1)));
                }
                nft.add(ranges);
            }
            warm(nft::add, Math.min(n, 2000) / (prefixes > 0 && nftnl.equals(NO_LIBNFTNL) ? 20 : 1), 20 + net);
            long[] t = new long[n];
            for (int i = 0; i < n; i++) {
                Decision d = Decisions.ban(addr(net, i), CLOCK.instant(), Duration.ofHours(1));
                long a = System.nanoTime();
                nft.add(List.of(d));
                t[i] = System.nanoTime() - a;
            }
            var k = nft.kernelSets();
            report("NftEnforcer.add, " + what, t, "(elements present afterwards: " + k.get(KernelSet.BAN4).size()
                    + " addresses, " + k.get(KernelSet.BAN4_NET).size() + " prefixes)");
            nft.reconcile(List.of(), CLOCK.instant());
        }
    }

    /** Fills ban4_net with {@code n} /24 prefixes (or empties it) with the nft CLI. */
    private static void prefixes(Lab lab, int n) throws Exception {
        lab.inD("nft", "flush set inet sipwarden ban4_net");
        if (n == 0) {
            return;
        }
        StringBuilder f = new StringBuilder("add element inet sipwarden ban4_net { ");
        for (int i = 0; i < n; i++) {
            f.append(i == 0 ? "" : ", ").append("100.").append(64 + (i >> 8)).append('.').append(i & 255).append(".0/24 timeout 3600s");
        }
        Path file = Files.createTempFile("sw-bench", ".nft");
        Files.writeString(file, f.append(" }\n"), StandardCharsets.US_ASCII);
        Lab.sh("ip", "netns", "exec", lab.d, "nft", "-f", file.toString());
        Files.delete(file);
    }

    private static void peerSingles(Lab lab, int n, int net, String what) throws Exception {
        int peerN = Math.min(n, what.startsWith("empty") ? 300 : 100);
        long[] p = new long[peerN];
        for (int i = 0; i < peerN; i++) {
            long a = System.nanoTime();
            Lab.sh("ip", "netns", "exec", lab.d, "nft", "add", "element", "inet", "sipwarden", "ban4",
                    "{ " + addr(net, i) + " timeout 3600s }");
            p[i] = System.nanoTime() - a;
        }
        report("peer: spawn `nft add element` per ban (fail2ban nftables action), " + what, p, "");
    }

    private static void bulk(Lab lab, EnforceSettings nftS, EnforceSettings ipsetS, int n) throws Exception {
        System.out.println("\n## " + n + " bans at once");
        Instant now = CLOCK.instant();
        List<Decision> ds = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ds.add(Decisions.ban(addr(10, i), now, Duration.ofHours(1)));
        }
        for (String nftnl : List.of(LIBNFTNL, NO_LIBNFTNL, LIBNFTNL)) {
            String path = nftnl.equals(LIBNFTNL) ? "libnftnl batch" : "libnftables command only";
            try (NftEnforcer nft = new NftEnforcer(nftS, CLOCK, new NftSession(nftS.libnftables(), nftS.netns(), nftnl))) {
                nft.start();
                long a = System.nanoTime();
                var r = nft.reconcile(ds, CLOCK.instant());
                long ms = (System.nanoTime() - a) / 1_000_000;
                System.out.printf("- %s: reconcile into an empty set (list + one transaction): %d ms (%d added)%n", path, ms, r.added());
                lab.inD("nft", "flush set inet sipwarden ban4");
                a = System.nanoTime();
                nft.add(ds);
                ms = (System.nanoTime() - a) / 1_000_000;
                int ours = nft.kernelSets().get(KernelSet.BAN4).size();
                String cli = Lab.sh("sh", "-c", "ip netns exec " + lab.d + " nft list set inet sipwarden ban4 | grep -o ' expires ' | wc -l").strip();
                System.out.printf("- %s: NftEnforcer.add(%d decisions) (one transaction): %d ms; present: %d by our listing, %s by the nft CLI%n",
                        path, n, ms, ours, cli);
                lab.inD("nft", "flush set inet sipwarden ban4");
            }
        }
        StringBuilder f = new StringBuilder("add element inet sipwarden ban4 { ");
        for (int i = 0; i < n; i++) {
            f.append(i == 0 ? "" : ", ").append(addr(10, i)).append(" timeout 3600s");
        }
        f.append(" }\n");
        Path file = Files.createTempFile("sw-bench", ".nft");
        Files.writeString(file, f, StandardCharsets.US_ASCII);
        long a = System.nanoTime();
        Lab.sh("ip", "netns", "exec", lab.d, "nft", "-f", file.toString());
        System.out.printf("- peer: `nft -f` with one %d-element command: %d ms%n", n, (System.nanoTime() - a) / 1_000_000);
        lab.inD("nft", "delete table inet sipwarden");
        try (IpsetEnforcer ipset = new IpsetEnforcer(ipsetS, CLOCK)) {
            ipset.start();
            a = System.nanoTime();
            ipset.add(ds);
            System.out.printf("- ipset backend add(%d) (one `ipset restore`): %d ms%n", n, (System.nanoTime() - a) / 1_000_000);
            ipset.teardown();
        }
        StringBuilder rs = new StringBuilder("create swbench hash:ip timeout 3600 maxelem 1048576\n");
        for (int i = 0; i < n; i++) {
            rs.append("add swbench ").append(addr(10, i)).append(" timeout 3600\n");
        }
        Files.writeString(file, rs, StandardCharsets.US_ASCII);
        a = System.nanoTime();
        Lab.sh("sh", "-c", "ip netns exec " + lab.d + " ipset restore < " + file);
        System.out.printf("- peer: plain `ipset restore` of %d lines: %d ms%n", n, (System.nanoTime() - a) / 1_000_000);
        lab.inD("ipset", "destroy", "swbench");
        Files.delete(file);
    }

    private static void flood(Lab lab, EnforceSettings nftS, EnforceSettings ipsetS, long packets) throws Exception {
        System.out.println("\n## flood from a banned source (" + packets + " datagrams, unpaced)");
        try (NftEnforcer nft = new NftEnforcer(nftS, CLOCK)) {
            nft.start();
            floodBanned(lab, "nftables", nft, packets);
        }
        lab.inD("nft", "delete table inet sipwarden");
        try (IpsetEnforcer ipset = new IpsetEnforcer(ipsetS, CLOCK)) {
            ipset.start();
            floodBanned(lab, "ipset", ipset, packets);
            ipset.teardown();
        }
    }

    /** Bans the attacker, floods from it, and counts what the rule dropped and what still arrived. */
    private static <E extends io.sipwarden.enforce.Enforcer & io.sipwarden.enforce.DropCounter> void floodBanned(
            Lab lab, String name, E enforcer, long packets) throws Exception {
        enforcer.add(List.of(Decisions.ban(Lab.ATTACKER, CLOCK.instant(), Duration.ofHours(1))));
        long before = lab.floodReceived.get();
        long c0 = enforcer.droppedPackets();
        long a = System.nanoTime();
        long sent = lab.flood(Lab.ATTACKER, Lab.DEFENDER, new AtomicBoolean(), packets, 60_000, false);
        double s = (System.nanoTime() - a) / 1e9;
        Lab.sleep(200);
        System.out.printf("- %s: %d sent in %.2f s (%.0f pps), dropped by the ban rule %d, reached userspace %d%n",
                name, sent, s, sent / s, enforcer.droppedPackets() - c0, lab.floodReceived.get() - before);
    }

    private interface Adder {
        void add(java.util.Collection<Decision> d) throws Exception;
    }

    private static void warm(Adder adder, int n, int net) throws Exception {
        for (int i = 0; i < n; i++) {
            adder.add(List.of(Decisions.ban(addr(net, i), CLOCK.instant(), Duration.ofMinutes(1))));
        }
    }

    private static String addr(int net, int i) {
        return (10 + net) + "." + ((i >> 16) & 0xFF) + "." + ((i >> 8) & 0xFF) + "." + (i & 0xFF);
    }

    private static void report(String what, long[] ns, String extra) {
        long[] s = ns.clone();
        Arrays.sort(s);
        System.out.printf("- %s: p50 %.3f ms, p99 %.3f ms, max %.3f ms (n=%d) %s%n", what, s[s.length / 2] / 1e6,
                s[(int) (s.length * 0.99)] / 1e6, s[s.length - 1] / 1e6, s.length, extra);
    }
}
