package io.sipwarden.audit;

import io.sipwarden.detect.Finding.Severity;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The result of one audit run: findings most severe first.
 *
 * @param asteriskMajor the Asterisk major version used for version-dependent checks, when known
 * @param sections      number of config sections read (a sanity figure for the reader)
 * @param millis        wall time of the run
 */
public record AuditReport(Path root, OptionalInt asteriskMajor, Instant at, long millis, int sections,
                          List<AuditFinding> findings) {

    public AuditReport {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(asteriskMajor, "asteriskMajor");
        Objects.requireNonNull(at, "at");
        findings = List.copyOf(findings);
    }

    /** Findings per severity (every severity present, zero when none). */
    public Map<Severity, Integer> counts() {
        Map<Severity, Integer> m = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) {
            m.put(s, 0);
        }
        findings.forEach(f -> m.merge(f.severity(), 1, Integer::sum));
        return m;
    }

    /** True when some finding is at or above {@code threshold}. */
    public boolean hasAtLeast(Severity threshold) {
        return findings.stream().anyMatch(f -> f.severity().compareTo(threshold) >= 0);
    }
}
