package io.sipwarden.sensor.ami;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ServerSocketFactory;

/**
 * A test AMI server that speaks the protocol as Asterisk 20 does (reference §1 and the real
 * transcripts): the banner, Challenge/Login (MD5 and plain) with a delayed error on failure,
 * responses carrying the ActionID, events interleaved only at frame boundaries, list actions
 * (EventList start … Complete with ListItems), Ping/Pong, Hangup, Getvar, and Goodbye on
 * Logoff. What happens after login on the n-th connection is a {@link Script}.
 */
public final class AmiTestServer implements AutoCloseable {

    /** What the server does after a successful login; runs on its own thread. */
    public interface Script {
        void run(Conn c) throws Exception;
    }

    private final ServerSocket server;
    private final String user;
    private final String secret;
    private final Thread acceptor;
    private final Map<Integer, Script> scripts = new ConcurrentHashMap<>();
    private volatile Script defaultScript = c -> { };
    public final AtomicInteger connections = new AtomicInteger();
    public final AtomicInteger logins = new AtomicInteger();
    public final List<String> actions = new CopyOnWriteArrayList<>();
    final List<Conn> conns = new CopyOnWriteArrayList<>();
    public volatile boolean refuseLogin;
    volatile long loginFailDelayMs = 50;
    public volatile String banner = "Asterisk Call Manager/9.0.0";
    /** Live channels: name to channel variables (for CoreShowChannels, Getvar, Hangup). */
    public final Map<String, Map<String, String>> channels = Collections.synchronizedMap(new LinkedHashMap<>());
    public final List<String> hungUp = new CopyOnWriteArrayList<>();
    public final List<String[]> contacts = new CopyOnWriteArrayList<>();
    /** What ListCommands lists (the actions the user may send). */
    public final List<String> permitted = new CopyOnWriteArrayList<>(List.of("Login", "Logoff", "Ping", "Hangup",
            "Getvar", "CoreShowChannels", "SIPpeers", "ListCommands"));
    /** Action names answered with "Permission denied". */
    public final List<String> denied = new CopyOnWriteArrayList<>();

    public AmiTestServer(String user, String secret) throws IOException {
        this(user, secret, ServerSocketFactory.getDefault());
    }

