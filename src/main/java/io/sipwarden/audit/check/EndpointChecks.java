package io.sipwarden.audit.check;

import io.sipwarden.audit.AuditFinding;
import io.sipwarden.audit.Evidence;
import io.sipwarden.audit.Rule;
import io.sipwarden.audit.check.Endpoint.Tech;
import io.sipwarden.audit.conf.ConfFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Per-account checks: ACL (step 1), secret strength (step 3), call limit (step 5), user name (step 6), insecure. */
final class EndpointChecks implements Check {

    @Override
    public void run(AuditInput in, List<AuditFinding> out) {
        ConfFile aclConf = in.config().file("acl.conf");
        in.strength().prepare(plainSecrets(in.endpoints()));
        boolean pjsip6 = in.config().file("pjsip.conf").objects().stream()
                .anyMatch(t -> t.value("type", "").equals("transport") && t.value("bind", "").contains(":") 
                        && t.value("bind", "").indexOf(':') != t.value("bind", "").lastIndexOf(':'));
        var sipGeneral = in.config().file("sip.conf").first("general");
        boolean sip6 = sipGeneral != null && (sipGeneral.value("udpbindaddr", "").contains("::")
                || sipGeneral.value("bindaddr", "").contains("::"));
        List<io.sipwarden.audit.conf.Setting> pjsipGlobalAcl = new ArrayList<>();
        for (var sec : in.config().file("pjsip.conf").objects()) {
            if (sec.value("type", "").equals("acl")) {
                for (var v : sec.settings()) {
                    String k = v.key().toLowerCase(Locale.ROOT);
                    if (k.equals("permit") || k.equals("deny") || k.equals("acl")) {
                        pjsipGlobalAcl.add(v);
                    }
                }
            }
        }
        for (Endpoint e : in.endpoints()) {
            Endpoint judged = e;
            if (e.tech() == Tech.PJSIP && !pjsipGlobalAcl.isEmpty()) {
                // res_pjsip_acl's type=acl sections apply to every request, so they cover every endpoint
                List<io.sipwarden.audit.conf.Setting> acl = new ArrayList<>(pjsipGlobalAcl);
                acl.addAll(e.acl());
                judged = new Endpoint(e.tech(), e.name(), e.username(), e.secret(), e.md5(), e.realm(), e.context(),
                        e.contextAt(), acl, e.callLimit(), e.insecure(), e.trunk(), e.ipIdentified(), e.at());
            }
            check(judged, in, aclConf, e.tech() == Tech.PJSIP ? pjsip6 : sip6, out);
        }
    }

    /** The plain secrets zxcvbn will measure. */
    static List<SecretStrength.Candidate> plainSecrets(List<Endpoint> endpoints) {
        List<SecretStrength.Candidate> plain = new ArrayList<>();
        for (Endpoint e : endpoints) {
            if (e.hasCredentials() && !e.md5()) {
                plain.add(candidate(e));
            }
        }
        return plain;
    }

    private static SecretStrength.Candidate candidate(Endpoint e) {
        return new SecretStrength.Candidate(e.secret().value(), e.username(), e.name());
    }

    private static void check(Endpoint e, AuditInput in, ConfFile aclConf, boolean v6, List<AuditFinding> out) {
        if (e.open()) {
            out.add(AuditFinding.of(Rule.NO_AUTH_ENDPOINT, e.subject(),
                    "no secret and no IP identification: anyone presenting the name '" + e.name()
                            + "' is accepted into context '" + e.context() + "'",
                    List.of(Evidence.note(e.at(), "[" + e.name() + "] has no secret/auth"))));
            return;
        }
        if (!e.hasCredentials()) {
            return;
        }
        if (!e.trunk()) {
            acl(e, aclConf, v6, out);
        }
        secret(e, in, out);
        if (isNumeric(e.name()) && e.username().equals(e.name())) {
            out.add(AuditFinding.of(Rule.USERNAME_IS_EXTENSION, e.subject(),
                    "authenticates as '" + e.username() + "', its extension number",
                    List.of(Evidence.note(e.at(), "[" + e.name() + "] user name = " + e.username()))));
        }
        if (e.callLimit() == null && !e.trunk() && e.tech() != Tech.IAX2) {
            String keys = e.tech() == Tech.PJSIP ? "device_state_busy_at" : "call-limit / busylevel";
            out.add(AuditFinding.of(Rule.NO_CALL_LIMIT, e.subject(), "no " + keys + " set",
                    List.of(Evidence.note(e.at(), "[" + e.name() + "] without " + keys))));
        }
        if (e.insecure() != null && !e.trunk()) {
            String v = e.insecure().value().toLowerCase(Locale.ROOT);
            if (v.contains("invite") || v.contains("port") || v.equals("very") || v.equals("yes")) {
                out.add(AuditFinding.of(Rule.INSECURE_NON_TRUNK, e.subject(),
                        "insecure=" + e.insecure().value() + " on a peer with a dynamic host",
                        List.of(Evidence.of(e.insecure()))));
            }
        }
    }

    private static void acl(Endpoint e, ConfFile aclConf, boolean v6, List<AuditFinding> out) {
        if (e.acl().isEmpty()) {
            out.add(AuditFinding.of(Rule.ENDPOINT_NO_ACL, e.subject(),
                    "has credentials but no permit/deny/acl: reachable from any address",
                    List.of(Evidence.note(e.at(), "[" + e.name() + "] without permit/deny/acl"))));
        } else if (Acl.ineffective(e.acl(), aclConf, v6)) {
            out.add(AuditFinding.of(Rule.ENDPOINT_NO_ACL, e.subject(),
                    "its permit/deny/acl rules still allow any address (a permit= without deny= restricts nothing; IPv4 rules do not restrict IPv6)",
                    e.acl().stream().map(Evidence::of).toList()));
        }
    }

    private static void secret(Endpoint e, AuditInput in, List<AuditFinding> out) {
        List<String> reasons;
        if (e.md5()) {
            String kind = Md5Guess.crack(e.secret().value(), e.username(), e.realm(), e.name());
            reasons = kind == null ? List.of() : List.of("the md5 hash matches " + kind);
        } else {
            reasons = in.strength().weaknesses(candidate(e));
        }
        if (!reasons.isEmpty()) {
            out.add(AuditFinding.of(Rule.WEAK_SECRET, e.subject(), String.join("; ", reasons),
                    List.of(Evidence.of(e.secret()))));
        }
    }

    static boolean isNumeric(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

}
