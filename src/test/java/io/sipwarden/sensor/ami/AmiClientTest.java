package io.sipwarden.sensor.ami;

import static io.sipwarden.sensor.ami.Collector.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.sipwarden.endpoint.EndpointLocations;
import io.sipwarden.event.AuthFailure;
import io.sipwarden.event.AuthSuccess;
import io.sipwarden.event.CallEnded;
import io.sipwarden.event.CallStarted;
import io.sipwarden.event.SecurityEvent;
import io.sipwarden.net.Addresses;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client against the test server replaying the real transcripts. */
class AmiClientTest {
    static final String USER = "idsmon";
    static final String SECRET = "test-secret-not-real";
    // Generous: eventually() returns as soon as the condition holds; only a loaded CI machine needs the slack.
    private static final Duration WAIT = Duration.ofSeconds(30);

    private AmiTestServer server;
    private AmiClient client;

    static AmiSettings.Connection settings(int port) {
        return AmiSettings.Connection.of("pbx1", "127.0.0.1", port, USER, SECRET).withTimings(
                Duration.ofMillis(200), Duration.ofMillis(300), Duration.ofMillis(20), Duration.ofMillis(200),
                Duration.ofMillis(500));
    }

    /** For replays of the 4.4 MB flood on a shared 2-core machine: a lenient ping timeout. */
    static AmiSettings.Connection heavy(int port) {
        return settings(port).withTimings(Duration.ofMillis(200), Duration.ofSeconds(3), Duration.ofMillis(20),
                Duration.ofMillis(200), Duration.ofSeconds(5));
    }

    private Collector start(AmiSettings.Connection s, int queue) {
        Collector c = new Collector();
        client = new AmiClient(s, new EndpointLocations(1000), InstantSource.system(), queue);
        client.start(c);
        return c;
    }

    @AfterEach
    void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private static List<ScenarioEvents.Key> keys(List<SecurityEvent> events) {
        return events.stream().filter(e -> e instanceof AuthFailure || e instanceof AuthSuccess)
                .map(ScenarioEvents::key).toList();
    }

    @Test
    void everyScenarioAsFastAsPossibleDeliversExactlyTheTranscriptsEvents() throws Exception {
        for (String scenario : Transcript.scenarios()) {
            Transcript t = Transcript.load(scenario);
            List<ScenarioEvents.Key> expected = keys(ScenarioEvents.fromTranscript(t));
            try (AmiTestServer s = new AmiTestServer(USER, SECRET).byDefault(c -> c.replay(t, 0))) {
                Collector sink = new Collector();
                try (AmiClient c = new AmiClient(heavy(s.port()), new EndpointLocations(1000),
                        InstantSource.system(), 65_536)) {
                    c.start(sink);
                    assertThat(sink.await(l -> keys(l).size() >= expected.size(), WAIT)).as(scenario).isTrue();
                    assertThat(keys(sink.events())).as(scenario).isEqualTo(expected);
                    assertThat(c.stats().dropped()).isZero();
                    assertThat(c.stats().connects()).isEqualTo(1);
                }
            }
        }
    }

    @Test
    void recordedPaceKeepsUpAndLosesNothing() throws Exception {
        Transcript t = Transcript.load("s04-svcrack-1001");
        List<ScenarioEvents.Key> expected = keys(ScenarioEvents.fromTranscript(t));
        long[] replayEnd = new long[1];
        server = new AmiTestServer(USER, SECRET).byDefault(c -> {
            c.replay(t, 1.0);
            replayEnd[0] = System.nanoTime();
        });
        Collector sink = start(settings(server.port()), 1024);
        assertThat(sink.await(l -> keys(l).size() >= expected.size(), Duration.ofSeconds(15))).isTrue();
        assertThat(keys(sink.events())).isEqualTo(expected);
        List<Long> at = sink.arrivalNanos();
        assertThat(eventually(() -> replayEnd[0] != 0, WAIT)).isTrue();
        // The last event reaches the sink within 100 ms of the server writing it.
        assertThat((at.getLast() - replayEnd[0]) / 1_000_000).isLessThan(100);
        // Pings went on during the replay, answered between events, and the connection stayed up.
        assertThat(server.actions).contains("Ping");
        assertThat(client.stats().connects()).isEqualTo(1);
    }

    @Test
    void floodAtTenTimesTheRecordedPaceKeepsUp() throws Exception {
        Transcript t = Transcript.load("s05-register-flood");
        List<ScenarioEvents.Key> expected = keys(ScenarioEvents.fromTranscript(t));
        server = new AmiTestServer(USER, SECRET).byDefault(c -> c.replay(t, 0.1));
        Collector sink = start(heavy(server.port()), 65_536);
        assertThat(sink.await(l -> keys(l).size() >= expected.size(), Duration.ofSeconds(20))).isTrue();
        assertThat(keys(sink.events())).isEqualTo(expected);
        assertThat(client.stats().connects()).isEqualTo(1);
    }

