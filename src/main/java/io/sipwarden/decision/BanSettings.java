package io.sipwarden.decision;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.sipwarden.time.DurationText;
import java.time.Duration;

/**
 * The {@code ban:} section: how long bans last. The n-th offence within the decay period is
 * banned for {@code base × factor^(n−1)}, capped at {@code max}; after {@code decay} without an
 * offence the count starts again at 1. Null values take the documented defaults.
 *
 * @param maxOffenders how many addresses the in-memory ban and offence index holds at most
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record BanSettings(@JsonDeserialize(using = DurationText.Deserializer.class)
                          @JsonSerialize(using = DurationText.Serializer.class) Duration base,
                          Double factor,
                          @JsonDeserialize(using = DurationText.Deserializer.class)
                          @JsonSerialize(using = DurationText.Serializer.class) Duration max,
                          @JsonDeserialize(using = DurationText.Deserializer.class)
                          @JsonSerialize(using = DurationText.Serializer.class) Duration decay,
                          Integer maxOffenders) {

    /**
     * The longest ban SIPWarden makes, for {@code ban.max} and for a ban asked for by hand
     * ({@code bans add --for}): ten years is "for good" for an address, and keeps every
     * {@code until} far inside what Instant, epoch milliseconds and the store can hold.
     */
    public static final Duration LONGEST = Duration.ofDays(3650);

    public BanSettings {
        base = base == null ? Duration.ofHours(1) : base;
        factor = factor == null ? 4.0 : factor;
        max = max == null ? Duration.ofDays(30) : max;
        decay = decay == null ? Duration.ofDays(30) : decay;
        maxOffenders = maxOffenders == null ? 2_000_000 : maxOffenders;
        if (base.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("ban.base must be at least 1s: " + DurationText.format(base));
        }
        if (!(factor >= 1.0 && factor <= 100.0)) {
            throw new IllegalArgumentException("ban.factor must be between 1 and 100: " + factor);
        }
        if (max.compareTo(base) < 0) {
            throw new IllegalArgumentException("ban.max (" + DurationText.format(max) + ") must not be shorter than ban.base ("
                    + DurationText.format(base) + ")");
        }
        if (max.compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException("ban.max must be at most " + DurationText.format(LONGEST) + ": "
                    + DurationText.format(max));
        }
        if (decay.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new IllegalArgumentException("ban.decay must be at least 1m: " + DurationText.format(decay));
        }
        if (maxOffenders < 1_000 || maxOffenders > 50_000_000) {
            throw new IllegalArgumentException("ban.max_offenders must be between 1000 and 50000000: " + maxOffenders);
        }
    }

    public static BanSettings defaults() {
        return new BanSettings(null, null, null, null, null);
    }

    /** Length of the ban for the {@code n}-th offence (n ≥ 1). */
    public Duration lengthFor(int n) {
        double seconds = base.toSeconds() * Math.pow(factor, Math.max(0, n - 1));
        if (seconds >= max.toSeconds()) {
            return max;
        }
        return Duration.ofSeconds((long) seconds);
    }
}
