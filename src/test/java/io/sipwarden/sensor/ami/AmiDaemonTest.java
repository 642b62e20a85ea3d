package io.sipwarden.sensor.ami;

import static io.sipwarden.sensor.ami.Collector.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.sipwarden.decision.Decision;
import io.sipwarden.endpoint.EndpointLocations;
import io.sipwarden.endpoint.ImpossibleTravelRule;
import io.sipwarden.endpoint.TravelSettings;
import io.sipwarden.enforce.Enforcer;
import io.sipwarden.enforce.ami.CallControl;
import io.sipwarden.enforce.ami.CallControlEnforcer;
import io.sipwarden.engine.Daemon;
import io.sipwarden.engine.EngineSettings;
import io.sipwarden.engine.MapGeo;
import io.sipwarden.engine.MapPolicy;
import io.sipwarden.engine.Replay;
import io.sipwarden.event.SecurityEvent;
import io.sipwarden.policy.Verdict;
import io.sipwarden.sensor.dedup.DedupedSource;
import io.sipwarden.sensor.dedup.Deduplicator;
import io.sipwarden.sensor.log.LogFormat;
import io.sipwarden.sensor.log.LogReplaySource;
import io.sipwarden.store.StoreSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * End to end: the daemon fed by the AMI client from the test server replaying a scenario's
 * transcript ends with the same decisions as {@code replay} of that scenario's security log.
 */
class AmiDaemonTest {

    @TempDir
    Path state;

    /** Keeps every decision the engine hands to enforcers. */
    static final class Recorder implements Enforcer {
        final List<Decision> added = new CopyOnWriteArrayList<>();

        @Override
        public String name() {
            return "recorder";
        }

        @Override
        public void add(Collection<Decision> decisions) {
            added.addAll(decisions);
        }

        @Override
        public void remove(Collection<Decision> decisions) {
        }

        @Override
        public ReconcileReport reconcile(Collection<Decision> active, Instant now) {
            return new ReconcileReport(0, 0, 0, false);
        }

        @Override
        public Health health() {
            return Health.ok("recording");
        }
    }

    /** What must be equal: not created/until (wall time live, event time in replay), nor the id. */
    record Same(String scope, Decision.Type type, String rule, int revision, Instant first, Instant last, String reason) {
        static Same of(Decision d) {
            return new Same(d.scope().toString(), d.type(), d.origin().name(), d.origin().revision(), d.firstEvidence(),
                    d.lastEvidence(), d.reason());
        }
    }

    static Stream<String> scenarios() throws IOException {
        return Transcript.scenarios().stream();
    }

