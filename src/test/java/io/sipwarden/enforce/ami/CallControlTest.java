package io.sipwarden.enforce.ami;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipwarden.decision.Decision;
import io.sipwarden.decision.Origin;
import io.sipwarden.endpoint.EndpointLocations;
import io.sipwarden.event.AuthSuccess;
import io.sipwarden.event.EventMeta;
import io.sipwarden.event.Sensor;
import io.sipwarden.event.Source;
import io.sipwarden.event.Stack;
import io.sipwarden.event.Transport;
import io.sipwarden.geo.GeoLocation;
import io.sipwarden.net.Addresses;
import io.sipwarden.net.Cidr;
import io.sipwarden.sensor.ami.AmiClient;
import io.sipwarden.sensor.ami.AmiSettings;
import io.sipwarden.sensor.ami.AmiTestServer;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Hanging up the calls of a banned address on the test AMI server. */
class CallControlTest {
    static final String BANNED = "175.45.176.1";
    static final String LEGIT = "81.2.69.142";

    private AmiTestServer server;
    private AmiClient ami;
    private EndpointLocations locations;

    @BeforeEach
    void setUp() throws Exception {
        server = new AmiTestServer("idsmon", "s3cret-test");
        server.channels.put("PJSIP/1001-00000003", Map.of("CHANNEL(pjsip,remote_addr)", BANNED + ":5060"));
        server.channels.put("PJSIP/1001-00000004", Map.of("CHANNEL(pjsip,remote_addr)", LEGIT + ":5061"));
        server.channels.put("PJSIP/alice-00000005", Map.of("CHANNEL(pjsip,remote_addr)", "[2001:db8::5]:5060"));
        // A chan_sip guest channel is named after the From host the attacker chose.
        server.channels.put("SIP/1.1.1.1-00000007", Map.of("CHANNEL(recvip)", BANNED));
        server.channels.put("PJSIP/bob-00000008", Map.of());
        server.channels.put("Local/600@internal-00000001;1", Map.of());
        locations = new EndpointLocations(100);
        ami = new AmiClient(AmiSettings.Connection.of("pbx1", "127.0.0.1", server.port(), "idsmon", "s3cret-test"),
                locations, InstantSource.system(), 64);
        ami.start(e -> { });
        assertThat(ami.awaitConnected(Duration.ofSeconds(10))).isTrue();
    }

    @AfterEach
    void tearDown() throws Exception {
        ami.close();
        server.close();
    }

    private static Decision ban(String rule, String scope) {
        Instant t = Instant.parse("2026-11-21T19:21:00Z");
        return new Decision("d-1", Cidr.parse(scope), Decision.Type.BAN, Origin.detector(rule, 1), "test",
                GeoLocation.UNKNOWN, t, t, t, t.plusSeconds(3600));
    }

    private CallControl control(AmiSettings.CallControl s) {
        return new CallControl(s, locations, Duration.ofSeconds(5));
    }

    private void seen(String account, String address) {
        locations.record(new AuthSuccess(new EventMeta(Instant.parse("2026-11-21T19:20:00Z"), Stack.PJSIP,
                new Source(Addresses.parse(address), 5060, Transport.UDP), new Sensor(Sensor.Kind.AMI, "pbx1"), "",
                "security-event"), account, true));
    }

    @Test
    void geolockBanHangsUpExactlyTheBannedAddressesCalls() {
        CallControl.Report r = control(AmiSettings.CallControl.DEFAULT).apply(ban("SW-1005", BANNED + "/32"), ami);
        assertThat(server.hungUp).containsExactlyInAnyOrder("PJSIP/1001-00000003", "SIP/1.1.1.1-00000007");
        assertThat(server.channels).containsKeys("PJSIP/1001-00000004", "PJSIP/alice-00000005");
        assertThat(r.hungUp()).isEqualTo(2);
        assertThat(r.error()).isEmpty();
        assertThat(r.actions()).filteredOn(a -> a.channel().startsWith("Local/")).isEmpty();
    }

    @Test
    void aRangeBanCoversItsAddresses() {
        CallControl.Report r = control(AmiSettings.CallControl.DEFAULT).apply(ban("SW-2001", "2001:db8::/32"), ami);
        assertThat(server.hungUp).containsExactly("PJSIP/alice-00000005");
        assertThat(r.rule()).isEqualTo("SW-2001");
    }

