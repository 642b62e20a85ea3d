package io.sipwarden.bench;

import io.sipwarden.endpoint.EndpointLocations;
import io.sipwarden.event.SecurityEvent;
import io.sipwarden.sensor.ami.AmiClient;
import io.sipwarden.sensor.ami.AmiSettings;
import io.sipwarden.sensor.ami.AmiTestServer;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Time from an event's last byte written on the AMI socket (loopback) to its delivery to the
 * EventSink, through the real client: reader thread, parser, mapper, bounded queue, drainer.
 * Runs at the recorded flood peak (400 events/s), at 10x that, and as fast as possible.
 * Usage: java -cp ... io.sipwarden.bench.AmiLatencyBench [events-per-rate]
 */
public final class AmiLatencyBench {
    private AmiLatencyBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        System.out.printf(Locale.ROOT, "# %s, %d cores, %d events per run%n", Runtime.version(),
                Runtime.getRuntime().availableProcessors(), n);
        for (int rate : new int[] {400, 4000, 0}) {
            run(n, rate);
        }
    }

    private static void run(int n, int rate) throws Exception {
        long[] written = new long[n];
        long[] delivered = new long[n];
        CountDownLatch done = new CountDownLatch(n);
        try (AmiTestServer server = new AmiTestServer("bench", "bench-secret").byDefault(c -> {
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                if (rate > 0) {
                    long due = start + i * 1_000_000_000L / rate;
                    while (System.nanoTime() < due) {
                        LockSupport.parkNanos(Math.max(1000, due - System.nanoTime() - 50_000));
                    }
                }
                c.frame("Event", "ChallengeResponseFailed", "Privilege", "security,all",
                        "EventTV", "2026-11-21T19:19:53.704+0000", "Severity", "Error", "Service", "PJSIP",
                        "EventVersion", "1", "AccountID", "1001", "SessionID", "lat-" + i,
                        "LocalAddress", "IPV4/UDP/10.77.0.1/5060", "RemoteAddress", "IPV4/UDP/10.77.0.2/5071",
                        "Challenge", "1795288793/758b5976137eb71de2c41378054e3e77",
                        "Response", "d2ad38038d0a263b2cad064cc1e9b77e", "ExpectedResponse", "");
                written[i] = System.nanoTime();
            }
        })) {
            AmiSettings.Connection s = AmiSettings.Connection.of("bench", "127.0.0.1", server.port(), "bench",
                    "bench-secret");
            try (AmiClient client = new AmiClient(s, new EndpointLocations(10), InstantSource.system(), 65_536)) {
                client.start((SecurityEvent e) -> {
                    String id = e.meta().correlation();
                    if (id.startsWith("lat-")) {
                        int i = Integer.parseInt(id, 4, id.length(), 10);
                        delivered[i] = System.nanoTime();
                        done.countDown();
                    }
                });
                if (!done.await(120, TimeUnit.SECONDS)) {
                    System.out.println("timeout: " + done.getCount() + " events missing");
                    return;
                }
                long[] lat = new long[n];
                for (int i = 0; i < n; i++) {
                    lat[i] = delivered[i] - written[i];
                }
                // Skip the first 10% (JIT warm-up).
                long[] steady = Arrays.copyOfRange(lat, n / 10, n);
                Arrays.sort(steady);
                System.out.printf(Locale.ROOT, "rate %-6s events %d: p50 %.3f ms, p99 %.3f ms, p99.9 %.3f ms, max %.3f ms,"
                                + " dropped %d%n", rate == 0 ? "max" : rate + "/s", n, ms(steady, 0.50), ms(steady, 0.99),
                        ms(steady, 0.999), steady[steady.length - 1] / 1e6, client.stats().dropped());
            }
        }
    }

    private static double ms(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) (q * sorted.length))] / 1e6;
    }
}
