package io.sipwarden.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipwarden.event.AuthFailure;
import io.sipwarden.event.EventMeta;
import io.sipwarden.event.Sensor;
import io.sipwarden.event.Source;
import io.sipwarden.event.Stack;
import io.sipwarden.event.Transport;
import io.sipwarden.geo.GeoLocation;
import io.sipwarden.policy.Verdict;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BoundedStateTest {
    private static final Verdict ALLOWED = new Verdict(Verdict.Outcome.ALLOWED, "test", "test");
    private static final Sensor SENSOR = new Sensor(Sensor.Kind.LOG, "test");

    private static EnrichedEvent failure(InetAddress a, Instant t, String account) {
        EventMeta m = new EventMeta(t, Stack.PJSIP, Source.of(a, 5060, Transport.UDP), SENSOR, "", "security-event");
        return new EnrichedEvent(new AuthFailure(m, account, AuthFailure.Reason.WRONG_PASSWORD, ""), GeoLocation.UNKNOWN, ALLOWED);
    }

    private static InetAddress v4(int i) throws UnknownHostException {
        return InetAddress.getByAddress(new byte[] {(byte) (i >>> 24 | 1), (byte) (i >>> 16), (byte) (i >>> 8), (byte) i});
    }

    @Test
    void twoMillionDistinctSourcesNeverExceedTheCap() throws Exception {
        DetectorSettings s = new DetectorSettings(100_000, null, null, null, null, null, null, null);
        Detection d = new Detection(s);
        Instant t = Instant.parse("2026-11-21T10:00:00Z");
        List<Finding> found = new ArrayList<>();
        for (int i = 0; i < 2_000_000; i++) {
            d.observe(failure(v4(i), t, "1001"), found::add);
            if (i % 100_000 == 0) {
                assertThat(d.trackedSources()).isLessThanOrEqualTo(100_000);
            }
        }
        assertThat(d.trackedSources()).isEqualTo(100_000);
        assertThat(d.evictedSources()).isEqualTo(1_900_000);
        assertThat(found).isEmpty();
        // The table still works after all that churn: a fresh source is detected.
        InetAddress attacker = InetAddress.getByName("198.51.100.99");
        for (int i = 0; i < 5; i++) {
            d.observe(failure(attacker, t.plusSeconds(i), "1001"), found::add);
        }
        assertThat(found).extracting(Finding::rule).containsExactly("SW-1001");
    }

    @Test
    void idleSourcesAreForgottenOnEventTime() throws Exception {
        Detection d = new Detection(DetectorSettings.defaults());
        Instant t = Instant.parse("2026-11-21T10:00:00Z");
        List<Finding> found = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            d.observe(failure(v4(i), t, "1001"), found::add);
        }
        assertThat(d.trackedSources()).isEqualTo(1_000);
        // An hour later (event time), new sources sweep the idle ones away.
        Instant later = t.plus(Duration.ofHours(1));
        for (int i = 0; i < 1_000; i++) {
            d.observe(failure(v4(10_000 + i), later, "1001"), found::add);
        }
        assertThat(d.expiredSources()).isGreaterThan(900);
        assertThat(d.trackedSources()).isLessThan(1_100);
    }
}