    private static List<Same> replayOfTheSecurityLog(String scenario, MapPolicy policy, MapGeo geo) throws IOException {
        try (LogReplaySource src = LogReplaySource.open(
                List.of(Transcript.captures().resolve("security-" + scenario + ".log")), LogFormat.defaults(),
                InstantSource.system(), Deduplicator.withDefaults(), LogReplaySource.DEFAULT_MAX_LINE_BYTES)) {
            return Replay.run(src, new EngineSettings(null, null, null, null, null), policy, geo).decisions().stream()
                    .map(Same::of).toList();
        }
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void daemonEndsWithTheSameDecisionsAsReplay(String scenario) throws Exception {
        MapPolicy policy = new MapPolicy();
        MapGeo geo = new MapGeo();
        List<Same> expected = replayOfTheSecurityLog(scenario, policy, geo);
        Transcript t = Transcript.load(scenario);
        long securityEvents = ScenarioEvents.fromTranscript(t).size();
        Recorder recorder = new Recorder();
        EngineSettings settings = new EngineSettings(null, null, StoreSettings.inDirectory(state), null, null);
        try (AmiTestServer server = new AmiTestServer(AmiClientTest.USER, AmiClientTest.SECRET).byDefault(c -> c.replay(t, 0))) {
            AmiClient ami = new AmiClient(AmiClientTest.heavy(server.port()), new EndpointLocations(1000),
                    InstantSource.system(), 65_536);
            try (Daemon d = Daemon.start(settings, policy, geo, List.of(recorder),
                    DedupedSource.share(List.of(ami), Deduplicator.withDefaults()), List.of())) {
                assertThat(eventually(() -> ami.stats().securityEvents() >= securityEvents, Duration.ofSeconds(30)))
                        .as(scenario).isTrue();
                assertThat(eventually(() -> d.status().events() >= securityEvents - 1, Duration.ofSeconds(30)))
                        .as(scenario + ": the engine took every event (the recorder's own AMI login included)").isTrue();
            }
            // close() drains the queue: everything the engine decided has reached the recorder.
        }
        assertThat(recorder.added.stream().map(Same::of).toList()).as(scenario).isEqualTo(expected);
    }

    @Test
    void attackScenariosDoProduceDecisions() throws IOException {
        // Guard against the equality above passing on nothing: the brute forces are banned.
        for (String s : List.of("s04-svcrack-1001", "s05-register-flood", "s08-ipv6-attacks", "s10-chansip",
                "s11-ami-bruteforce")) {
            assertThat(replayOfTheSecurityLog(s, new MapPolicy(), new MapGeo())).as(s).isNotEmpty();
        }
    }

    @Test
    void geolockFromAmiBansTheAddressAndHangsUpItsCall() throws Exception {
        // s07: alice's correct password from 10.77.0.4, rewritten to a public address outside her area.
        String away = "175.45.176.1";
        String text = new String(Transcript.load("s07-roaming").events(), StandardCharsets.ISO_8859_1)
                .replace("/10.77.0.4/", "/" + away + "/");
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        Transcript t = new Transcript("s07-rewritten", bytes, List.of(new Transcript.Chunk(0, 0, bytes.length)));
        MapPolicy policy = new MapPolicy().verdict(away, "alice", Verdict.Outcome.OUTSIDE_ENDPOINT_AREA,
                "country KP is not in endpoints.alice.allow.countries");
        Recorder recorder = new Recorder();
        EngineSettings settings = new EngineSettings(null, null, StoreSettings.inDirectory(state), null, null);
        try (AmiTestServer server = new AmiTestServer(AmiClientTest.USER, AmiClientTest.SECRET).byDefault(c -> c.replay(t, 0))) {
            server.channels.put("PJSIP/alice-00000009", Map.of("CHANNEL(pjsip,remote_addr)", away + ":5061"));
            server.channels.put("PJSIP/alice-00000008", Map.of("CHANNEL(pjsip,remote_addr)", "10.77.0.3:5061"));
            EndpointLocations locations = new EndpointLocations(1000);
            AmiClient ami = new AmiClient(AmiClientTest.heavy(server.port()), locations, InstantSource.system(), 1024);
            CallControlEnforcer hangup = new CallControlEnforcer(
                    new CallControl(AmiSettings.CallControl.DEFAULT, locations, Duration.ofSeconds(5)), List.of(ami));
            try (Daemon d = Daemon.start(settings, policy, new MapGeo(), List.of(recorder, hangup), List.of(ami),
                    List.of(new ImpossibleTravelRule(TravelSettings.DEFAULT)))) {
                assertThat(eventually(() -> !server.hungUp.isEmpty(), Duration.ofSeconds(20))).isTrue();
                assertThat(hangup.awaitIdle(Duration.ofSeconds(10))).isTrue();
            }
            assertThat(server.hungUp).containsExactly("PJSIP/alice-00000009");
            assertThat(server.channels).containsKey("PJSIP/alice-00000008");
        }
        assertThat(recorder.added).hasSize(1);
        Decision ban = recorder.added.getFirst();
        assertThat(ban.scope().toString()).isEqualTo(away);
        assertThat(ban.origin().name()).isEqualTo("SW-1005");
        assertThat(ban.reason()).contains("alice");
    }

    @Test
    void impossibleTravelAsAnEngineRuleAlertsWithoutBanningByDefault() throws Exception {
        // s06 then s07 with alice's two places put 17,000 km apart by the geo map.
        Map<String, String> rewrite = Map.of("10.77.0.3", "81.2.69.142", "10.77.0.4", "1.128.0.1");
        List<SecurityEvent> events = new java.util.ArrayList<>(ScenarioEvents.rewritten("s06-legit-user", rewrite));
        events.addAll(ScenarioEvents.rewritten("s07-roaming", rewrite));
        io.sipwarden.engine.ReplayResult r = Replay.run(events.iterator(), new EngineSettings(null, null, null, null, null),
                new MapPolicy(), cityGeo(), List.of(new ImpossibleTravelRule(TravelSettings.DEFAULT)), List.of());
        assertThat(r.decisions()).isEmpty(); // ban: false by default -> an alert, not a ban
        assertThat(r.stats().findingsByRule()).containsEntry("SW-1006", 1L);
        io.sipwarden.engine.ReplayResult banning = Replay.run(events.iterator(),
                new EngineSettings(null, null, null, null, null), new MapPolicy(), cityGeo(),
                List.of(new ImpossibleTravelRule(new TravelSettings(null, null, true, null))), List.of());
        assertThat(banning.decisions()).extracting(x -> x.scope().toString()).containsExactly("1.128.0.1");
    }

    /** London and Sydney with coordinates (the engine test MapGeo knows only countries). */
    private static io.sipwarden.geo.GeoLookup cityGeo() {
        return new io.sipwarden.geo.GeoLookup() {
            @Override
            public io.sipwarden.geo.GeoLocation lookup(java.net.InetAddress a) {
                return switch (a.getHostAddress()) {
                    case "81.2.69.142" -> new io.sipwarden.geo.GeoLocation("EU", "GB", "", "London", 51.5074, -0.1278, 0, "");
                    case "1.128.0.1" -> new io.sipwarden.geo.GeoLocation("OC", "AU", "", "Sydney", -33.8688, 151.2093, 0, "");
                    default -> io.sipwarden.geo.GeoLocation.UNKNOWN;
                };
            }

            @Override
            public String describe() {
                return "two cities";
            }
        };
    }
}