    @Test
    void withoutGetvarItFallsBackToTheEndpointMapAndSparesSharedAccounts() {
        server.denied.add("Getvar");
        seen("1001", BANNED);
        seen("1001", LEGIT); // the real owner of 1001 is also registered: ambiguous
        seen("bob", BANNED); // bob was only ever seen from the banned address
        CallControl.Report r = control(AmiSettings.CallControl.DEFAULT).apply(ban("SW-1005", BANNED + "/32"), ami);
        assertThat(server.hungUp).containsExactly("PJSIP/bob-00000008");
        assertThat(r.actions()).filteredOn(a -> a.outcome() == CallControl.Outcome.AMBIGUOUS)
                .extracting(CallControl.Action::channel)
                .containsExactlyInAnyOrder("PJSIP/1001-00000003", "PJSIP/1001-00000004");
    }

    @Test
    void rulesOutsideOnRulesAndDisabledControlDoNothing() {
        CallControl.Report r = control(AmiSettings.CallControl.DEFAULT).apply(ban("SW-1001", BANNED + "/32"), ami);
        assertThat(r.actions()).isEmpty();
        CallControl.Report off = control(new AmiSettings.CallControl(false, null)).apply(ban("SW-1005", BANNED + "/32"), ami);
        assertThat(off.actions()).isEmpty();
        assertThat(server.hungUp).isEmpty();
        assertThat(server.actions).doesNotContain("CoreShowChannels", "Hangup");
    }

    @Test
    void asAnEnforcerItReportsWhatItDid() throws InterruptedException {
        CallControlEnforcer e = new CallControlEnforcer(control(AmiSettings.CallControl.DEFAULT), List.of(ami));
        List<CallControl.Report> reports = new java.util.concurrent.CopyOnWriteArrayList<>();
        e.onReport(reports::add);
        e.add(List.of(ban("SW-1005", BANNED + "/32"), ban("SW-1001", LEGIT + "/32")));
        assertThat(e.awaitIdle(Duration.ofSeconds(10))).isTrue();
        assertThat(reports).hasSize(1);
        assertThat(reports.getFirst().hungUp()).isEqualTo(2);
        assertThat(e.health().ok()).isTrue();
        e.add(List.of(ban("SW-1005", BANNED + "/32"))); // idempotent: nothing left to hang up
        assertThat(e.awaitIdle(Duration.ofSeconds(10))).isTrue();
        assertThat(server.hungUp).hasSize(2);
        e.close();
    }

    @Test
    void awaitIdleWaitsUntilEveryHandedOverBanIsDone() throws InterruptedException {
        CallControlEnforcer e = new CallControlEnforcer(control(AmiSettings.CallControl.DEFAULT), List.of(ami));
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        List<CallControl.Report> reports = new java.util.concurrent.CopyOnWriteArrayList<>();
        e.onReport(r -> {
            try {
                release.await(); // the first hang-up holds the worker; the second waits in the queue
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            reports.add(r);
        });
        e.add(List.of(ban("SW-1005", BANNED + "/32"), ban("SW-1005", "2001:db8::5/128")));
        assertThat(e.awaitIdle(Duration.ofMillis(200))).as("busy while a hang-up is in progress").isFalse();
        release.countDown();
        assertThat(e.awaitIdle(Duration.ofSeconds(10))).isTrue();
        assertThat(reports).hasSize(2); // idle means both reports were delivered, not just dequeued
        e.close();
    }

    @Test
    void disconnectedPbxIsReportedNotThrown() throws Exception {
        server.close();
        ami.close();
        CallControl.Report r = control(AmiSettings.CallControl.DEFAULT).apply(ban("SW-1005", BANNED + "/32"), ami);
        assertThat(r.error()).contains("not connected");
        assertThat(new CallControlEnforcer(control(AmiSettings.CallControl.DEFAULT), List.of(ami)).health().ok()).isFalse();
    }

    @Test
    void remoteAddressForms() {
        assertThat(CallControl.parseRemote("10.77.0.2:5060")).isEqualTo(Addresses.parse("10.77.0.2"));
        assertThat(CallControl.parseRemote("[fd77::2]:5060")).isEqualTo(Addresses.parse("fd77::2"));
        assertThat(CallControl.parseRemote("fd77::2")).isEqualTo(Addresses.parse("fd77::2"));
        assertThat(CallControl.parseRemote("10.77.0.2")).isEqualTo(Addresses.parse("10.77.0.2"));
        assertThat(CallControl.parseRemote("")).isNull();
        assertThat(CallControl.parseRemote("evil.example:5060")).isNull();
    }
}
