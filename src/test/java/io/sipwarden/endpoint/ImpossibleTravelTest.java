package io.sipwarden.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipwarden.detect.Finding;
import io.sipwarden.event.AuthSuccess;
import io.sipwarden.event.EventMeta;
import io.sipwarden.event.SecurityEvent;
import io.sipwarden.event.Sensor;
import io.sipwarden.event.Source;
import io.sipwarden.event.Stack;
import io.sipwarden.event.Transport;
import io.sipwarden.net.Addresses;
import io.sipwarden.sensor.ami.ScenarioEvents;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * SW-1006 on the real s06 (alice at home, 10.77.0.3) and s07 (alice roaming to 10.77.0.4 and
 * fd77::4) transcripts, with the lab's private addresses rewritten to public ones.
 */
class ImpossibleTravelTest {
    static final String HOME = "81.2.69.142";
    static final String AWAY_V4 = "1.128.0.1";
    static final String AWAY_V6 = "2001:4860::4";

    private static List<SecurityEvent> homeThenRoaming() throws IOException {
        Map<String, String> rewrite = Map.of("10.77.0.3", HOME, "10.77.0.4", AWAY_V4, "fd77::4", AWAY_V6);
        List<SecurityEvent> events = new ArrayList<>(ScenarioEvents.rewritten("s06-legit-user", rewrite));
        events.addAll(ScenarioEvents.rewritten("s07-roaming", rewrite));
        return events;
    }

    private static List<Finding> run(ImpossibleTravel t, List<SecurityEvent> events) {
        return events.stream().map(t::observe).flatMap(Optional::stream).toList();
    }

    @Test
    void londonToSydneyInSevenSecondsIsImpossible() throws IOException {
        MapGeo geo = new MapGeo().put(HOME, MapGeo.LONDON).put(AWAY_V4, MapGeo.SYDNEY).put(AWAY_V6, MapGeo.SYDNEY);
        List<Finding> f = run(new ImpossibleTravel(TravelSettings.DEFAULT, geo), homeThenRoaming());
        // Both roaming addresses are reported against the London reference; the AMI login of the
        // recorder (127.0.0.1, no coordinates) never counts.
        assertThat(f).extracting(x -> x.source().getHostAddress())
                .containsExactly(AWAY_V4, Addresses.parse(AWAY_V6).getHostAddress());
        Finding first = f.getFirst();
        assertThat(first.rule()).isEqualTo("SW-1006");
        assertThat(first.revision()).isEqualTo(1);
        assertThat(first.endpoint()).isEqualTo("alice");
        assertThat(first.ban()).isFalse();
        assertThat(first.severity()).isEqualTo(Finding.Severity.HIGH);
        assertThat(first.first()).isEqualTo(Instant.parse("2026-11-21T19:20:34.213Z"));
        assertThat(first.last()).isEqualTo(Instant.parse("2026-11-21T19:20:41.744Z"));
        assertThat(first.reason()).contains("alice", "Sydney", "London", "km/h");
    }

    @Test
    void banIsConfigurable() throws IOException {
        MapGeo geo = new MapGeo().put(HOME, MapGeo.LONDON).put(AWAY_V4, MapGeo.SYDNEY);
        List<Finding> f = run(new ImpossibleTravel(new TravelSettings(null, null, true, null), geo), homeThenRoaming());
        assertThat(f).isNotEmpty().allMatch(Finding::ban);
    }

    @Test
    void aNearbyMoveIsBelowTheMinimumDistance() throws IOException {
        MapGeo geo = new MapGeo().put(HOME, MapGeo.LONDON).put(AWAY_V4, MapGeo.CROYDON).put(AWAY_V6, MapGeo.CROYDON);
        assertThat(run(new ImpossibleTravel(TravelSettings.DEFAULT, geo), homeThenRoaming())).isEmpty();
    }

    @Test
    void unknownLocationsNeverTrigger() throws IOException {
        MapGeo geo = new MapGeo().put(HOME, MapGeo.LONDON).put(AWAY_V4, MapGeo.SOMEWHERE_IN_DE);
        assertThat(run(new ImpossibleTravel(TravelSettings.DEFAULT, geo), homeThenRoaming())).isEmpty();
    }

    @Test
    void reAuthenticationFromTheSameAddressNeverTriggers() throws IOException {
        // s06 alone: alice registers and calls (two SuccessfulAuth from one address), 1002 over TCP.
        MapGeo geo = new MapGeo().put(HOME, MapGeo.LONDON);
        ImpossibleTravel t = new ImpossibleTravel(TravelSettings.DEFAULT, geo);
        List<SecurityEvent> s06 = ScenarioEvents.rewritten("s06-legit-user", Map.of("10.77.0.3", HOME));
        assertThat(s06).filteredOn(e -> e instanceof AuthSuccess a && a.account().equals("alice")).hasSize(2);
        assertThat(run(t, s06)).isEmpty();
    }

