package io.sipwarden.audit.check;

import io.sipwarden.audit.AuditFinding;
import io.sipwarden.audit.Evidence;
import io.sipwarden.audit.Rule;
import io.sipwarden.audit.conf.ConfFile;
import io.sipwarden.audit.conf.Location;
import io.sipwarden.audit.conf.Section;
import io.sipwarden.audit.conf.Setting;
import java.util.List;
import java.util.Locale;

/** logger.conf must send the 'security' level somewhere SIPWarden can tail it. */
final class LoggerChecks implements Check {

    @Override
    public void run(AuditInput in, List<AuditFinding> out) {
        ConfFile logger = in.config().file("logger.conf");
        Section files = logger.first("logfiles");
        if (files != null) {
            for (Setting s : files.settings()) {
                for (String level : s.value().split(",")) {
                    String l = level.strip().toLowerCase(Locale.ROOT);
                    if (l.equals("security") || l.equals("*")) {
                        return;
                    }
                }
            }
        }
        Location at = files != null ? files.at() : new Location(logger.path(), 0);
        String why = !logger.present() ? "logger.conf is missing (defaults log no security events)"
                : files == null ? "logger.conf has no [logfiles] section" : "no [logfiles] channel includes 'security'";
        out.add(AuditFinding.of(Rule.NO_SECURITY_LOG, "logger.conf", why, List.of(Evidence.note(at, why))));
    }
}
