package io.sipwarden.audit.check;

import io.sipwarden.audit.AuditFinding;
import io.sipwarden.audit.Evidence;
import io.sipwarden.audit.Rule;
import io.sipwarden.audit.conf.ConfFile;
import io.sipwarden.audit.conf.Section;
import io.sipwarden.audit.conf.Setting;
import java.util.ArrayList;
import java.util.List;

/** The built-in HTTP server (http.conf) and ARI (ari.conf) exposed without TLS; ARI passwords. */
final class HttpChecks implements Check {

    /** Whether plain HTTP listens beyond localhost, with the lines that say so. */
    record Exposure(boolean plainRemote, boolean tls, List<Evidence> evidence) {
    }

    /**
     * A missing bindaddr is not reported: the audit does not claim where Asterisk then listens.
     */
    static Exposure exposure(ConfFile http) {
        Section g = http.first("general");
        if (g == null || !Yes.is(g.value("enabled", "no"))) {
            return new Exposure(false, false, List.of());
        }
        Setting bind = g.get("bindaddr").orElse(null);
        boolean tls = Yes.is(g.value("tlsenable", "no"));
        List<Evidence> ev = new ArrayList<>();
        g.get("enabled").ifPresent(e -> ev.add(Evidence.of(e)));
        if (bind == null || Yes.loopback(bind.value())) {
            return new Exposure(false, tls, ev);
        }
        ev.add(Evidence.of(bind));
        ev.add(g.get("tlsenable").map(Evidence::of).orElse(Evidence.note(g.at(), "tlsenable not set (default: no)")));
        return new Exposure(true, tls, ev);
    }

    @Override
    public void run(AuditInput in, List<AuditFinding> out) {
        Exposure http = exposure(in.config().file("http.conf"));
        if (http.plainRemote()) {
            out.add(AuditFinding.of(Rule.HTTP_PLAIN, "http.conf [general]",
                    http.tls() ? "plain HTTP still listens on a non-local address next to TLS"
                            : "HTTP listens on a non-local address without TLS", http.evidence()));
        }
        ConfFile ari = in.config().file("ari.conf");
        Section g = ari.first("general");
        if (!ari.present() || (g != null && !Yes.is(g.value("enabled", "yes")))) {
            return;
        }
        for (Section u : ari.objects()) {
            if (!u.value("type", "").equals("user")) {
                continue;
            }
            if (http.plainRemote()) {
                List<Evidence> ev = new ArrayList<>(List.of(Evidence.note(u.at(), "[" + u.name() + "] type=user")));
                ev.addAll(http.evidence());
                out.add(AuditFinding.of(Rule.ARI_PLAIN, "ARI user " + u.name(),
                        "its basic-auth password crosses the network in clear", ev));
            }
            boolean crypt = u.value("password_format", "plain").equals("crypt");
            u.get("password").filter(p -> !crypt && !p.value().isBlank()).ifPresent(p -> {
                List<String> r = in.strength().weaknesses(new SecretStrength.Candidate(p.value(), u.name(), null));
                if (!r.isEmpty()) {
                    out.add(AuditFinding.of(Rule.ARI_WEAK_PASSWORD, "ARI user " + u.name(), String.join("; ", r),
                            List.of(Evidence.of(p))));
                }
            });
        }
    }
}
