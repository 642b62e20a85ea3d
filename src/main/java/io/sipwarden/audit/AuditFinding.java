package io.sipwarden.audit;

import io.sipwarden.detect.Finding.Severity;
import java.util.List;
import java.util.Objects;

/**
 * One audit result: which rule, how severe here (a rule may be raised or lowered by context), what
 * it is about, one sentence of detail, and the lines that prove it (first = primary location).
 */
public record AuditFinding(Rule rule, Severity severity, String subject, String message, List<Evidence> evidence) {

    public AuditFinding {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(message, "message");
        evidence = List.copyOf(evidence);
    }

    public static AuditFinding of(Rule rule, String subject, String message, List<Evidence> evidence) {
        return new AuditFinding(rule, rule.severity(), subject, message, evidence);
    }

    public AuditFinding withSeverity(Severity s) {
        return new AuditFinding(rule, s, subject, message, evidence);
    }
}
