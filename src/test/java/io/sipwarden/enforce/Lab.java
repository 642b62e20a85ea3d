package io.sipwarden.enforce;

import io.sipwarden.net.Addresses;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Two network namespaces joined by a veth pair: "a" (attacker, 10.77.0.2 and trusted 10.77.0.3,
 * fd77::2) and "d" (defender, 10.77.0.1, fd77::1) with a UDP and a TCP receiver in d. Names are
 * unique per JVM and run; {@link #close()} deletes everything, also after failures.
 */
public final class Lab implements AutoCloseable {
    private static final AtomicInteger SEQ = new AtomicInteger();
    public static final String ATTACKER = "10.77.0.2";
    public static final String TRUSTED = "10.77.0.3";
    public static final String ATTACKER6 = "fd77::2";
    public static final String DEFENDER = "10.77.0.1";
    public static final String DEFENDER6 = "fd77::1";
    public static final int UDP_PORT = 5060;
    public static final int TCP_PORT = 5061;
    public static final int OTHER_TCP_PORT = 8080;

    public final String a;
    public final String d;
    private final Netns nsA;
    private final Netns nsD;
    private final DatagramSocket udp;
    private final List<ServerSocket> tcp = new ArrayList<>();
    private final AtomicBoolean open = new AtomicBoolean(true);
    /** Per source address: datagrams received. */
    public final Map<InetAddress, AtomicLong> udpFrom = new ConcurrentHashMap<>();
    /**
     * The probes that arrived, by their token. A probe is three datagrams and the first one
     * answers it; the other two may be counted later, after the next probe began (a ban in
     * between), so each probe waits for its own token rather than for any datagram.
     */
    private final Map<String, Boolean> probesArrived = new ConcurrentHashMap<>();
    private final AtomicLong probeTokens = new AtomicLong();
    private static final String PROBE = "OPTIONS sip:probe-";
    /** Largest send time (System.nanoTime in the payload) of any flood datagram received. */
    public final AtomicLong lastFloodSent = new AtomicLong(Long.MIN_VALUE);
    public final AtomicLong floodReceived = new AtomicLong();

    private Lab(String a, String d) throws IOException {
        this.a = a;
        this.d = d;
        sh("ip", "netns", "add", a);
        sh("ip", "netns", "add", d);
        String va = "v" + a.replace("sw-", "").replace("-", "");
        String vd = va.substring(0, va.length() - 1) + "x";
        sh("ip", "link", "add", va, "netns", a, "type", "veth", "peer", "name", vd, "netns", d);
        inA("ip", "link", "set", "lo", "up");
        inD("ip", "link", "set", "lo", "up");
        inA("ip", "addr", "add", ATTACKER + "/24", "dev", va);
        inA("ip", "addr", "add", TRUSTED + "/24", "dev", va);
        inA("ip", "-6", "addr", "add", ATTACKER6 + "/64", "dev", va, "nodad");
        inD("ip", "addr", "add", DEFENDER + "/24", "dev", vd);
        inD("ip", "-6", "addr", "add", DEFENDER6 + "/64", "dev", vd, "nodad");
        inA("ip", "link", "set", va, "up");
        inD("ip", "link", "set", vd, "up");
        nsA = Netns.join(a);
        nsD = Netns.join(d);
        udp = nsD.call(() -> new DatagramSocket(new InetSocketAddress(InetAddress.getByName("::"), UDP_PORT)));
        udp.setReceiveBufferSize(4 << 20);
        for (int port : new int[] {TCP_PORT, OTHER_TCP_PORT}) {
            tcp.add(nsD.call(() -> new ServerSocket(port, 50, InetAddress.getByName("::"))));
        }
        Thread.ofPlatform().daemon().name("lab-udp").start(this::receiveUdp);
        for (ServerSocket s : tcp) {
            Thread.ofPlatform().daemon().name("lab-tcp").start(() -> acceptTcp(s));
        }
        awaitPaths();
    }

    /**
     * Sends datagrams from each source to the defender until one arrives, then forgets them. On a
     * fresh veth pair the first IPv6 packet can wait a second for neighbour discovery (the kernel
     * queues it behind a solicitation that went unanswered and retries after its 1 s timer), even
     * after the sending socket gave up: a trap port touched at 0.3 s then reached the defender at
     * 1.3 s, and its ban outlived the test's check. Resolved before any test runs, every path
     * delivers at once.
     */
    private void awaitPaths() throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (String[] path : new String[][] {{ATTACKER, DEFENDER}, {TRUSTED, DEFENDER}, {ATTACKER6, DEFENDER6}}) {
            while (!udpReaches(path[0], path[1])) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("lab path " + path[0] + " -> " + path[1] + " delivers nothing after 10 s");
                }
            }
        }
        udpFrom.clear();
        probesArrived.clear();
    }

    /** Creates a lab; on any failure everything created so far is removed, and at JVM exit in any case. */
    public static Lab create() throws IOException {
        String base = "sw-" + ProcessHandle.current().pid() + "-" + SEQ.incrementAndGet();
        // Also when the JVM is stopped from outside (surefire timeout, ^C) before close() ran.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            quiet("ip", "netns", "del", base + "-a");
            quiet("ip", "netns", "del", base + "-d");
        }));
        try {
            return new Lab(base + "-a", base + "-d");
        } catch (IOException | RuntimeException e) {
            quiet("ip", "netns", "del", base + "-a");
            quiet("ip", "netns", "del", base + "-d");
            throw e;
        }
    }

    private void receiveUdp() {
        byte[] buf = new byte[2048];
        while (open.get()) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                udp.receive(p);
            } catch (IOException e) {
                return;
            }
            InetAddress from = Addresses.unmap(p.getAddress());
            udpFrom.computeIfAbsent(from, k -> new AtomicLong()).incrementAndGet();
            String text = new String(buf, 0, Math.min(p.getLength(), 64), StandardCharsets.US_ASCII);
            if (text.startsWith(PROBE)) {
                int end = text.indexOf(' ', PROBE.length());
                probesArrived.put(from.getHostAddress() + "/" + text.substring(PROBE.length(), end < 0 ? text.length() : end), true);
            }
            if (p.getLength() == 12 && buf[0] == 'F' && buf[1] == 'L' && buf[2] == 'O' && buf[3] == 'D') {
                if (floodReceived.incrementAndGet() % 500 == 1) {
                    // An answer now and then makes the flood an established (two-way) conntrack flow.
                    try {
                        udp.send(new DatagramPacket(buf, 4, p.getSocketAddress()));
                    } catch (IOException e) {
                        // the receiver keeps counting
                    }
                }
                long sent = ByteBuffer.wrap(buf, 4, 8).getLong();
                lastFloodSent.accumulateAndGet(sent, Math::max);
            }
        }
    }

    private void acceptTcp(ServerSocket s) {
        while (open.get()) {
            try (Socket c = s.accept()) {
                c.getOutputStream().write('k');
            } catch (IOException e) {
                if (!open.get()) {
                    return;
                }
            }
        }
    }

    /** Sends a few datagrams from {@code src} and says whether any arrived within 400 ms. */
    public boolean udpReaches(String src, String dst) {
        String token = Long.toString(probeTokens.incrementAndGet());
        String key = Addresses.parse(src).getHostAddress() + "/" + token;
        nsA.call(() -> {
            try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(src), 0))) {
                byte[] msg = (PROBE + token + " SIP/2.0\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
                for (int i = 0; i < 3; i++) {
                    s.send(new DatagramPacket(msg, msg.length, new InetSocketAddress(InetAddress.getByName(dst), UDP_PORT)));
                }
            }
            return null;
        });
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(400);
        while (System.nanoTime() < deadline) {
            if (probesArrived.containsKey(key)) {
                return true;
            }
            sleep(5);
        }
        return false;
    }

    /** Whether a TCP connection from {@code src} to {@code dst:port} is answered within {@code ms}. */
    public boolean tcpConnects(String src, String dst, int port, int ms) {
        return nsA.call(() -> {
            try (Socket s = new Socket()) {
                s.bind(new InetSocketAddress(InetAddress.getByName(src), 0));
                s.connect(new InetSocketAddress(InetAddress.getByName(dst), port), ms);
                s.setSoTimeout(ms);
                return s.getInputStream().read() == 'k';
            } catch (SocketTimeoutException e) {
                return false;
            } catch (IOException e) {
                return false;
            }
        });
    }

    /** Whether a TCP connection to the lab's SIP/TCP port works. */
    public boolean tcpConnects(String src, String dst) {
        return tcpConnects(src, dst, TCP_PORT, 400);
    }

    /**
     * Floods UDP from {@code src} to the receiver until {@code stop} is set or the bounds hit; each
     * datagram carries its send time. Runs on the attacker's thread; returns the number sent.
     */
    public long flood(String src, String dst, AtomicBoolean stop, long maxPackets, long maxMillis, boolean pace) {
        return nsA.call(() -> {
            long sent = 0;
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(maxMillis);
            try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(src), 0))) {
                s.connect(new InetSocketAddress(InetAddress.getByName(dst), UDP_PORT));
                byte[] msg = new byte[12];
                msg[0] = 'F';
                msg[1] = 'L';
                msg[2] = 'O';
                msg[3] = 'D';
                DatagramPacket p = new DatagramPacket(msg, msg.length);
                while (!stop.get() && sent < maxPackets && System.nanoTime() < end) {
                    ByteBuffer.wrap(msg, 4, 8).putLong(System.nanoTime());
                    try {
                        s.send(p);
                    } catch (IOException e) {
                        // EPERM from a local drop or a full buffer: keep flooding.
                    }
                    sent++;
                    if (pace && sent % 10 == 0) {
                        // ~20k packets/s: slow enough that the receiver never overflows, so
                        // every lost datagram is one the ban dropped.
                        java.util.concurrent.locks.LockSupport.parkNanos(400_000);
                    }
                }
            }
            return sent;
        });
    }

    /** Runs a command in the defender namespace and returns its output (fails on non-zero exit). */
    public String inD(String... cmd) throws IOException {
        return sh(prefixed(d, cmd));
    }

    public String inA(String... cmd) throws IOException {
        return sh(prefixed(a, cmd));
    }

    private static String[] prefixed(String ns, String... cmd) {
        String[] all = new String[cmd.length + 4];
        all[0] = "ip";
        all[1] = "netns";
        all[2] = "exec";
        all[3] = ns;
        System.arraycopy(cmd, 0, all, 4, cmd.length);
        return all;
    }

    /** Runs a command with a 60 s bound; non-zero exit is an IOException carrying stderr. */
    public static String sh(String... cmd) throws IOException {
        // Output goes to a file, not a pipe: a large listing would otherwise fill the pipe and stall the child.
        java.nio.file.Path out = java.nio.file.Files.createTempFile("lab-sh", ".out");
        try {
            return sh(out, cmd);
        } finally {
            java.nio.file.Files.deleteIfExists(out);
        }
    }

    private static String sh(java.nio.file.Path outFile, String... cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(outFile.toFile()).start();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("timed out: " + String.join(" ", cmd));
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        String out = java.nio.file.Files.readString(outFile, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " → exit " + p.exitValue() + ": " + out);
        }
        return out;
    }

    private static void quiet(String... cmd) {
        try {
            sh(cmd);
        } catch (IOException e) {
            // cleanup of something that may not exist
        }
    }

    public static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        open.set(false);
        udp.close();
        for (ServerSocket s : tcp) {
            try {
                s.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        nsA.close();
        nsD.close();
        quiet("ip", "netns", "del", a);
        quiet("ip", "netns", "del", d);
    }
}
