package io.sipwarden.bench;

import io.sipwarden.event.SecurityEvent;
import io.sipwarden.sensor.ami.AmiFrame;
import io.sipwarden.sensor.ami.AmiFrameReader;
import io.sipwarden.sensor.ami.SecurityEventMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * AMI frames parsed and mapped to SecurityEvents per second on one thread, on the real s05
 * flood transcript (13,602 events: 7,000 ChallengeSent, 5,000 ChallengeResponseFailed, 1,600
 * InvalidAccountID, ...) and on all 13 transcripts concatenated. One op = one AMI frame.
 * Run: see docs/bench-ami.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AmiBench {

    @Param({"s05-register-flood", "all"})
    public String input;

    private byte[] bytes;
    private int frames;

    @Setup(Level.Trial)
    public void load() throws IOException {
        Path dir = Path.of(System.getProperty("sipwarden.shared", "../shared"), "data", "asterisk-20", "captures");
        StringBuilder all = new StringBuilder();
        try (var list = Files.list(dir)) {
            for (Path p : list.filter(f -> f.getFileName().toString().startsWith("ami-")
                    && f.getFileName().toString().endsWith(".txt")).sorted().toList()) {
                if (input.equals("all") || p.getFileName().toString().equals("ami-" + input + ".txt")) {
                    String t = Files.readString(p, StandardCharsets.ISO_8859_1);
                    all.append(t, t.indexOf("\r\n") + 2, t.length()); // drop the banner line
                }
            }
        }
        bytes = all.toString().getBytes(StandardCharsets.ISO_8859_1);
        frames = countFrames();
        // Frames per second = JMH's invocations per second times this frame count.
        System.out.println("# AmiBench input " + input + ": " + bytes.length + " bytes, " + frames + " frames");
        // Sanity: how many frames each side turns into an object (the peer: any ManagerEvent).
        Blackhole probe = new Blackhole("Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
        int[] built = new int[1];
        var oldPeer = new org.asteriskjava.manager.internal.PeerEventBuilder();
        java.io.BufferedReader in = new java.io.BufferedReader(new java.io.StringReader(
                new String(bytes, StandardCharsets.UTF_8)));
        java.util.Map<String, Object> buf = new java.util.HashMap<>();
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.isEmpty()) {
                if (buf.containsKey("event") && oldPeer.build(this, buf) != null) {
                    built[0]++;
                }
                buf = new java.util.HashMap<>();
            } else if (line.indexOf(':') > 0) {
                buf.put(line.substring(0, line.indexOf(':')).toLowerCase(java.util.Locale.ENGLISH),
                        line.substring(Math.min(line.length(), line.indexOf(':') + 2)));
            }
        }
        probe.evaporate("Yes, I am Stephen Hawking, and know a thing or two about black holes.");
        System.out.println("# peer built " + built[0] + " ManagerEvents");
    }

    private int countFrames() throws IOException {
        AmiFrameReader r = new AmiFrameReader(new ByteArrayInputStream(bytes));
        int n = 0;
        while (r.next() != null) {
            n++;
        }
        return n;
    }

    /** Parse only: the framing cost, as a baseline for parseAndMap. */
    @Benchmark
    public int parseOnly(Blackhole bh) throws IOException {
        AmiFrameReader r = new AmiFrameReader(new ByteArrayInputStream(bytes));
        int n = 0;
        AmiFrame f;
        while ((f = r.next()) != null) {
            bh.consume(f);
            n++;
        }
        return n;
    }

    private final org.asteriskjava.manager.internal.PeerEventBuilder peer =
            new org.asteriskjava.manager.internal.PeerEventBuilder();

    /**
     * The peer, asterisk-java 3.42.2, doing what its ManagerReaderImpl does per frame: read lines,
     * collect {@code key.toLowerCase() -> value} into a map, then EventBuilderImpl.buildEvent
     * (reflection onto setters). It does less than we do: no address or time parsing.
     */
    @Benchmark
    public int peerAsteriskJava(Blackhole bh) throws IOException {
        java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(
                new ByteArrayInputStream(bytes), StandardCharsets.UTF_8), 64 * 1024);
        java.util.Map<String, Object> buffer = new java.util.HashMap<>();
        int n = 0;
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isEmpty()) {
                if (!buffer.isEmpty()) {
                    if (buffer.containsKey("event")) {
                        bh.consume(peer.build(this, buffer));
                    }
                    n++;
                    buffer = new java.util.HashMap<>();
                }
                continue;
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                String name = line.substring(0, colon).toLowerCase(java.util.Locale.ENGLISH);
                String value = colon + 2 <= line.length() ? line.substring(colon + 2) : "";
                buffer.put(name, value);
            }
        }
        return n;
    }

    /**
     * Parse, map and run the engine over the events (enrichment, all built-in detectors, decider),
     * as {@code replay} does: AMI bytes to decisions. Policy: nothing trusted but loopback,
     * everything allowed; no geo database.
     */
    @Benchmark
    public int parseMapAndDetect() throws IOException {
        AmiFrameReader r = new AmiFrameReader(new ByteArrayInputStream(bytes));
        SecurityEventMapper m = new SecurityEventMapper("bench");
        java.util.Iterator<SecurityEvent> events = new java.util.Iterator<>() {
            SecurityEvent next;

            @Override
            public boolean hasNext() {
                try {
                    AmiFrame f;
                    while (next == null && (f = r.next()) != null) {
                        next = m.map(f, Instant.EPOCH);
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                return next != null;
            }

            @Override
            public SecurityEvent next() {
                SecurityEvent e = next;
                next = null;
                return e;
            }
        };
        return io.sipwarden.engine.Replay.run(events, ENGINE, ALLOW_ALL, NO_GEO).decisions().size();
    }

    private static final io.sipwarden.engine.EngineSettings ENGINE =
            new io.sipwarden.engine.EngineSettings(null, null, null, null, null);

    private static final io.sipwarden.policy.Policy ALLOW_ALL = new io.sipwarden.policy.Policy() {
        @Override
        public io.sipwarden.policy.Verdict evaluate(java.net.InetAddress a, io.sipwarden.event.Service s, String endpoint,
                                                    io.sipwarden.geo.GeoLocation l) {
            return new io.sipwarden.policy.Verdict(io.sipwarden.policy.Verdict.Outcome.ALLOWED, "bench", "allow all");
        }

        @Override
        public boolean isTrusted(java.net.InetAddress a) {
            return a.isLoopbackAddress();
        }
    };

    private static final io.sipwarden.geo.GeoLookup NO_GEO = new io.sipwarden.geo.GeoLookup() {
        @Override
        public io.sipwarden.geo.GeoLocation lookup(java.net.InetAddress a) {
            return io.sipwarden.geo.GeoLocation.UNKNOWN;
        }

        @Override
        public String describe() {
            return "none";
        }
    };

    /** Parse every frame and map the security events: what the reader thread does per event. */
    @Benchmark
    public int parseAndMap(Blackhole bh) throws IOException {
        AmiFrameReader r = new AmiFrameReader(new ByteArrayInputStream(bytes));
        SecurityEventMapper m = new SecurityEventMapper("bench");
        Instant now = Instant.EPOCH;
        int n = 0;
        AmiFrame f;
        while ((f = r.next()) != null) {
            SecurityEvent e = m.map(f, now);
            bh.consume(e);
            n++;
        }
        return n;
    }

}
