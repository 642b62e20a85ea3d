package io.sipwarden.audit.check;

import io.sipwarden.audit.AuditFinding;
import java.util.List;

/** One family of checks. Must not throw on odd input: a check that cannot decide says nothing. */
interface Check {
    void run(AuditInput in, List<AuditFinding> out);
}