    public AmiTestServer(String user, String secret, ServerSocketFactory factory) throws IOException {
        this.user = user;
        this.secret = secret;
        this.server = factory.createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = Thread.ofPlatform().daemon().name("ami-test-server").start(this::accept);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Script for the n-th connection (1-based); others use the default. */
    public AmiTestServer on(int n, Script s) {
        scripts.put(n, s);
        return this;
    }

    public AmiTestServer byDefault(Script s) {
        defaultScript = s;
        return this;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                int n = connections.incrementAndGet();
                Conn c = new Conn(s, n);
                conns.add(c);
                Thread.ofPlatform().daemon().name("ami-test-conn-" + n).start(c::serve);
            } catch (IOException e) {
                return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Conn c : conns) {
            c.close();
        }
        try {
            acceptor.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One client connection. Writes happen only at frame boundaries, as in Asterisk. */
    public final class Conn {
        private final Socket socket;
        private final int number;
        private final OutputStream out;
        private final java.util.concurrent.locks.ReentrantLock lock = new java.util.concurrent.locks.ReentrantLock();
        /** The thread that wrote part of a frame; others wait until it completes the frame. */
        private Thread partialOwner;
        volatile boolean stalled;
        private String challenge;

        Conn(Socket socket, int number) throws IOException {
            this.socket = socket;
            this.number = number;
            this.out = socket.getOutputStream();
        }

        private void serve() {
            try {
                raw((banner + "\r\n").getBytes(StandardCharsets.UTF_8));
                AmiFrameReader r = new AmiFrameReader(socket.getInputStream(), true);
                AmiFrame f;
                while ((f = r.next()) != null) {
                    String action = f.getOrEmpty("Action");
                    actions.add(action);
                    if (stalled) {
                        continue;
                    }
                    if (!handle(action, f)) {
                        return;
                    }
                }
            } catch (IOException | InterruptedException e) {
                // client went away or the test closed us
            } finally {
                close();
            }
        }

        private boolean handle(String action, AmiFrame f) throws IOException, InterruptedException {
            String id = f.getOrEmpty("ActionID");
            if (denied.contains(action)) {
                frame("Response", "Error", "ActionID", id, "Message", "Permission denied");
                return true;
            }
            switch (action.toLowerCase(java.util.Locale.ROOT)) {
                case "challenge" -> {
                    challenge = String.valueOf(ThreadLocalRandom.current().nextLong(100_000_000L, 999_999_999L));
                    frame("Response", "Success", "ActionID", id, "Challenge", challenge);
                }
                case "login" -> {
                    boolean ok = !refuseLogin && user.equals(f.get("Username"))
                            && ("md5".equalsIgnoreCase(f.get("AuthType"))
                                ? challenge != null && Md5.hex(challenge + secret).equals(f.get("Key"))
                                : secret.equals(f.get("Secret")));
                    if (!ok) {
                        Thread.sleep(loginFailDelayMs); // Asterisk delays a failed login by 1 s
                        frame("Response", "Error", "ActionID", id, "Message", "Authentication failed");
                        return false;
                    }
                    logins.incrementAndGet();
                    frame("Response", "Success", "ActionID", id, "Message", "Authentication accepted");
                    frame("Event", "FullyBooted", "Privilege", "system,all", "Uptime", "93", "LastReload", "93",
                            "Status", "Fully Booted");
                    Script s = scripts.getOrDefault(number, defaultScript);
                    Thread.ofPlatform().daemon().name("ami-test-script-" + number).start(() -> {
                        try {
                            s.run(this);
                        } catch (Exception e) {
                            close();
                        }
                    });
                }
                case "listcommands" -> {
                    List<String> kv = new ArrayList<>(List.of("Response", "Success", "ActionID", id));
                    for (String a : permitted) {
                        kv.add(a);
                        kv.add(a + " (Priv: call,all)");
                    }
                    frame(kv.toArray(String[]::new));
                }
                case "ping" -> frame("Response", "Success", "ActionID", id, "Ping", "Pong",
                        "Timestamp", String.format(java.util.Locale.ROOT, "%.6f", System.currentTimeMillis() / 1000.0));
                case "logoff" -> {
                    frame("Response", "Goodbye", "ActionID", id, "Message", "Thanks for all the fish.");
                    return false;
                }
                case "pjsipshowcontacts" -> {
                    list(id, "ContactList", "ContactListComplete", contacts);
                }
                case "sippeers" -> list(id, "PeerEntry", "PeerlistComplete", List.of());
                case "coreshowchannels" -> {
                    List<String[]> items = new ArrayList<>();
                    synchronized (channels) {
                        for (var e : channels.entrySet()) {
                            items.add(new String[] {"Channel", e.getKey(), "ChannelState", "6",
                                "ChannelStateDesc", "Up", "Application", "Dial", "Duration", "00:00:07"});
                        }
                    }
                    list(id, "CoreShowChannel", "CoreShowChannelsComplete", items);
                }
                case "getvar" -> {
                    Map<String, String> vars = channels.get(f.getOrEmpty("Channel"));
                    if (vars == null) {
                        frame("Response", "Error", "ActionID", id, "Message", "No such channel");
                    } else {
                        frame("Response", "Success", "ActionID", id, "Variable", f.getOrEmpty("Variable"),
                                "Value", vars.getOrDefault(f.getOrEmpty("Variable"), ""));
                    }
                }
                case "hangup" -> {
                    String ch = f.getOrEmpty("Channel");
                    if (channels.remove(ch) == null) {
                        frame("Response", "Error", "ActionID", id, "Message", "No such channel");
                    } else {
                        hungUp.add(ch);
                        frame("Response", "Success", "ActionID", id, "Message", "Channel Hungup");
                        frame("Event", "Hangup", "Privilege", "call,all", "Channel", ch, "Cause", "16",
                                "Cause-txt", "Normal Clearing");
                    }
                }
                default -> frame("Response", "Error", "ActionID", id, "Message", "Invalid/unknown command");
            }
            return true;
        }

        private void list(String id, String itemEvent, String completeEvent, List<String[]> items) throws IOException {
            frame("Response", "Success", "ActionID", id, "EventList", "start",
                    "Message", "A listing of " + itemEvent + " will follow");
            for (String[] item : items) {
                String[] kv = new String[4 + item.length];
                kv[0] = "Event";
                kv[1] = itemEvent;
                kv[2] = "ActionID";
                kv[3] = id;
                System.arraycopy(item, 0, kv, 4, item.length);
                frame(kv);
            }
            frame("Event", completeEvent, "ActionID", id, "EventList", "Complete", "ListItems",
                    String.valueOf(items.size()));
        }

        /** Writes one complete frame, waiting for a frame boundary. */
        public void frame(String... kv) throws IOException {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < kv.length; i += 2) {
                b.append(kv[i]).append(": ").append(kv[i + 1]).append("\r\n");
            }
            b.append("\r\n");
            write(b.toString().getBytes(StandardCharsets.UTF_8), true);
        }

        /** Writes bytes as they are (may end mid-frame: then nobody else writes until a boundary). */
        public void raw(byte[] bytes) throws IOException {
            write(bytes, endsAtBoundary(bytes));
        }

        /**
         * Complete frames from other threads while a frame is half written are queued and sent by
         * the writer of that frame at its end: like Asterisk, never inside a frame, never starved.
         */
        private final java.util.Queue<byte[]> waiting = new java.util.concurrent.ConcurrentLinkedQueue<>();

        private void write(byte[] bytes, boolean boundaryAfter) throws IOException {
            lock.lock();
            try {
                if (partialOwner != null && partialOwner != Thread.currentThread()) {
                    if (!boundaryAfter) {
                        throw new IllegalStateException("two threads writing partial frames");
                    }
                    waiting.add(bytes);
                    return;
                }
                out.write(bytes);
                partialOwner = boundaryAfter ? null : Thread.currentThread();
                if (boundaryAfter) {
                    byte[] w;
                    while ((w = waiting.poll()) != null) {
                        out.write(w);
                    }
                }
                out.flush();
            } finally {
                lock.unlock();
            }
        }

        private static boolean endsAtBoundary(byte[] b) {
            int n = b.length;
            return n == 0 || (n >= 2 && b[n - 1] == '\n' && (b[n - 2] == '\n' || (n >= 4 && b[n - 2] == '\r'
                    && b[n - 3] == '\n')));
        }

        /**
         * Replays a transcript chunk by chunk (the recorded recv() boundaries, so frames arrive
         * split as they really did); {@code pace} 1.0 = recorded timing, 0 = as fast as possible.
         */
        public void replay(Transcript t, double pace) throws IOException, InterruptedException {
            long start = System.nanoTime();
            double t0 = t.chunks().isEmpty() ? 0 : t.chunks().getFirst().time();
            for (Transcript.Chunk c : t.chunks()) {
                if (pace > 0) {
                    long due = start + (long) ((c.time() - t0) * pace * 1e9);
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                }
                boolean boundary = c.to() == t.events().length || endsAtBoundary(java.util.Arrays.copyOfRange(
                        t.events(), Math.max(c.from(), c.to() - 4), c.to()));
                write(java.util.Arrays.copyOfRange(t.events(), c.from(), c.to()), boundary);
            }
        }

        public void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }
}
