package io.sipwarden.audit.check;

import io.sipwarden.audit.AuditFinding;
import io.sipwarden.audit.Evidence;
import io.sipwarden.audit.Rule;
import io.sipwarden.audit.conf.Location;
import java.util.ArrayList;
import java.util.List;

/** Runs every check over one parsed configuration. */
public final class Checks {

    /** Account checks last: they wait for zxcvbn, which runs in the background while the others work. */
    private static final List<Check> ALL = List.of(
            new SipGeneralChecks(), new ManagerChecks(), new HttpChecks(),
            new DialplanChecks(), new ModuleChecks(), new LoggerChecks(), new EndpointChecks());

    private Checks() {
    }

    /** All findings; a check that fails on unexpected input is reported as such, the others still run. */
    public static List<AuditFinding> run(AuditInput in) {
        in.strength().prepareAsync(EndpointChecks.plainSecrets(in.endpoints()));
        List<AuditFinding> out = new ArrayList<>();
        for (Check c : ALL) {
            try {
                c.run(in, out);
            } catch (RuntimeException e) {
                out.add(AuditFinding.of(Rule.CONFIG_UNREADABLE, "audit check " + c.getClass().getSimpleName(),
                        "the check failed on this configuration and was skipped: " + e,
                        List.of(Evidence.note(new Location(in.config().root(), 0), "internal error, please report"))));
            }
        }
        return out;
    }
}