    @Test
    void plainLoginWorksToo() throws Exception {
        server = new AmiTestServer(USER, SECRET).byDefault(c -> c.frame(failure("1-1@x", "198.51.100.1")));
        Collector sink = start(settings(server.port()).withAuth(AmiSettings.Auth.PLAIN), 64);
        assertThat(sink.awaitCount(1, WAIT)).isTrue();
        assertThat(server.actions).contains("Login").doesNotContain("Challenge");
    }

    @Test
    void md5LoginNeverSendsTheSecret() throws Exception {
        server = new AmiTestServer(USER, SECRET).byDefault(c -> c.frame(failure("1-1@x", "198.51.100.1")));
        Collector sink = start(settings(server.port()), 64);
        assertThat(sink.awaitCount(1, WAIT)).isTrue();
        assertThat(server.actions).containsSubsequence("Challenge", "Login");
    }

    @Test
    void refusedLoginSaysHostAndUserNeverTheSecretAndRaisesTheAlarm() throws Exception {
        server = new AmiTestServer(USER, SECRET);
        server.refuseLogin = true;
        start(settings(server.port()), 64);
        // Also wait for the second attempt: when the first refusal comes after alarm_after (a slow first
        // connect on a loaded machine), the alarm is up before the client has had a chance to retry.
        assertThat(eventually(() -> client.stats().alarm() && !client.stats().lastError().isEmpty()
                && server.connections.get() > 1, WAIT)).isTrue();
        String error = client.stats().lastError();
        assertThat(error).contains("127.0.0.1:" + server.port()).contains("'idsmon'").doesNotContain(SECRET);
        assertThat(client.status()).contains("ALARM").doesNotContain(SECRET);
        assertThat(server.connections.get()).isGreaterThan(1); // it kept retrying
        assertThat(client.stats().connects()).isZero();
        // Once the PBX accepts the login again, the alarm clears.
        server.refuseLogin = false;
        assertThat(eventually(() -> client.isConnected() && !client.stats().alarm(), WAIT)).isTrue();
    }

