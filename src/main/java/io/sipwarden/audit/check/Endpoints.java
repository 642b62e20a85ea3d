package io.sipwarden.audit.check;

import io.sipwarden.audit.check.Endpoint.Tech;
import io.sipwarden.audit.conf.AsteriskConfig;
import io.sipwarden.audit.conf.ConfFile;
import io.sipwarden.audit.conf.Section;
import io.sipwarden.audit.conf.Setting;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Builds the {@link Endpoint} list from sip.conf, pjsip.conf, pjsip_wizard.conf and iax.conf. */
public final class Endpoints {
    private Endpoints() {
    }

    public static List<Endpoint> of(AsteriskConfig cfg) {
        List<Endpoint> out = new ArrayList<>();
        chanSip(cfg.file("sip.conf"), out);
        pjsip(cfg.file("pjsip.conf"), out);
        wizard(cfg.file("pjsip_wizard.conf"), out);
        iax(cfg.file("iax.conf"), out);
        return out;
    }

    private static void chanSip(ConfFile f, List<Endpoint> out) {
        Section general = f.first("general");
        String defaultContext = general == null ? "default" : general.value("context", "default");
        Set<String> registered = registeredHosts(general);
        for (Section s : f.objects()) {
            String n = s.name().toLowerCase(Locale.ROOT);
            if (n.equals("general") || n.equals("authentication")) {
                continue;
            }
            String type = s.value("type", "friend");
            if (!type.equals("friend") && !type.equals("peer") && !type.equals("user")) {
                continue;
            }
            Setting secret = s.get("secret").filter(v -> !v.value().isBlank()).orElse(null);
            boolean md5 = false;
            if (secret == null) {
                secret = s.get("md5secret").filter(v -> !v.value().isBlank()).orElse(null);
                md5 = secret != null;
            }
            String host = s.value("host", "dynamic");
            boolean staticHost = !host.equals("dynamic") && !host.isBlank();
            String user = s.get("defaultuser").or(() -> s.get("username")).map(Setting::value)
                    .filter(v -> !v.isBlank()).orElse(s.name());
            Setting ctx = s.get("context").orElse(null);
            Setting limit = positive(s, "call-limit", "busylevel");
            boolean trunk = staticHost || registered.contains(s.name().toLowerCase(Locale.ROOT));
            out.add(new Endpoint(Tech.SIP, s.name(), user, secret, md5, s.value("realm", "asterisk"),
                    ctx == null ? defaultContext : ctx.value(), ctx == null ? s.at() : ctx.at(),
                    acl(s, "permit", "deny", "acl"), limit, s.get("insecure").orElse(null),
                    trunk, staticHost && secret == null, s.at()));
        }
    }

    private static Set<String> registeredHosts(Section general) {
        Set<String> names = new HashSet<>();
        if (general == null) {
            return names;
        }
        for (Setting r : general.all("register")) {
            String v = r.value();
            int at = v.lastIndexOf('@');
            String host = at >= 0 ? v.substring(at + 1) : v;
            int end = host.length();
            for (char c : new char[] {':', '/', '~'}) {
                int i = host.indexOf(c);
                if (i >= 0 && i < end) {
                    end = i;
                }
            }
            names.add(host.substring(0, end).toLowerCase(Locale.ROOT));
        }
        return names;
    }

