package io.sipwarden.sensor.ami;

import io.sipwarden.decision.Texts;
import io.sipwarden.endpoint.EndpointLocations;
import io.sipwarden.sensor.EventSink;
import io.sipwarden.sensor.EventSource;
import java.io.EOFException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * One AMI connection to one PBX, kept alive: connect (TCP or TLS), check the banner, log in
 * (MD5 challenge or plain), read events on a dedicated thread, map them and hand them to a
 * bounded queue; {@code Ping} keepalive with a timeout, reconnect with exponential back-off and
 * jitter, and an alarm (status, counter, log line) when disconnected longer than
 * {@code alarm_after}. The reader thread never does detection, storage or waiting on anyone:
 * Asterisk cuts off a reader that blocks longer than its {@code writetimeout} (100 ms).
 */
public final class AmiClient implements EventSource {
    private static final System.Logger LOG = System.getLogger(AmiClient.class.getName());

    /** Connection state, as shown by {@code status}. */
    public enum State { NEW, CONNECTING, CONNECTED, DISCONNECTED, STOPPED }

    /** Counters and state for status and metrics. */
    public record Stats(String name, State state, boolean alarm, long alarms, long connects, long disconnects,
                        long frames, long securityEvents, long callEvents, long badEvents, long queued,
                        long dropped, long malformedLines, long truncatedLines, String lastError) {
    }

    private final AmiSettings.Connection settings;
    private final EndpointLocations locations;
    private final InstantSource clock;
    /** Monotonic nanoseconds (System::nanoTime): pings and the outage are measured in time that passed. */
    private final LongSupplier ticker;
    private final int queueCapacity;
    private final Connector connector;
    private final List<Consumer<AmiFrame>> listeners = new CopyOnWriteArrayList<>();
    private final FrameDispatcher dispatcher;

    private final AtomicLong connects = new AtomicLong();
    private final AtomicLong disconnects = new AtomicLong();
    private final AtomicLong frames = new AtomicLong();
    private final AtomicLong alarms = new AtomicLong();
    private volatile long malformedLines;
    private volatile long truncatedLines;

    private volatile State state = State.NEW;
    private volatile String lastError = "";
    // alarm and disconnectedSince change together under alarmLock: the timer raising the alarm and the reader
    // clearing it on connect must not interleave, or an alarm raised from a stale disconnectedSince outlives
    // the connection that should have cleared it.
    private final Object alarmLock = new Object();
    private volatile boolean alarm;
    private volatile Instant disconnectedSince;
    // On the ticker, not the wall clock: a clock stepped forward during a short outage raised a false
    // alarm, and one stepped back held a real one back for as long as the step.
    private volatile long disconnectedNanos;
    private volatile AmiSession session;
    private volatile boolean closed;

    private QueueingSink sink;
    private Thread reader;
    private ScheduledExecutorService timer;
    private volatile CompletableFuture<AmiResponse> ping;
    private volatile long pingSentNanos;
    private volatile long lastPingNanos;

    /**
     * @param locations     updated from every {@code SuccessfulAuth} and the inventory at connect
     * @param queueCapacity events buffered between the reader and the engine before drops
     */
    public AmiClient(AmiSettings.Connection settings, EndpointLocations locations, InstantSource clock,
                     int queueCapacity) {
        this(settings, locations, clock, System::nanoTime, queueCapacity, new Connector());
    }

    /** With a monotonic {@code ticker} of the caller's (tests). */
    AmiClient(AmiSettings.Connection settings, EndpointLocations locations, InstantSource clock, LongSupplier ticker,
              int queueCapacity) {
        this(settings, locations, clock, ticker, queueCapacity, new Connector());
    }

