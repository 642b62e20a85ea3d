package io.sipwarden.detect;

import java.net.InetAddress;
import java.time.Instant;
import java.util.Objects;

/**
 * A detector's conclusion about one source. Turned into a {@link io.sipwarden.decision.Decision}
 * by the decision stage (which applies trust, back-off and ban length).
 *
 * @param rule      stable rule id, e.g. "SW-1001"
 * @param revision  rule revision
 * @param source    the offending address (never taken from attacker-controlled text)
 * @param severity  how bad
 * @param reason    one sentence for the operator; hostile text only after Texts.safe
 * @param endpoint  the endpoint concerned (geolock, travel), "" otherwise
 * @param first     event time of the first evidence
 * @param last      event time of the last evidence
 * @param evidence  number of events that support it
 * @param ban       whether the rule asks for a ban (false: alert only)
 */
public record Finding(String rule, int revision, InetAddress source, Severity severity, String reason,
                      String endpoint, Instant first, Instant last, int evidence, boolean ban) {

    public enum Severity { INFO, LOW, MEDIUM, HIGH, CRITICAL }

    public Finding {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(last, "last");
    }
}