    private static void pjsip(ConfFile f, List<Endpoint> out) {
        Map<String, Section> auths = new HashMap<>();
        Map<String, List<Section>> aors = new HashMap<>();
        Set<String> identified = new HashSet<>();
        Set<String> registering = new HashSet<>();
        String defaultRealm = "asterisk";
        for (Section s : f.objects()) {
            switch (s.value("type", "")) {
                case "auth" -> auths.putIfAbsent(s.name(), s);
                case "aor" -> aors.computeIfAbsent(s.name(), k -> new ArrayList<>()).add(s);
                case "identify" -> s.get("endpoint").ifPresent(e -> identified.add(e.value()));
                case "registration" -> s.get("endpoint").ifPresent(e -> registering.add(e.value()));
                case "global" -> defaultRealm = s.value("default_realm", defaultRealm);
                default -> { }
            }
        }
        for (Section s : f.objects()) {
            if (!s.value("type", "").equals("endpoint")) {
                continue;
            }
            Setting secret = null;
            boolean md5 = false;
            String user = s.name();
            String realm = defaultRealm;
            for (String a : s.get("auth").map(Setting::value).orElse("").split(",")) {
                Section auth = auths.get(a.strip());
                if (auth == null || secret != null) {
                    continue;
                }
                user = auth.get("username").map(Setting::value).filter(v -> !v.isBlank()).orElse(auth.name());
                realm = auth.value("realm", defaultRealm);
                String authType = auth.value("auth_type", "userpass");
                if (authType.equals("md5")) {
                    secret = auth.get("md5_cred").orElse(null);
                    md5 = secret != null;
                } else {
                    secret = auth.get("password").orElse(null);
                }
                if (secret == null) {
                    secret = auth.get("md5_cred").orElse(null);
                    md5 = secret != null;
                }
            }
            boolean staticContact = false;
            for (String a : s.get("aors").map(Setting::value).orElse("").split(",")) {
                for (Section aor : aors.getOrDefault(a.strip(), List.of())) {
                    staticContact |= aor.has("contact");
                }
            }
            boolean byIp = identified.contains(s.name());
            boolean trunk = byIp || s.has("outbound_auth") || registering.contains(s.name()) || staticContact;
            Setting ctx = s.get("context").orElse(null);
            out.add(new Endpoint(Tech.PJSIP, s.name(), user, secret, md5, realm,
                    ctx == null ? "default" : ctx.value(), ctx == null ? s.at() : ctx.at(),
                    acl(s, "permit", "deny", "acl"), positive(s, "device_state_busy_at"), null,
                    trunk, byIp, s.at()));
        }
    }

    private static void wizard(ConfFile f, List<Endpoint> out) {
        for (Section s : f.objects()) {
            if (!s.value("type", "").equals("wizard")) {
                continue;
            }
            boolean accepts = s.value("accepts_auth", "no").equals("yes");
            Setting secret = accepts ? s.get("inbound_auth/password").orElse(null) : null;
            boolean md5 = false;
            if (accepts && secret == null) {
                secret = s.get("inbound_auth/md5_cred").orElse(null);
                md5 = secret != null;
            }
            String user = s.get("inbound_auth/username").map(Setting::value).orElse(s.name());
            boolean remote = s.has("remote_hosts");
            boolean trunk = remote || s.value("sends_registrations", "no").equals("yes")
                    || s.value("sends_auth", "no").equals("yes");
            Setting ctx = s.get("endpoint/context").orElse(null);
            out.add(new Endpoint(Tech.PJSIP, s.name(), user, secret, md5, "asterisk",
                    ctx == null ? "default" : ctx.value(), ctx == null ? s.at() : ctx.at(),
                    acl(s, "endpoint/permit", "endpoint/deny", "endpoint/acl"),
                    positive(s, "endpoint/device_state_busy_at"), null, trunk, remote && !accepts, s.at()));
        }
    }

    private static void iax(ConfFile f, List<Endpoint> out) {
        for (Section s : f.objects()) {
            String n = s.name().toLowerCase(Locale.ROOT);
            String type = s.value("type", "");
            if (n.equals("general") || !(type.equals("user") || type.equals("friend"))) {
                continue;
            }
            Setting secret = s.get("secret").filter(v -> !v.value().isBlank()).orElse(null);
            boolean rsa = s.value("auth", "").contains("rsa") && s.has("inkeys");
            String host = s.value("host", "dynamic");
            boolean staticHost = !host.equals("dynamic") && !host.isBlank();
            Setting ctx = s.get("context").orElse(null);
            out.add(new Endpoint(Tech.IAX2, s.name(), s.get("username").map(Setting::value).orElse(s.name()),
                    secret, false, "",
                    ctx == null ? "default" : ctx.value(), ctx == null ? s.at() : ctx.at(),
                    acl(s, "permit", "deny", "acl"), positive(s, "maxcallnumbers"), null,
                    staticHost || s.value("trunk", "no").equals("yes"), (staticHost && secret == null) || rsa, s.at()));
        }
    }

    private static List<Setting> acl(Section s, String... keys) {
        List<Setting> out = new ArrayList<>();
        for (Setting v : s.settings()) {
            for (String k : keys) {
                if (v.key().equalsIgnoreCase(k) && !v.value().isBlank()) {
                    out.add(v);
                }
            }
        }
        return out;
    }

    private static Setting positive(Section s, String... keys) {
        for (String k : keys) {
            Setting v = s.get(k).orElse(null);
            if (v != null) {
                try {
                    if (Integer.parseInt(v.value().strip()) > 0) {
                        return v;
                    }
                } catch (NumberFormatException e) {
                    // not a number: Asterisk ignores it too, so no limit
                }
            }
        }
        return null;
    }
}