    AmiClient(AmiSettings.Connection settings, EndpointLocations locations, InstantSource clock, LongSupplier ticker,
              int queueCapacity, Connector connector) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.locations = Objects.requireNonNull(locations, "locations");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.queueCapacity = queueCapacity;
        this.connector = connector;
        this.dispatcher = new FrameDispatcher(name(), new SecurityEventMapper(settings.name()),
                new CallEventMapper(settings.name(), locations), locations, listeners);
    }

    /** One client per configured connection (several PBXs per daemon). */
    public static List<AmiClient> fromSettings(AmiSettings s, EndpointLocations locations, InstantSource clock) {
        return s.connections().stream().map(c -> new AmiClient(c, locations, clock, 65_536)).toList();
    }

    @Override
    public String name() {
        return "ami." + settings.name();
    }

    public AmiSettings.Connection settings() {
        return settings;
    }

    /** Called on the reader thread for every event frame: must be quick and must not block. */
    public void addListener(Consumer<AmiFrame> listener) {
        listeners.add(listener);
    }

    @Override
    public synchronized void start(EventSink downstream) {
        if (reader != null) {
            throw new IllegalStateException(name() + " already started");
        }
        sink = new QueueingSink(name(), queueCapacity, downstream);
        dispatcher.sink(sink);
        disconnected();
        reader = Thread.ofPlatform().daemon().name("ami-" + settings.name()).start(this::run);
        timer = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon()
                .name("ami-" + settings.name() + "-timer").unstarted(r));
        long tick = Math.max(10, Math.min(1000, Math.min(settings.pingInterval().toMillis(),
                Math.min(settings.pingTimeout().toMillis(), settings.alarmAfter().toMillis())) / 4));
        timer.scheduleAtFixedRate(this::tick, tick, tick, TimeUnit.MILLISECONDS);
    }

    /** Sends an action on the current connection; fails at once when not connected. */
    public CompletableFuture<AmiResponse> send(AmiAction action) {
        AmiSession s = session;
        if (s == null) {
            return CompletableFuture.failedFuture(new IOException(name() + " is not connected"));
        }
        return s.send(action);
    }

    public boolean isConnected() {
        return session != null;
    }

    /** Waits until logged in (for tools and tests); false on timeout. */
    public boolean awaitConnected(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (session == null && System.nanoTime() < end && !closed) {
            Thread.sleep(5);
        }
        return session != null;
    }

    public Stats stats() {
        QueueingSink q = sink;
        return new Stats(name(), state, alarm, alarms.get(), connects.get(), disconnects.get(), frames.get(),
                dispatcher.securityEvents(), dispatcher.callEvents(), dispatcher.badEvents(), q == null ? 0 : q.accepted(),
                q == null ? 0 : q.dropped(), malformedLines, truncatedLines, lastError);
    }

    @Override
    public String status() {
        Stats s = stats();
        String where = settings.host() + ":" + settings.port();
        return name() + " " + s.state().name().toLowerCase(java.util.Locale.ROOT) + " " + where
                + (s.alarm() ? " ALARM" : "") + ", " + s.securityEvents() + " security events, "
                + s.dropped() + " dropped, " + s.connects() + " connects"
                + (s.lastError().isEmpty() ? "" : ", last error: " + s.lastError());
    }

    // ---- reader thread -------------------------------------------------------------------

    private void run() {
        Backoff backoff = new Backoff(settings.reconnectMin(), settings.reconnectMax(), RandomGenerator.getDefault());
        while (!closed) {
            state = State.CONNECTING;
            AmiSession s = null;
            try {
                s = connector.connect(settings, "sw-" + connects.get() + "-");
                login(s);
                s.socket().setSoTimeout(stallMillis());
                connects.incrementAndGet();
                state = State.CONNECTED;
                lastError = "";
                backoff.reset();
                connected();
                session = s;
                requestInventory(s);
                readLoop(s);
                lastError = "connection closed by " + settings.host() + ":" + settings.port();
            } catch (LoginRefusedException e) {
                lastError = e.getMessage();
                LOG.log(Level.ERROR, name() + ": " + e.getMessage());
            } catch (SocketTimeoutException e) {
                lastError = "no data from " + settings.host() + ":" + settings.port() + " for "
                        + safeMillis(s) + " ms: stalled";
                LOG.log(Level.WARNING, name() + ": " + lastError + "; reconnecting");
            } catch (IOException e) {
                if (!closed) {
                    lastError = describe(e);
                    LOG.log(Level.WARNING, name() + ": " + lastError + "; reconnecting");
                }
            } catch (RuntimeException e) {
                lastError = "internal error: " + e;
                LOG.log(Level.ERROR, name() + ": internal error on the reader thread; reconnecting", e);
            } finally {
                session = null;
                if (s != null) {
                    malformedLines += s.reader().malformedLines();
                    truncatedLines += s.reader().truncatedLines();
                    s.close();
                }
                if (state == State.CONNECTED) {
                    disconnects.incrementAndGet();
                    disconnected();
                }
                state = closed ? State.STOPPED : State.DISCONNECTED;
            }
            if (!closed) {
                sleep(backoff.next());
            }
        }
        state = State.STOPPED;
    }

    private static String safeMillis(AmiSession s) {
        try {
            return s == null ? "?" : String.valueOf(s.socket().getSoTimeout());
        } catch (IOException e) {
            return "?";
        }
    }

    private int stallMillis() {
        // Pings make Asterisk answer at least every ping_interval: silence far beyond that is a stall.
        long ms = settings.pingInterval().toMillis() + settings.pingTimeout().toMillis() * 2;
        return (int) Math.min(Integer.MAX_VALUE, Math.max(ms, 100));
    }

    private void login(AmiSession s) throws IOException {
        int loginTimeout = (int) Math.max(1000, Math.min(30_000, settings.pingTimeout().toMillis() * 2 + 1000));
        s.socket().setSoTimeout(loginTimeout);
        String banner = s.reader().readLine();
        if (banner == null) {
            throw new EOFException(settings.host() + ":" + settings.port() + " closed the connection before its banner");
        }
        if (!banner.startsWith("Asterisk Call Manager/")) {
            throw new IOException(settings.host() + ":" + settings.port() + " is not an Asterisk manager: banner '"
                    + Texts.safe(banner, 60) + "'");
        }
        String secret = settings.resolveSecret();
        AmiAction login = AmiAction.of("Login").with("Username", settings.username());
        if (settings.auth() == AmiSettings.Auth.MD5) {
            AmiResponse c = await(s, AmiAction.of("Challenge").with("AuthType", "MD5"));
            String challenge = c.response().get("Challenge");
            if (!c.isSuccess() || challenge == null) {
                throw new LoginRefusedException("MD5 challenge refused by " + settings.host() + ":" + settings.port()
                        + " for user '" + settings.username() + "': " + Texts.safe(c.message(), 80));
            }
            login = login.with("AuthType", "MD5").with("Key", Md5.hex(challenge + secret));
        } else {
            login = login.with("Secret", secret);
        }
        AmiResponse r = await(s, login.with("Events", settings.events()));
        if (!r.isSuccess()) {
            throw new LoginRefusedException("login refused by " + settings.host() + ":" + settings.port()
                    + " for user '" + settings.username() + "': " + Texts.safe(r.message(), 80)
                    + " (check username, secret and the permit/deny lines of manager.conf)");
        }
    }

    /** Sends an action and reads frames on this thread until its answer arrives (login only). */
    private AmiResponse await(AmiSession s, AmiAction action) throws IOException {
        CompletableFuture<AmiResponse> f = s.send(action);
        while (!f.isDone()) {
            AmiFrame frame = s.reader().next();
            if (frame == null) {
                throw new EOFException(settings.host() + ":" + settings.port() + " closed the connection during login");
            }
            frames.incrementAndGet();
            if (!s.offer(frame) && frame.event() != null) {
                dispatch(frame);
            }
        }
        try {
            return f.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
    }

    private void readLoop(AmiSession s) throws IOException {
        AmiFrameReader r = s.reader();
        while (!closed) {
            AmiFrame f = r.next();
            if (f == null) {
                return;
            }
            frames.incrementAndGet();
            if (s.offer(f) || f.event() == null) {
                continue;
            }
            dispatch(f);
        }
    }

    private void dispatch(AmiFrame f) {
        dispatcher.dispatch(f, clock.instant());
    }

    private void requestInventory(AmiSession s) {
        Instant at = clock.instant();
        s.send(AmiAction.of("PJSIPShowContacts")).thenAccept(r -> {
            for (AmiFrame item : r.items()) {
                inventory("PJSIP/", item.get("Endpoint"), item.get("ViaAddr"), item.get("ViaPort"), at);
            }
        });
        s.send(AmiAction.of("SIPpeers")).thenAccept(r -> {
            for (AmiFrame item : r.items()) {
                String tech = item.getOrEmpty("Channeltype").isEmpty() ? "SIP" : item.get("Channeltype");
                inventory(tech + "/", item.get("ObjectName"), item.get("IPaddress"), item.get("IPport"), at);
            }
        });
    }

    private void inventory(String tech, String endpoint, String address, String port, Instant at) {
        var a = address == null ? null : io.sipwarden.net.Addresses.tryParse(address);
        if (endpoint == null || endpoint.isEmpty() || a == null) {
            return;
        }
        int p;
        try {
            p = port == null ? 0 : Integer.parseInt(port.strip());
        } catch (NumberFormatException e) {
            p = 0;
        }
        locations.inventory(tech + endpoint, a, p >= 0 && p <= 65535 ? p : 0, at);
    }

    private void connected() {
        boolean cleared;
        synchronized (alarmLock) {
            cleared = alarm;
            alarm = false;
            disconnectedSince = null;
        }
        if (cleared) {
            LOG.log(Level.INFO, name() + ": connected again to " + settings.host() + ":" + settings.port()
                    + "; alarm cleared");
        } else {
            LOG.log(Level.INFO, name() + ": connected to " + settings.host() + ":" + settings.port());
        }
        ping = null;
        lastPingNanos = ticker.getAsLong();
    }

    private void disconnected() {
        synchronized (alarmLock) {
            disconnectedSince = clock.instant();
            disconnectedNanos = ticker.getAsLong();
        }
    }

    private void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            if (!closed) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // ---- timer thread --------------------------------------------------------------------

    private void tick() {
        try {
            AmiSession s = session;
            if (s != null) {
                long now = ticker.getAsLong();
                CompletableFuture<AmiResponse> p = ping;
                if (p != null && !p.isDone() && now - pingSentNanos > settings.pingTimeout().toNanos()) {
                    lastError = "no answer to Ping within " + settings.pingTimeout().toMillis() + " ms";
                    LOG.log(Level.WARNING, name() + ": " + lastError + "; reconnecting");
                    s.close();
                } else if ((p == null || p.isDone()) && now - lastPingNanos >= settings.pingInterval().toNanos()) {
                    lastPingNanos = now;
                    pingSentNanos = now;
                    ping = s.send(AmiAction.of("Ping"));
                }
                return;
            }
            Instant since;
            synchronized (alarmLock) {
                since = disconnectedSince;
                if (since == null || alarm || closed) {
                    return;
                }
                if (ticker.getAsLong() - disconnectedNanos < settings.alarmAfter().toNanos()) {
                    return;
                }
                alarm = true;
            }
            alarms.incrementAndGet();
            LOG.log(Level.ERROR, name() + ": ALARM: no AMI connection to " + settings.host() + ":"
                    + settings.port() + " since " + since + " (more than " + settings.alarmAfter().toMillis()
                    + " ms): security events from this PBX are not arriving. Last error: "
                    + (lastError.isEmpty() ? "none" : lastError));
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, name() + ": keepalive timer failed", e);
        }
    }

    private String describe(IOException e) {
        String m = e.getMessage();
        String where = settings.host() + ":" + settings.port();
        if (e instanceof java.net.ConnectException) {
            return "cannot connect to " + where + ": " + m;
        }
        if (e instanceof javax.net.ssl.SSLException) {
            return "TLS with " + where + " failed: " + m;
        }
        if (m != null && m.contains(where)) {
            return m;
        }
        return (m == null ? e.getClass().getSimpleName() : m) + " (" + where + ")";
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        AmiSession s = session;
        if (s != null) {
            try {
                s.send(AmiAction.of("Logoff")).get(500, TimeUnit.MILLISECONDS);
            } catch (Exception ignored) {
                // best effort: the socket is closed right after
            }
            s.close();
        }
        if (timer != null) {
            timer.shutdownNow();
        }
        if (reader != null) {
            reader.interrupt();
            try {
                reader.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (sink != null) {
            sink.close();
        }
        state = State.STOPPED;
    }

    /** Login was answered with an error: wrong user or secret, or a denied address. */
    static final class LoginRefusedException extends IOException {
        private static final long serialVersionUID = 1L;

        LoginRefusedException(String message) {
            super(message);
        }
    }
}
