package io.sipwarden.decision;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipwarden.detect.Finding;
import io.sipwarden.geo.GeoLocation;
import io.sipwarden.net.Addresses;
import io.sipwarden.net.Cidr;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class BanBookTest {
    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");

    private final BanBook book = new BanBook(10_000, Duration.ofDays(30));

    private static Decision ban(String scope, Instant created, Duration length) {
        return new Decision(UUID.randomUUID().toString(), Cidr.parse(scope), Decision.Type.BAN, Origin.manual("op"),
                "test", GeoLocation.UNKNOWN, created, created, created, created.plus(length));
    }

    /** A revocation lifted its whole scope, so the old ban's revocation took the ban made again after it. */
    @Test
    void aRevocationLiftsOnlyTheBanItsDecisionPutInForce() {
        Instant now = T0.plusSeconds(20);
        Decision old = ban("203.0.113.9", T0, Duration.ofHours(1));
        Decision newer = ban("203.0.113.9", T0.plusSeconds(10), Duration.ofMinutes(30));
        book.restore(old);
        assertThat(book.lift(old, now)).isTrue();
        book.restore(newer);

        assertThat(book.lift(old, now)).as("returned again: the newer ban stays").isFalse();
        assertThat(book.bannedUntil(Addresses.parse("203.0.113.9"), now)).isEqualTo(newer.until());
        assertThat(book.lift(newer, now)).isTrue();
        assertThat(book.bannedUntil(Addresses.parse("203.0.113.9"), now)).isNull();
        assertThat(book.lift(newer, now)).as("nothing in force: the enforcers may lift the scope").isTrue();
    }

    /** The enforcers must not get a ban shorter than the one in force on its scope (their add overwrites the timeout). */
    @Test
    void aBanIsOutlastedOnlyByALongerOneOnExactlyItsScope() {
        Instant now = T0.plusSeconds(10);
        book.restore(ban("203.0.113.9", T0, Duration.ofDays(1)));
        book.restore(ban("203.0.113.0/24", T0, Duration.ofDays(1)));
        assertThat(book.outlasted(ban("203.0.113.9", now, Duration.ofMinutes(5)), now)).isTrue();
        assertThat(book.outlasted(ban("203.0.113.9", now, Duration.ofDays(2)), now)).isFalse();
        assertThat(book.outlasted(ban("203.0.113.0/24", now, Duration.ofMinutes(5)), now)).isTrue();
        assertThat(book.outlasted(ban("203.0.113.0/25", now, Duration.ofMinutes(5)), now)).as("another scope").isFalse();
        assertThat(book.outlasted(ban("203.0.113.10", now, Duration.ofMinutes(5)), now)).as("inside the prefix, its own element").isFalse();
        Instant later = T0.plus(Duration.ofDays(2));
        assertThat(book.outlasted(ban("203.0.113.9", later, Duration.ofMinutes(5)), later)).as("the long ban has ended").isFalse();
    }

    @Test
    void aRevocationDoesNotLiftADetectorBanMadeAfterIt() {
        Decision manual = ban("198.51.100.4", T0, Duration.ofHours(1));
        book.restore(manual);
        book.lift(manual, T0.plusSeconds(5));
        Decider decider = new Decider(BanSettings.defaults(), new TrustGuard(a -> false), book);
        Instant t = T0.plusSeconds(30);
        Finding f = new Finding("SW-1001", 1, Addresses.parse("198.51.100.4"), Finding.Severity.MEDIUM, "test", "", t, t, 5, true);
        Decision detected = ((Decider.Made) decider.decide(f, GeoLocation.UNKNOWN, t)).decision();

        assertThat(book.lift(manual, t)).isFalse();
        assertThat(book.lift(detected, t)).as("the detector's ban is recognised as its decision's").isTrue();
    }

    @Test
    void aPrefixRevocationKeepsAnotherBanOnTheSamePrefixAndIgnoresEndedOnes() {
        Instant now = T0.plus(Duration.ofHours(2));
        Decision ended = ban("203.0.113.0/24", T0, Duration.ofHours(1));
        Decision old = ban("203.0.113.0/24", T0.plusSeconds(10), Duration.ofDays(1));
        Decision newer = ban("203.0.113.0/24", now, Duration.ofDays(2));
        book.restore(ended);
        book.restore(old);
        book.restore(newer);

        assertThat(book.lift(old, now)).isFalse();
        assertThat(book.bannedUntil(Addresses.parse("203.0.113.7"), now)).isEqualTo(newer.until());
        assertThat(book.lift(newer, now)).as("only an ended ban is left on the prefix").isTrue();
        assertThat(book.bannedUntil(Addresses.parse("203.0.113.7"), now)).isNull();
    }
}