    @Test
    void speedIsDistanceOverTime() {
        MapGeo geo = new MapGeo().put(HOME, MapGeo.LONDON).put("2.2.2.2", MapGeo.PARIS);
        ImpossibleTravel t = new ImpossibleTravel(TravelSettings.DEFAULT, geo);
        Instant t0 = Instant.parse("2026-11-21T08:00:00Z");
        assertThat(t.observe(auth("bob", HOME, t0))).isEmpty();
        // London-Paris is ~344 km: 10 h later is 34 km/h, fine.
        assertThat(t.observe(auth("bob", "2.2.2.2", t0.plus(Duration.ofHours(10))))).isEmpty();
        // Back to London 15 minutes later: ~1,375 km/h.
        Optional<Finding> back = t.observe(auth("bob", HOME, t0.plus(Duration.ofHours(10).plusMinutes(15))));
        assertThat(back).isPresent();
        assertThat(back.get().source()).isEqualTo(Addresses.parse(HOME));
        // The same trip in 30 minutes is 688 km/h: possible.
        ImpossibleTravel t2 = new ImpossibleTravel(TravelSettings.DEFAULT, geo);
        t2.observe(auth("carol", HOME, t0));
        assertThat(t2.observe(auth("carol", "2.2.2.2", t0.plus(Duration.ofMinutes(30))))).isEmpty();
        assertThat(ImpossibleTravel.distanceKm(MapGeo.LONDON, MapGeo.PARIS)).isBetween(340.0, 346.0);
    }

    @Test
    void afterAHijackTheLegitimateUsersNextLoginIsNotTravel() {
        MapGeo geo = new MapGeo().put(HOME, MapGeo.LONDON).put("175.45.176.1", MapGeo.PYONGYANG);
        ImpossibleTravel t = new ImpossibleTravel(TravelSettings.DEFAULT, geo);
        Instant t0 = Instant.parse("2026-11-21T08:00:00Z");
        t.observe(auth("1001", HOME, t0));
        assertThat(t.observe(auth("1001", "175.45.176.1", t0.plusSeconds(60)))).isPresent();
        assertThat(t.observe(auth("1001", HOME, t0.plusSeconds(120)))).isEmpty();
        assertThat(t.observe(auth("1001", "175.45.176.1", t0.plusSeconds(180)))).isPresent();
    }

    @Test
    void correctPasswordFromAForbiddenCountryAfterALegitimateLogin() throws IOException {
        // s04: svcrack guesses 1001's password from 10.77.0.2 and registers: a correct password.
        MapGeo geo = new MapGeo().put(HOME, MapGeo.LONDON).put("175.45.176.1", MapGeo.PYONGYANG);
        ImpossibleTravel t = new ImpossibleTravel(TravelSettings.DEFAULT, geo);
        List<SecurityEvent> s04 = ScenarioEvents.rewritten("s04-svcrack-1001", Map.of("10.77.0.2", "175.45.176.1"));
        AuthSuccess cracked = s04.stream().filter(e -> e instanceof AuthSuccess a && a.account().equals("1001"))
                .map(e -> (AuthSuccess) e).findFirst().orElseThrow();
        assertThat(cracked.usingPassword()).isTrue();
        t.observe(auth("1001", HOME, cracked.time().minus(Duration.ofHours(1))));
        List<Finding> f = run(t, s04);
        assertThat(f).hasSize(1);
        assertThat(f.getFirst().source()).isEqualTo(Addresses.parse("175.45.176.1"));
        assertThat(f.getFirst().reason()).contains("KP");
    }

    /** Gaps beyond 292 years overflowed Duration.toNanos: an ArithmeticException instead of an answer. */
    @Test
    void sightingsCenturiesApartOrAtTheEndsOfTimeNeitherOverflowNorTrigger() {
        MapGeo geo = new MapGeo().put(HOME, MapGeo.LONDON).put("2.2.2.2", MapGeo.SYDNEY);
        ImpossibleTravel t = new ImpossibleTravel(TravelSettings.DEFAULT, geo);
        Instant t0 = Instant.parse("2026-11-21T08:00:00Z");
        assertThat(t.observe(auth("dave", HOME, t0))).isEmpty();
        assertThat(t.observe(auth("dave", "2.2.2.2", t0.plus(Duration.ofDays(365L * 300))))).isEmpty();
        assertThat(t.observe(auth("dave", HOME, Instant.MAX))).isEmpty();
        assertThat(t.observe(auth("dave", "2.2.2.2", Instant.MIN))).as("out of order, the longest gap").isEmpty();
        // At the very end of time the arithmetic still holds: Sydney one second after London is impossible.
        ImpossibleTravel late = new ImpossibleTravel(TravelSettings.DEFAULT, geo);
        late.observe(auth("erin", HOME, Instant.MAX.minusSeconds(1)));
        Optional<Finding> f = late.observe(auth("erin", "2.2.2.2", Instant.MAX));
        assertThat(f).isPresent();
        assertThat(f.get().first()).isEqualTo(Instant.MAX.minusSeconds(1));
        assertThat(f.get().last()).isEqualTo(Instant.MAX);
    }

    @Test
    void memoryIsBounded() {
        MapGeo geo = new MapGeo().put(HOME, MapGeo.LONDON);
        ImpossibleTravel t = new ImpossibleTravel(new TravelSettings(null, null, null, 10), geo);
        for (int i = 0; i < 100; i++) {
            t.observe(auth("u" + i, HOME, Instant.EPOCH));
        }
        assertThat(t.tracked()).isEqualTo(10);
    }

    static AuthSuccess auth(String account, String address, Instant at) {
        return new AuthSuccess(new EventMeta(at, Stack.PJSIP, new Source(Addresses.parse(address), 5060, Transport.UDP),
                new Sensor(Sensor.Kind.AMI, "pbx1"), "", "security-event"), account, true);
    }
}