    /**
     * The interleaving that once left an alarm up on a live connection: the timer has read "disconnected since"
     * and is about to raise the alarm when the reader connects. The ticker stalls the timer at exactly that point
     * until the reader has logged in; the alarm may be raised, but the connect must win and clear it.
     */
    @Test
    void alarmRaisedWhileTheReaderConnectsIsClearedByTheConnect() throws Exception {
        server = new AmiTestServer(USER, SECRET);
        server.refuseLogin = true;
        java.util.concurrent.CountDownLatch timerInCheck = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean armed = new java.util.concurrent.atomic.AtomicBoolean(true);
        java.util.function.LongSupplier stalling = () -> {
            if (Thread.currentThread().getName().endsWith("-timer") && armed.compareAndSet(true, false)) {
                timerInCheck.countDown();
                try {
                    eventually(() -> client.stats().connects() >= 1, Duration.ofSeconds(10));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return System.nanoTime() + Duration.ofHours(1).toNanos(); // long past alarm_after
            }
            return System.nanoTime();
        };
        // heavy(): a Pong late by more than 300 ms on a loaded machine must not end the connection checked below.
        client = new AmiClient(heavy(server.port()), new EndpointLocations(1000), InstantSource.system(), stalling, 64);
        client.start(new Collector());
        assertThat(timerInCheck.await(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        server.refuseLogin = false;
        assertThat(eventually(() -> client.isConnected() && !client.stats().alarm(), WAIT)).isTrue();
        long pings = pings();
        // Two more Pings: several timer ticks while connected, and nothing raises the alarm again.
        assertThat(eventually(() -> pings() >= pings + 2, WAIT)).isTrue();
        assertThat(client.isConnected()).isTrue();
        assertThat(client.stats().alarm()).isFalse();
    }

    /** A wall clock stepped back an hour while the PBX is unreachable must not hold the alarm back an hour. */
    @Test
    void alarmStillComesAfterTheClockIsSteppedBack() throws Exception {
        server = new AmiTestServer(USER, SECRET);
        server.refuseLogin = true;
        java.util.concurrent.atomic.AtomicReference<Duration> offset =
                new java.util.concurrent.atomic.AtomicReference<>(Duration.ZERO);
        client = new AmiClient(settings(server.port()), new EndpointLocations(1000),
                () -> java.time.Instant.now().plus(offset.get()), 64);
        client.start(new Collector());
        assertThat(eventually(() -> server.connections.get() >= 1, WAIT)).isTrue();
        offset.set(Duration.ofHours(-1)); // NTP steps the clock back while the login keeps failing
        assertThat(eventually(() -> client.stats().alarm(), WAIT)).as("alarm within alarm_after, not an hour").isTrue();
    }

    /** A wall clock stepped forward an hour during a short outage raised the alarm at once: only time that passed counts. */
    @Test
    void noAlarmWhenTheClockIsSteppedForwardDuringAShortOutage() throws Exception {
        server = new AmiTestServer(USER, SECRET);
        server.refuseLogin = true;
        java.util.concurrent.atomic.AtomicReference<Duration> offset =
                new java.util.concurrent.atomic.AtomicReference<>(Duration.ZERO);
        // alarm_after 60 s: the real outage below stays far inside it however slow the machine.
        AmiSettings.Connection s = settings(server.port()).withTimings(Duration.ofMillis(200), Duration.ofSeconds(3),
                Duration.ofMillis(20), Duration.ofMillis(200), Duration.ofSeconds(60));
        client = new AmiClient(s, new EndpointLocations(1000), () -> java.time.Instant.now().plus(offset.get()), 64);
        client.start(new Collector());
        assertThat(eventually(() -> server.connections.get() >= 1, WAIT)).isTrue();
        offset.set(Duration.ofHours(1)); // NTP steps the clock forward while the login keeps failing
        int seen = server.connections.get();
        // Three more refused logins and a pause: the timer (every 50 ms) has looked many times since the step.
        assertThat(eventually(() -> server.connections.get() >= seen + 3, WAIT)).isTrue();
        Thread.sleep(300);
        assertThat(client.stats().alarm()).as("outage of a second or two, not an hour").isFalse();
        server.refuseLogin = false;
        assertThat(eventually(client::isConnected, WAIT)).isTrue();
        assertThat(client.stats().alarms()).isZero();
    }

    @Test
    void noAlarmWhileConnectedOrBrieflyDisconnected() throws Exception {
        server = new AmiTestServer(USER, SECRET)
                .on(1, c -> c.close()) // drop right after login: reconnect within reconnect_max
                .byDefault(c -> c.frame(failure("1-1@x", "198.51.100.1")));
        // alarm_after and the ping timeout of heavy(): the first connect and the reconnect stay far inside
        // alarm_after, and no late Pong drops the connection, however slow the machine. The time spent
        // connected beyond alarm_after is a jump of the client's clock, not a sleep.
        java.util.concurrent.atomic.AtomicReference<Duration> ahead =
                new java.util.concurrent.atomic.AtomicReference<>(Duration.ZERO);
        Collector sink = new Collector();
        client = new AmiClient(heavy(server.port()), new EndpointLocations(1000),
                () -> java.time.Instant.now().plus(ahead.get()), 64);
        client.start(sink);
        assertThat(sink.awaitCount(1, WAIT)).isTrue();
        ahead.set(Duration.ofHours(1)); // far longer than alarm_after, while connected
        long pings = pings();
        // Two more Pings: the timer has ticked for a while since the jump, still on this connection.
        assertThat(eventually(() -> pings() >= pings + 2, WAIT)).isTrue();
        assertThat(client.stats().alarm()).isFalse();
        assertThat(client.stats().alarms()).isZero();
        assertThat(client.stats().connects()).isEqualTo(2);
    }

    private long pings() {
        return server.actions.stream().filter("Ping"::equals).count();
    }

    @Test
    void dropInTheMiddleOfAnEventKeepsEveryCompleteEventAndReconnects() throws Exception {
        byte[] half = frameBytes(failure("1-2@x", "198.51.100.2"));
        server = new AmiTestServer(USER, SECRET)
                .on(1, c -> {
                    c.frame(failure("1-1@x", "198.51.100.1"));
                    c.raw(java.util.Arrays.copyOf(half, half.length / 2));
                    Thread.sleep(50);
                    c.close();
                })
                .byDefault(c -> c.frame(failure("1-3@x", "198.51.100.3")));
        Collector sink = start(settings(server.port()), 64);
        assertThat(sink.awaitCount(2, WAIT)).isTrue();
        assertThat(sink.events()).extracting(e -> e.address().getHostAddress())
                .containsExactly("198.51.100.1", "198.51.100.3");
        assertThat(client.stats().connects()).isEqualTo(2);
    }

    @Test
    void shutdownEventThenCloseReconnects() throws Exception {
        server = new AmiTestServer(USER, SECRET)
                .on(1, c -> {
                    c.frame(failure("1-1@x", "198.51.100.1"));
                    c.frame("Event", "Shutdown", "Privilege", "system,all", "Shutdown", "Cleanly", "Restart", "True");
                    c.close();
                })
                .byDefault(c -> c.frame(failure("1-3@x", "198.51.100.3")));
        Collector sink = start(settings(server.port()), 64);
        assertThat(sink.awaitCount(2, WAIT)).isTrue();
        assertThat(client.stats().connects()).isEqualTo(2);
    }

    @Test
    void stalledServerIsDetectedByPingTimeoutAndLeft() throws Exception {
        server = new AmiTestServer(USER, SECRET)
                .on(1, c -> c.stalled = true)
                .byDefault(c -> c.frame(failure("1-3@x", "198.51.100.3")));
        Collector sink = start(settings(server.port()), 64);
        assertThat(sink.awaitCount(1, WAIT)).isTrue();
        assertThat(client.stats().connects()).isEqualTo(2);
        assertThat(server.actions).contains("Ping");
    }

    @Test
    void garbageAndTenKilobyteLinesNeitherCrashNorLoseEvents() throws Exception {
        String longCallId = "A".repeat(10 * 1024);
        server = new AmiTestServer(USER, SECRET).byDefault(c -> {
            c.raw(new byte[] {0, 1, 2, (byte) 0xff, (byte) 0xfe, '\r', '\n'});
            c.raw("no colon here at all\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            c.frame(failure("1-1@x", "198.51.100.1"));
            c.frame(failure(longCallId, "198.51.100.2"));
            c.raw(("X-Long: " + "B".repeat(10 * 1024) + "\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            c.frame(failure("1-3@x", "198.51.100.3"));
        });
        Collector sink = start(settings(server.port()), 64);
        assertThat(sink.awaitCount(3, WAIT)).isTrue();
        assertThat(sink.events()).extracting(e -> e.address().getHostAddress())
                .containsExactly("198.51.100.1", "198.51.100.2", "198.51.100.3");
        assertThat(sink.events().get(1).meta().correlation()).hasSizeLessThan(AmiFrameReader.MAX_LINE);
        assertThat(client.stats().connects()).isEqualTo(1);
        assertThat(client.isConnected()).isTrue();
    }

    @Test
    void aServerThatIsNotAsteriskIsRefused() throws Exception {
        server = new AmiTestServer(USER, SECRET);
        server.banner = "SSH-2.0-OpenSSH_9.6";
        start(settings(server.port()), 64);
        assertThat(eventually(() -> client.stats().lastError().contains("not an Asterisk manager"), WAIT)).isTrue();
        assertThat(server.logins.get()).isZero();
        server.banner = "Asterisk Call Manager/13.0.0";
        assertThat(eventually(client::isConnected, WAIT)).isTrue();
    }

    @Test
    void aBlockedSinkNeverBlocksTheReader() throws Exception {
        Transcript t = Transcript.load("s05-register-flood");
        server = new AmiTestServer(USER, SECRET).byDefault(c -> c.replay(t, 0));
        java.util.concurrent.CountDownLatch never = new java.util.concurrent.CountDownLatch(1);
        client = new AmiClient(heavy(server.port()), new EndpointLocations(100), InstantSource.system(), 16);
        client.start(e -> {
            try {
                never.await(); // an engine that hangs
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(eventually(() -> client.stats().frames() >= 13_602, WAIT)).isTrue();
        assertThat(client.stats().dropped()).isGreaterThan(6000);
        Thread.sleep(600); // pings keep being answered: the connection stays up
        assertThat(client.isConnected()).isTrue();
        assertThat(client.stats().connects()).isEqualTo(1);
        never.countDown();
    }

    @Test
    void legitimateCallOfTheS06ScenarioBecomesCallStartedAndEnded() throws Exception {
        Transcript t = Transcript.load("s06-legit-user");
        server = new AmiTestServer(USER, SECRET).byDefault(c -> c.replay(t, 0));
        Collector sink = start(settings(server.port()), 1024);
        assertThat(sink.await(l -> l.stream().anyMatch(e -> e instanceof CallEnded), WAIT)).isTrue();
        CallStarted started = sink.events().stream().filter(e -> e instanceof CallStarted).map(e -> (CallStarted) e)
                .findFirst().orElseThrow();
        assertThat(started.endpoint()).isEqualTo("alice");
        assertThat(started.destination()).isEqualTo("600");
        assertThat(started.context()).isEqualTo("internal");
        assertThat(started.address()).isEqualTo(Addresses.parse("10.77.0.3"));
        assertThat(sink.events()).filteredOn(e -> e instanceof CallEnded).hasSize(1);
    }

    @Test
    void guestCallsOfUnknownEndpointsYieldNoCallEvents() throws Exception {
        // s13: 50 chan_sip guest channels named after the attacker's forged From host.
        Transcript t = Transcript.load("s13-invite-spray");
        server = new AmiTestServer(USER, SECRET).byDefault(c -> c.replay(t, 0));
        Collector sink = start(settings(server.port()), 4096);
        assertThat(sink.awaitCount(161, WAIT)).isTrue();
        assertThat(eventually(() -> client.stats().frames() >= 962, WAIT)).isTrue();
        assertThat(sink.events()).noneMatch(e -> e instanceof CallStarted || e instanceof CallEnded);
    }

    @Test
    void inventoryAtConnectSeedsTheEndpointMapAsHintsOnly() throws Exception {
        server = new AmiTestServer(USER, SECRET);
        server.contacts.add(new String[] {"ObjectType", "contact", "ObjectName", "alice;@abc", "ViaAddr", "10.77.0.3",
            "ViaPort", "5061", "Endpoint", "alice", "Uri", "sip:alice@10.77.0.3:5061", "Status", "NonQualified"});
        server.contacts.add(new String[] {"ObjectType", "contact", "ViaAddr", "not-an-address", "Endpoint", "bob"});
        EndpointLocations locations = new EndpointLocations(10);
        client = new AmiClient(settings(server.port()), locations, InstantSource.system(), 64);
        client.start(e -> { });
        assertThat(eventually(() -> !locations.sightings("PJSIP/alice").isEmpty(), WAIT)).isTrue();
        assertThat(locations.sightings("PJSIP/alice").getFirst().via()).isEqualTo(EndpointLocations.Via.INVENTORY);
        assertThat(locations.lastAuth("PJSIP/alice")).isEmpty();
        assertThat(locations.sightings("PJSIP/bob")).isEmpty();
        assertThat(server.actions).contains("PJSIPShowContacts", "SIPpeers");
    }

    @Test
    void logsNeverContainTheSecretOrAnExpectedResponse() throws Exception {
        try (io.sipwarden.testing.LogCapture log = io.sipwarden.testing.LogCapture.all()) {
            String correctKey = "9f86d081884c7d659a2feaa0c55ad015";
            server = new AmiTestServer(USER, SECRET).byDefault(c -> {
                c.frame("Event", "ChallengeResponseFailed", "Privilege", "security,all",
                        "EventTV", "2026-11-21T19:21:38.186+0000", "Severity", "Error", "Service", "AMI",
                        "EventVersion", "1", "AccountID", "", "SessionID", "0x7f4e", "LocalAddress", "IPV4/TCP/0.0.0.0/5038",
                        "RemoteAddress", "IPV4/TCP/10.77.0.2/57560", "Challenge", "123", "Response", "0000",
                        "ExpectedResponse", correctKey);
                c.frame("Event", "InvalidAccountID", "Service", "IAX2", "RemoteAddress", "IPV4/UDP/1.2.3.4/4569",
                        "ExpectedResponse", correctKey); // skipped and logged: the log line must not carry the key
                c.close();
            });
            server.refuseLogin = true;
            Collector sink = start(settings(server.port()).withAuth(AmiSettings.Auth.PLAIN), 64);
            assertThat(eventually(() -> client.stats().alarm(), WAIT)).isTrue();
            server.refuseLogin = false;
            assertThat(sink.awaitCount(1, WAIT)).isTrue();
            assertThat(eventually(() -> client.stats().badEvents() >= 1, WAIT)).isTrue();
            client.close();
            assertThat(log.lines()).isNotEmpty().noneMatch(l -> l.contains(SECRET) || l.contains(correctKey));
            assertThat(client.status()).doesNotContain(SECRET);
        }
    }

    static String[] failure(String callId, String address) {
        return new String[] {"Event", "InvalidAccountID", "Privilege", "security,all",
            "EventTV", "2026-11-21T19:20:18.719+0000", "Severity", "Error", "Service", "PJSIP", "EventVersion", "1",
            "AccountID", "1000", "SessionID", callId, "LocalAddress", "IPV4/UDP/10.77.0.1/5060",
            "RemoteAddress", "IPV4/UDP/" + address + "/5073"};
    }

    static byte[] frameBytes(String... kv) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < kv.length; i += 2) {
            b.append(kv[i]).append(": ").append(kv[i + 1]).append("\r\n");
        }
        return b.append("\r\n").toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
