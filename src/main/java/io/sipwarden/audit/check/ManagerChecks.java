package io.sipwarden.audit.check;

import io.sipwarden.audit.AuditFinding;
import io.sipwarden.audit.Evidence;
import io.sipwarden.audit.Rule;
import io.sipwarden.audit.conf.ConfFile;
import io.sipwarden.audit.conf.Section;
import io.sipwarden.audit.conf.Setting;
import io.sipwarden.detect.Finding.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** AMI (manager.conf): exposure, secrets and dangerous write classes (step 4). */
final class ManagerChecks implements Check {

    private static final Set<String> POWERFUL = Set.of("all", "command", "originate", "system");

    @Override
    public void run(AuditInput in, List<AuditFinding> out) {
        ConfFile m = in.config().file("manager.conf");
        Section g = m.first("general");
        if (g == null || !Yes.is(g.value("enabled", "no"))) {
            return;
        }
        Setting bind = g.get("bindaddr").orElse(null);
        boolean local = bind != null && Yes.loopback(bind.value());
        // the code default is [::], which also accepts IPv4
        boolean v6 = bind == null || bind.value().contains(":");
        Evidence bindEv = bind != null ? Evidence.of(bind) : Evidence.note(g.at(), "bindaddr not set (default: all interfaces)");
        ConfFile aclConf = in.config().file("acl.conf");
        for (Section u : m.objects()) {
            if (u.name().equalsIgnoreCase("general")) {
                continue;
            }
            List<Setting> acl = new ArrayList<>(u.all("permit"));
            acl.addAll(u.all("deny"));
            acl.addAll(u.all("acl"));
            acl.sort((a, b) -> Integer.compare(a.at().line(), b.at().line()));
            Acl.Reach reach = local ? Acl.Reach.LOCAL : Acl.reach(acl, aclConf, v6);
            String subject = "AMI user " + u.name();
            if (reach.open()) {
                List<Evidence> ev = new ArrayList<>(List.of(bindEv, Evidence.note(u.at(), "[" + u.name() + "] "
                        + (acl.isEmpty() ? "without permit/deny/acl"
                        : reach == Acl.Reach.ANYWHERE_IPV6 ? "IPv4-only rules: IPv6 sources are not restricted"
                        : "rules still allow any address"))));
                acl.forEach(a -> ev.add(Evidence.of(a)));
                out.add(AuditFinding.of(Rule.AMI_OPEN, subject, "AMI listens beyond localhost and this user accepts logins from anywhere", ev));
            }
            u.get("secret").filter(s -> !s.value().isBlank()).ifPresent(s -> {
                List<String> r = in.strength().weaknesses(new SecretStrength.Candidate(s.value(), u.name(), null));
                if (!r.isEmpty()) {
                    out.add(AuditFinding.of(Rule.AMI_WEAK_SECRET, subject, String.join("; ", r), List.of(Evidence.of(s))));
                }
            });
            List<String> powers = powers(u.all("write"));
            if (!powers.isEmpty() && reach != Acl.Reach.LOCAL) {
                List<Evidence> ev = new ArrayList<>();
                u.all("write").forEach(w -> ev.add(Evidence.of(w)));
                ev.add(bindEv);
                acl.forEach(a -> ev.add(Evidence.of(a)));
                AuditFinding f = AuditFinding.of(Rule.AMI_POWERFUL_REMOTE, subject,
                        "write=" + String.join(",", powers) + " usable from " + (reach.open() ? "any address" : "beyond localhost"), ev);
                out.add(reach.open() ? f.withSeverity(Severity.CRITICAL) : f);
            }
        }
        Setting web = g.get("webenabled").orElse(null);
        if (web != null && Yes.is(web.value())) {
            HttpChecks.Exposure http = HttpChecks.exposure(in.config().file("http.conf"));
            if (http.plainRemote()) {
                List<Evidence> ev = new ArrayList<>(List.of(Evidence.of(web)));
                ev.addAll(http.evidence());
                out.add(AuditFinding.of(Rule.AMI_WEB_PLAIN, "manager.conf [general]",
                        "AMI over HTTP is served on a non-local address without TLS", ev));
            }
        }
    }

    private static List<String> powers(List<Setting> writes) {
        List<String> out = new ArrayList<>();
        for (Setting w : writes) {
            for (String p : w.value().split(",")) {
                String t = p.strip().toLowerCase(Locale.ROOT);
                if (POWERFUL.contains(t) && !out.contains(t)) {
                    out.add(t);
                }
            }
        }
        return out;
    }

}
