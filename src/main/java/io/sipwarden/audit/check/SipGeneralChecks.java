package io.sipwarden.audit.check;

import io.sipwarden.audit.AuditFinding;
import io.sipwarden.audit.Evidence;
import io.sipwarden.audit.Rule;
import io.sipwarden.audit.conf.ConfFile;
import io.sipwarden.audit.conf.Location;
import io.sipwarden.audit.conf.Section;
import io.sipwarden.audit.conf.Setting;
import io.sipwarden.detect.Finding.Severity;
import java.util.List;
import java.util.Set;

/** Driver-wide SIP settings: chan_sip guests and enumeration (steps 2, 7), pjsip anonymous, chan_sip's removal. */
final class SipGeneralChecks implements Check {

    private static final Set<String> YES = Set.of("yes", "true", "y", "t", "1", "on");

    @Override
    public void run(AuditInput in, List<AuditFinding> out) {
        ConfFile sip = in.config().file("sip.conf");
        Modules modules = new Modules(in.config().file("modules.conf"));
        if (sip.present() && !sip.objects().isEmpty() && modules.loaded("chan_sip.so")) {
            chanSip(sip, in, out);
        }
        ConfFile pjsip = in.config().file("pjsip.conf");
        if (pjsip.present() && modules.loaded("chan_pjsip.so")) {
            pjsip(pjsip, out);
        }
    }

    private static void chanSip(ConfFile sip, AuditInput in, List<AuditFinding> out) {
        Section g = sip.first("general");
        Location gAt = g != null ? g.at() : new Location(sip.path(), 0);
        String context = g == null ? "default" : g.value("context", "default");
        Setting aar = g == null ? null : g.get("alwaysauthreject").orElse(null);
        if (aar != null && !YES.contains(aar.value().strip().toLowerCase(java.util.Locale.ROOT))) {
            out.add(AuditFinding.of(Rule.ALWAYSAUTHREJECT_OFF, "chan_sip [general]",
                    "unknown users get a different answer than wrong passwords", List.of(Evidence.of(aar))));
        }
        Setting guest = g == null ? null : g.get("allowguest").orElse(null);
        if (guest == null || YES.contains(guest.value().strip().toLowerCase(java.util.Locale.ROOT))) {
            Evidence ev = guest != null ? Evidence.of(guest)
                    : Evidence.note(gAt, "allowguest not set (chan_sip default: yes)");
            Setting ctx = g == null ? null : g.get("context").orElse(null);
            List<Evidence> evs = ctx == null ? List.of(ev,
                    Evidence.note(gAt, "context not set (default: default)")) : List.of(ev, Evidence.of(ctx));
            out.add(AuditFinding.of(Rule.ALLOWGUEST_ON, "chan_sip [general]",
                    "unauthenticated INVITEs are accepted into context '" + context + "'", evs));
        }
        Setting acp = g == null ? null : g.get("autocreatepeer").orElse(null);
        if (acp != null && (YES.contains(acp.value().strip().toLowerCase(java.util.Locale.ROOT))
                || acp.value().strip().equalsIgnoreCase("persist"))) {
            out.add(AuditFinding.of(Rule.AUTOCREATEPEER_ON, "chan_sip [general]",
                    "any device that registers becomes a peer in context '" + context + "'", List.of(Evidence.of(acp))));
        }
        int peers = (int) sip.objects().stream().filter(s -> !s.name().equalsIgnoreCase("general")).count();
        Evidence where = Evidence.note(gAt, "sip.conf configures chan_sip (" + peers + " peer/user sections)");
        if (in.asteriskMajor().isPresent() && in.asteriskMajor().getAsInt() >= 21) {
            out.add(AuditFinding.of(Rule.CHAN_SIP_REMOVED, "sip.conf",
                    "chan_sip does not exist in Asterisk " + in.asteriskMajor().getAsInt()
                            + ": these peers are not served (error)", List.of(where)));
        } else {
            String v = in.asteriskMajor().isPresent() ? "Asterisk " + in.asteriskMajor().getAsInt() : "this Asterisk (version unknown)";
            out.add(AuditFinding.of(Rule.CHAN_SIP_REMOVED, "sip.conf",
                    "chan_sip is deprecated in " + v + " and removed in 21; plan the move to pjsip",
                    List.of(where)).withSeverity(Severity.INFO));
        }
    }

    private static void pjsip(ConfFile pjsip, List<AuditFinding> out) {
        for (Section s : pjsip.objects()) {
            if (!s.value("type", "").equals("endpoint")) {
                continue;
            }
            if (s.name().equalsIgnoreCase("anonymous")) {
                String ctx = s.value("context", "default");
                out.add(AuditFinding.of(Rule.PJSIP_ANONYMOUS, "pjsip endpoint anonymous",
                        "requests that match no endpoint are accepted without authentication into context '" + ctx + "'",
                        List.of(Evidence.note(s.at(), "[anonymous] type=endpoint"))));
            }
            Setting opt = s.get("allow_unauthenticated_options").orElse(null);
            if (opt != null && YES.contains(opt.value().strip().toLowerCase(java.util.Locale.ROOT))) {
                out.add(AuditFinding.of(Rule.UNAUTH_OPTIONS, "pjsip endpoint " + s.name(),
                        "OPTIONS are answered without authentication", List.of(Evidence.of(opt))));
            }
        }
    }
}
