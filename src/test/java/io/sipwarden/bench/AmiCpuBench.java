package io.sipwarden.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The AmiBench workloads timed in thread CPU time instead of wall time: on a shared, overloaded
 * machine wall-clock throughput mostly measures the scheduler, CPU time measures the code.
 * Usage: java -cp ... io.sipwarden.bench.AmiCpuBench [rounds]
 */
public final class AmiCpuBench {
    private AmiCpuBench() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Blackhole bh = new Blackhole("Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
        for (String input : new String[] {"s05-register-flood", "all"}) {
            AmiBench b = new AmiBench();
            b.input = input;
            b.load();
            int frames = b.parseOnly(bh);
            for (String what : new String[] {"parseOnly", "parseAndMap", "parseMapAndDetect", "peerAsteriskJava"}) {
                int r = what.equals("peerAsteriskJava") ? Math.max(10, rounds / 3) : rounds;
                for (int i = 0; i < r / 2; i++) {
                    run(b, what, bh); // warm-up
                }
                long best = Long.MAX_VALUE;
                long total = 0;
                for (int i = 0; i < r; i++) {
                    long t0 = mx.getCurrentThreadCpuTime();
                    run(b, what, bh);
                    long dt = mx.getCurrentThreadCpuTime() - t0;
                    best = Math.min(best, dt);
                    total += dt;
                }
                System.out.printf(Locale.ROOT, "%-18s %-17s %,10.0f frames/CPU-s (mean of %d), %,10.0f best%n", input, what,
                        frames * 1e9 * r / total, r, frames * 1e9 / best);
            }
        }
        bh.evaporate("Yes, I am Stephen Hawking, and know a thing or two about black holes.");
    }

    private static void run(AmiBench b, String what, Blackhole bh) throws Exception {
        switch (what) {
            case "parseOnly" -> b.parseOnly(bh);
            case "parseAndMap" -> b.parseAndMap(bh);
            case "parseMapAndDetect" -> bh.consume(b.parseMapAndDetect());
            default -> b.peerAsteriskJava(bh);
        }
    }
}
