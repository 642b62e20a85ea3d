package io.sipwarden.detect;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.sipwarden.time.DurationText;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code detect:} section: per-rule switches, thresholds and windows (docs/detection.md).
 * Any value left out (null) takes its documented default; out-of-range values are rejected with
 * the setting's name.
 *
 * @param maxSources  how many sources the stateful rules track at most (LRU beyond)
 * @param sourceIdle  a source not seen for this long (event time) is forgotten
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record DetectorSettings(Integer maxSources,
                               @JsonDeserialize(using = DurationText.Deserializer.class)
                               @JsonSerialize(using = DurationText.Serializer.class) Duration sourceIdle,
                               Counting bruteForce, Enumeration enumeration, Scanner scanner,
                               OnSight geofence, OnSight geolock, Counting manager) {

    /** What a rule does when it fires. */
    public enum Action {
        @JsonProperty("ban") BAN,
        @JsonProperty("alert") ALERT
    }

    /** Tools whose User-Agent or From display name gives them away (case-insensitive substrings). */
    public static final List<String> DEFAULT_SCANNER_CLIENTS = List.of(
            "friendly-scanner", "sipvicious", "sipcli", "vaxsipuseragent", "sip-scan", "sipscan",
            "iwar", "sundayddr", "sivus", "pplsip", "sippts", "siparmyknife");

    public DetectorSettings {
        maxSources = orDefault(maxSources, 1_000_000);
        sourceIdle = sourceIdle == null ? Duration.ofMinutes(30) : sourceIdle;
        bruteForce = (bruteForce == null ? Counting.UNSET : bruteForce).complete("detect.brute_force", 3, Duration.ofMinutes(10));
        enumeration = (enumeration == null ? Enumeration.UNSET : enumeration).complete("detect.enumeration");
        scanner = (scanner == null ? Scanner.UNSET : scanner).complete("detect.scanner");
        geofence = (geofence == null ? OnSight.UNSET : geofence).complete();
        geolock = (geolock == null ? OnSight.UNSET : geolock).complete();
        manager = (manager == null ? Counting.UNSET : manager).complete("detect.manager", 3, Duration.ofMinutes(10));
        if (maxSources < 1_000 || maxSources > 50_000_000) {
            throw new IllegalArgumentException("detect.max_sources must be between 1000 and 50000000: " + maxSources);
        }
        Duration longest = max(max(bruteForce.window(), manager.window()), enumeration.window());
        if (sourceIdle.compareTo(longest) < 0) {
            throw new IllegalArgumentException("detect.source_idle (" + DurationText.format(sourceIdle)
                    + ") must be at least the longest rule window (" + DurationText.format(longest) + ")");
        }
    }

    public static DetectorSettings defaults() {
        return new DetectorSettings(null, null, null, null, null, null, null, null);
    }

    /** A rule that fires after {@code threshold} events within {@code window} from one source. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Counting(Boolean enabled, Action action, Integer threshold,
                           @JsonDeserialize(using = DurationText.Deserializer.class)
                           @JsonSerialize(using = DurationText.Serializer.class) Duration window) {
        static final Counting UNSET = new Counting(null, null, null, null);

        Counting complete(String name, int defaultThreshold, Duration defaultWindow) {
            Counting c = new Counting(orDefault(enabled, true), action == null ? Action.BAN : action,
                    orDefault(threshold, defaultThreshold), window == null ? defaultWindow : window);
            checkRange(name + ".threshold", c.threshold, 1, 100_000);
            checkWindow(name + ".window", c.window);
            return c;
        }
    }

    /**
     * SW-1002: {@code threshold} distinct unknown accounts within {@code window}, or
     * {@code numericProbes} distinct random 9-10 digit accounts (sipvicious svwar's probe).
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Enumeration(Boolean enabled, Action action, Integer threshold,
                              @JsonDeserialize(using = DurationText.Deserializer.class)
                              @JsonSerialize(using = DurationText.Serializer.class) Duration window,
                              Integer numericProbes) {
        static final Enumeration UNSET = new Enumeration(null, null, null, null, null);

        Enumeration complete(String name) {
            Enumeration e = new Enumeration(orDefault(enabled, true), action == null ? Action.BAN : action,
                    orDefault(threshold, 5), window == null ? Duration.ofMinutes(10) : window,
                    orDefault(numericProbes, 2));
            // Distinct accounts are remembered as 8 fingerprints per source: exact up to 9.
            checkRange(name + ".threshold", e.threshold, 2, 9);
            checkWindow(name + ".window", e.window);
            if (e.numericProbes != 0) {
                checkRange(name + ".numeric_probes", e.numericProbes, 2, 2);
            }
            return e;
        }
    }

    /**
     * SW-1003. {@code clients} replaces the default list; {@code extraClients} adds to it.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Scanner(Boolean enabled, Action action, List<String> clients, List<String> extraClients) {
        static final Scanner UNSET = new Scanner(null, null, null, null);

        Scanner complete(String name) {
            List<String> all = new ArrayList<>(clients == null ? DEFAULT_SCANNER_CLIENTS : clients);
            if (extraClients != null) {
                all.addAll(extraClients);
            }
            List<String> lower = new ArrayList<>();
            for (String c : all) {
                if (c == null || c.isBlank()) {
                    throw new IllegalArgumentException(name + ".clients must not contain an empty entry");
                }
                if (c.strip().length() < 3) {
                    throw new IllegalArgumentException(name + ".clients entry '" + c + "' is too short to match safely (3 characters at least)");
                }
                lower.add(c.strip().toLowerCase(Locale.ROOT));
            }
            return new Scanner(orDefault(enabled, true), action == null ? Action.BAN : action, List.copyOf(lower), List.of());
        }
    }

    /** A rule that fires on the first event (SW-1004 geofence, SW-1005 geolock). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record OnSight(Boolean enabled, Action action) {
        static final OnSight UNSET = new OnSight(null, null);

        OnSight complete() {
            return new OnSight(orDefault(enabled, true), action == null ? Action.BAN : action);
        }
    }

    private static int orDefault(Integer v, int d) {
        return v == null ? d : v;
    }

    private static boolean orDefault(Boolean v, boolean d) {
        return v == null ? d : v;
    }

    private static void checkRange(String name, int v, int min, int max) {
        if (v < min || v > max) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ": " + v);
        }
    }

    private static void checkWindow(String name, Duration w) {
        if (w.compareTo(Duration.ofSeconds(1)) < 0 || w.compareTo(Duration.ofDays(7)) > 0) {
            throw new IllegalArgumentException(name + " must be between 1s and 7d: " + DurationText.format(w));
        }
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
