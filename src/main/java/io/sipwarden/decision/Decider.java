package io.sipwarden.decision;

import io.sipwarden.detect.Finding;
import io.sipwarden.geo.GeoLocation;
import io.sipwarden.net.Cidr;
import io.sipwarden.time.CompactTime;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The decision stage: turns findings (and manual requests) into immutable decisions. It applies
 * trust (refused, whoever asks), the progressive back-off fed by offence history, and
 * de-duplication: an address already banned is not banned again for every event, unless the new
 * ban would be longer. One thread (the engine's detection thread).
 */
public final class Decider {

    /** What became of a finding or request. */
    public sealed interface Result permits Made, Refused, Suppressed, Alerted {
    }

    /** A new decision; {@code offence} is the offence number it was sized for (0 for manual). */
    public record Made(Decision decision, int offence) implements Result {
    }

    /** Refused by the trust guard. */
    public record Refused(Cidr scope, String why) implements Result {
    }

    /** Already banned at least as long. */
    public record Suppressed(InetAddress address, Instant until) implements Result {
    }

    /** The rule is configured to alert only. */
    public record Alerted(Finding finding) implements Result {
    }

    private final BanSettings settings;
    private final TrustGuard guard;
    private final BanBook book;
    private long made;
    private long suppressed;
    private long alerted;

    public Decider(BanSettings settings, TrustGuard guard, BanBook book) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.guard = Objects.requireNonNull(guard, "guard");
        this.book = Objects.requireNonNull(book, "book");
    }

    /** Decides on a detector's finding at {@code now} (event time in replay, wall time live). */
    public Result decide(Finding f, GeoLocation location, Instant now) {
        if (!f.ban()) {
            alerted++;
            return new Alerted(f);
        }
        InetAddress a = f.source();
        int n = CompactTime.of(now);
        int activeUntil = book.activeUntil(a, n);
        int prior = book.offences(a, n);
        int offence;
        Duration length;
        if (activeUntil != Integer.MIN_VALUE) {
            // Still banned: this is the same offence seen again, not a new one.
            length = settings.lengthFor(Math.max(1, prior));
            int current = book.activeLength(a, n);
            if (current == 0 || length.toSeconds() <= current) {
                suppressed++;
                return new Suppressed(a, CompactTime.toInstant(activeUntil));
            }
            offence = 0;
        } else {
            offence = prior + 1;
            length = settings.lengthFor(offence);
        }
        Cidr scope = Cidr.of(a);
        String why = guard.check(scope, "detector " + f.rule());
        if (why != null) {
            return new Refused(scope, why);
        }
        Instant until = now.plus(length);
        Decision d = new Decision(UUID.randomUUID().toString(), scope, Decision.Type.BAN,
                Origin.detector(f.rule(), f.revision()), reason(f, offence, length), location,
                f.first(), f.last(), now, until);
        book.ban(a, n, CompactTime.of(until), offence);
        made++;
        return new Made(d, offence);
    }

    /**
     * A ban asked for by a person or an import. {@code length} null means "as the back-off says
     * for this address". Goes through the same trust guard as every detector.
     */
    public Result request(Cidr scope, Duration length, String reason, Origin origin, GeoLocation location, Instant now) {
        String why = guard.check(scope, origin.kind().name().toLowerCase(java.util.Locale.ROOT) + " " + origin.name());
        if (why != null) {
            return new Refused(scope, why);
        }
        Duration len = length != null ? length
                : settings.lengthFor(scope.isSingleAddress() ? book.offences(scope.network(), CompactTime.of(now)) + 1 : 1);
        Decision d = new Decision(UUID.randomUUID().toString(), scope, Decision.Type.BAN, origin,
                Texts.safe(reason, 200), location, now, now, now, now.plus(len));
        book.restore(d);
        made++;
        return new Made(d, 0);
    }

    public BanBook book() {
        return book;
    }

    public TrustGuard guard() {
        return guard;
    }

    public long madeCount() {
        return made;
    }

    public long suppressedCount() {
        return suppressed;
    }

    public long alertedCount() {
        return alerted;
    }

    private static String reason(Finding f, int offence, Duration length) {
        String r = f.reason();
        if (offence > 1) {
            r = r + " [offence " + offence + ", banned " + io.sipwarden.time.DurationText.format(length) + "]";
        }
        return r;
    }
}
