package io.sipwarden.decision;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipwarden.detect.Finding;
import io.sipwarden.geo.GeoLocation;
import io.sipwarden.net.Addresses;
import io.sipwarden.net.Cidr;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DeciderTest {
    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
    private final InetAddress trunk = Addresses.parse("192.0.2.10");
    private final BanSettings ban = BanSettings.defaults();

    private Decider decider() {
        return new Decider(ban, new TrustGuard(Set.of(trunk)::contains, java.util.List.of(Cidr.of(trunk))), new BanBook(10_000, ban.decay()));
    }

    private static Finding finding(String address, Instant t) {
        return new Finding("SW-1001", 1, Addresses.parse(address), Finding.Severity.MEDIUM, "test", "", t, t, 5, true);
    }

    @Test
    void backoffIsBaseTimesFactorPowerCappedAtMax() {
        assertThat(ban.lengthFor(1)).isEqualTo(Duration.ofHours(1));
        assertThat(ban.lengthFor(2)).isEqualTo(Duration.ofHours(4));
        assertThat(ban.lengthFor(3)).isEqualTo(Duration.ofHours(16));
        assertThat(ban.lengthFor(4)).isEqualTo(Duration.ofHours(64));
        assertThat(ban.lengthFor(5)).isEqualTo(Duration.ofHours(256));
        assertThat(ban.lengthFor(6)).isEqualTo(Duration.ofDays(30));
        assertThat(ban.lengthFor(60)).isEqualTo(Duration.ofDays(30));
    }

    @Test
    void repeatOffenderEscalatesAndDecays() {
        Decider d = decider();
        Decider.Made first = (Decider.Made) d.decide(finding("198.51.100.1", T0), GeoLocation.UNKNOWN, T0);
        assertThat(first.offence()).isEqualTo(1);
        assertThat(first.decision().until()).isEqualTo(T0.plus(Duration.ofHours(1)));
        // While banned, the same address is not banned again.
        assertThat(d.decide(finding("198.51.100.1", T0.plusSeconds(60)), GeoLocation.UNKNOWN, T0.plusSeconds(60)))
                .isInstanceOf(Decider.Suppressed.class);
        Instant t2 = T0.plus(Duration.ofHours(2));
        Decider.Made second = (Decider.Made) d.decide(finding("198.51.100.1", t2), GeoLocation.UNKNOWN, t2);
        assertThat(second.offence()).isEqualTo(2);
        assertThat(Duration.between(second.decision().created(), second.decision().until())).isEqualTo(Duration.ofHours(4));
        Instant t3 = t2.plus(Duration.ofDays(31));
        Decider.Made third = (Decider.Made) d.decide(finding("198.51.100.1", t3), GeoLocation.UNKNOWN, t3);
        assertThat(third.offence()).as("count decayed after 30 quiet days").isEqualTo(1);
        assertThat(d.suppressedCount()).isEqualTo(1);
    }

    @Test
    void offenceHistoryFromTheStoreFeedsTheBackoff() {
        Decider d = decider();
        d.book().restoreOffender(Addresses.parse("198.51.100.2"), 2, T0.minus(Duration.ofDays(1)));
        Decider.Made m = (Decider.Made) d.decide(finding("198.51.100.2", T0), GeoLocation.UNKNOWN, T0);
        assertThat(m.offence()).isEqualTo(3);
        assertThat(Duration.between(T0, m.decision().until())).isEqualTo(Duration.ofHours(16));
    }

    @Test
    void longerBanSupersedesAnActiveShorterOne() {
        Decider d = decider();
        Decider.Result manual = d.request(Cidr.parse("198.51.100.3"), Duration.ofMinutes(5), "short", Origin.manual("op"),
                GeoLocation.UNKNOWN, T0);
        assertThat(manual).isInstanceOf(Decider.Made.class);
        Decider.Result detector = d.decide(finding("198.51.100.3", T0.plusSeconds(10)), GeoLocation.UNKNOWN, T0.plusSeconds(10));
        assertThat(detector).as("a 1h detector ban supersedes the 5 min manual one").isInstanceOf(Decider.Made.class);
    }

    @Test
    void trustIsAbsoluteWhoeverAsks() {
        Decider d = decider();
        assertThat(d.decide(finding("192.0.2.10", T0), GeoLocation.UNKNOWN, T0)).isInstanceOf(Decider.Refused.class);
        assertThat(d.decide(finding("127.0.0.1", T0), GeoLocation.UNKNOWN, T0)).isInstanceOf(Decider.Refused.class);
        assertThat(d.decide(finding("::1", T0), GeoLocation.UNKNOWN, T0)).isInstanceOf(Decider.Refused.class);
        for (String scope : new String[] {"192.0.2.10", "127.0.0.0/8", "0.0.0.0", "224.0.0.1", "192.0.2.0/24", "10.0.0.0/7", "::/0"}) {
            assertThat(d.request(Cidr.parse(scope), null, "op", Origin.manual("op"), GeoLocation.UNKNOWN, T0))
                    .as(scope).isInstanceOf(Decider.Refused.class);
        }
        assertThat(d.guard().refusedCount()).isEqualTo(10);
        assertThat(d.book().bannedUntil(trunk, T0)).isNull();
        assertThat(d.request(Cidr.parse("203.0.113.0/24"), null, "op", Origin.manual("op"), GeoLocation.UNKNOWN, T0))
                .isInstanceOf(Decider.Made.class);
        assertThat(d.book().bannedUntil(Addresses.parse("203.0.113.77"), T0)).isEqualTo(T0.plus(Duration.ofHours(1)));
    }

    @Test
    void alertOnlyFindingsMakeNoDecision() {
        Decider d = decider();
        Finding f = new Finding("SW-1001", 1, Addresses.parse("198.51.100.4"), Finding.Severity.MEDIUM, "x", "", T0, T0, 5, false);
        assertThat(d.decide(f, GeoLocation.UNKNOWN, T0)).isInstanceOf(Decider.Alerted.class);
        assertThat(d.book().bannedUntil(f.source(), T0)).isNull();
    }
}
