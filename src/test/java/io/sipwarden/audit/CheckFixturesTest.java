package io.sipwarden.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipwarden.detect.Finding.Severity;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every rule: one fixture where it must fire, one near miss where it must stay silent. */
class CheckFixturesTest {

    @TempDir
    Path base;
    private int n;

    private static final String LOGGER = "[logfiles]\nsecurity => security\n";
    private static final String STRONG = "Vq8#rT2mZx6!Lp4W";

    /** Audits a config made of the given files (plus a logger.conf with security, to keep noise out). */
    private List<AuditFinding> audit(Rule rule, int major, String... nameText) {
        Map<String, String> files = new TreeMap<>();
        files.put("logger.conf", LOGGER);
        for (int i = 0; i < nameText.length; i += 2) {
            files.put(nameText[i], nameText[i + 1]);
        }
        Fixture f = new Fixture(base.resolve("c" + n++));
        files.forEach(f::file);
        return Fixture.of(f.audit(major), rule);
    }

    private List<AuditFinding> fires(Rule rule, String... nameText) {
        List<AuditFinding> l = audit(rule, 20, nameText);
        assertThat(l).as(rule.id() + " must fire").isNotEmpty();
        return l;
    }

    private void silent(Rule rule, String... nameText) {
        assertThat(audit(rule, 20, nameText)).as(rule.id() + " must stay silent").isEmpty();
    }

    private static String pjsip(String endpointExtra, String password) {
        return """
                [transport-udp]
                type = transport
                bind = 0.0.0.0:5060
                [k7hq2x]
                type = auth
                username = k7hq2x
                password = %s
                [200]
                type = endpoint
                context = internal
                auth = k7hq2x
                device_state_busy_at = 2
                deny = 0.0.0.0/0.0.0.0
                permit = 192.0.2.0/24
                %s
                """.formatted(password, endpointExtra);
    }

    @Test
    void swa101EndpointWithoutAcl() {
        fires(Rule.ENDPOINT_NO_ACL, "pjsip.conf", pjsip("", STRONG).replace("deny = 0.0.0.0/0.0.0.0\n", "").replace("permit = 192.0.2.0/24\n", ""));
        // a permit without deny restricts nothing
        fires(Rule.ENDPOINT_NO_ACL, "pjsip.conf", pjsip("", STRONG).replace("deny = 0.0.0.0/0.0.0.0\n", ""));
        silent(Rule.ENDPOINT_NO_ACL, "pjsip.conf", pjsip("", STRONG));
    }

    @Test
    void swa101PjsipGlobalAclCoversEndpoints() {
        String noAcl = pjsip("", STRONG).replace("deny = 0.0.0.0/0.0.0.0\n", "").replace("permit = 192.0.2.0/24\n", "");
        silent(Rule.ENDPOINT_NO_ACL, "pjsip.conf", noAcl + "[office]\ntype = acl\ndeny = 0.0.0.0/0.0.0.0\npermit = 192.0.2.0/24\n");
    }

    @Test
    void wizardAndIaxAccountsAreChecked() {
        String wizard = """
                [300]
                type = wizard
                accepts_auth = yes
                accepts_registrations = yes
                inbound_auth/username = 300
                inbound_auth/password = %s
                endpoint/context = internal
                endpoint/device_state_busy_at = 1
                """;
        fires(Rule.WEAK_SECRET, "pjsip_wizard.conf", wizard.formatted("300secret"));
        silent(Rule.WEAK_SECRET, "pjsip_wizard.conf", wizard.formatted(STRONG));
        AuditFinding guest = fires(Rule.NO_AUTH_ENDPOINT, "iax.conf", "[general]\n[guest]\ntype = user\ncontext = guest-in\n").getFirst();
        assertThat(guest.subject()).isEqualTo("iax2 user guest");
        silent(Rule.NO_AUTH_ENDPOINT, "iax.conf", "[general]\n[branch]\ntype = user\nsecret = " + STRONG + "\ncontext = in\n");
    }

    @Test
    void swa102WeakSecrets() {
        assertThat(fires(Rule.WEAK_SECRET, "pjsip.conf", pjsip("", "abc123")).getFirst().message()).contains("too short");
        assertThat(fires(Rule.WEAK_SECRET, "pjsip.conf", pjsip("", "abcdefghijklmnop")).getFirst().message()).contains("only lower-case");
        assertThat(fires(Rule.WEAK_SECRET, "pjsip.conf", pjsip("", "K7hq2xVq8#rT2mZx")).getFirst().message()).contains("contains the user name");
        assertThat(fires(Rule.WEAK_SECRET, "pjsip.conf", pjsip("", "Password1234!")).getFirst().message()).contains("guessable");
        silent(Rule.WEAK_SECRET, "pjsip.conf", pjsip("", STRONG));
    }

    @Test
    void swa102Md5SecretsAreJudgedLikePlainOnes() {
        // md5("2001:asterisk:abc123") and md5("2001:asterisk:" + STRONG)
        String weak = md5("2001:asterisk:abc123");
        String strong = md5("2001:asterisk:" + STRONG);
        String peer = "[general]\nallowguest=no\n[2001]\ntype=friend\nhost=dynamic\ncall-limit=2\ndeny=0.0.0.0/0\npermit=192.0.2.0/24\nmd5secret=%s\n";
        AuditFinding f = fires(Rule.WEAK_SECRET, "sip.conf", peer.formatted(weak)).getFirst();
        assertThat(f.message()).contains("md5 hash matches a common password");
        assertThat(f.evidence().getFirst().text()).isEqualTo("md5secret = ********");
        silent(Rule.WEAK_SECRET, "sip.conf", peer.formatted(strong));
    }

    @Test
    void swa103UserNameIsExtension() {
        fires(Rule.USERNAME_IS_EXTENSION, "pjsip.conf", pjsip("", STRONG).replace("username = k7hq2x", "username = 200"));
        silent(Rule.USERNAME_IS_EXTENSION, "pjsip.conf", pjsip("", STRONG));
    }

    @Test
    void swa104NoCallLimit() {
        fires(Rule.NO_CALL_LIMIT, "pjsip.conf", pjsip("", STRONG).replace("device_state_busy_at = 2\n", ""));
        fires(Rule.NO_CALL_LIMIT, "pjsip.conf", pjsip("", STRONG).replace("device_state_busy_at = 2", "device_state_busy_at = 0"));
        silent(Rule.NO_CALL_LIMIT, "pjsip.conf", pjsip("", STRONG));
    }

    private static final String SIP_PEER = """
            [general]
            allowguest = no
            [%s]
            type = friend
            host = %s
            secret = %s
            call-limit = 2
            deny = 0.0.0.0/0.0.0.0
            permit = 192.0.2.0/24
            insecure = %s
            """;

    @Test
    void swa105InsecureOnNonTrunk() {
        fires(Rule.INSECURE_NON_TRUNK, "sip.conf", SIP_PEER.formatted("phone", "dynamic", STRONG, "invite"));
        silent(Rule.INSECURE_NON_TRUNK, "sip.conf", SIP_PEER.formatted("provider", "203.0.113.5", STRONG, "port,invite"));
    }

    @Test
    void swa106EndpointWithoutAuthentication() {
        fires(Rule.NO_AUTH_ENDPOINT, "sip.conf", "[general]\nallowguest=no\n[lobby]\ntype=friend\nhost=dynamic\ncontext=lobby\n");
        silent(Rule.NO_AUTH_ENDPOINT, "sip.conf", "[general]\nallowguest=no\n[provider]\ntype=peer\nhost=203.0.113.5\ncontext=from-trunk\n");
    }

    @Test
    void swa201To203ChanSipGeneral() {
        fires(Rule.ALWAYSAUTHREJECT_OFF, "sip.conf", "[general]\nalwaysauthreject = no\n");
        silent(Rule.ALWAYSAUTHREJECT_OFF, "sip.conf", "[general]\nalwaysauthreject = yes\n");
        fires(Rule.ALLOWGUEST_ON, "sip.conf", "[general]\ncontext = default\n");
        silent(Rule.ALLOWGUEST_ON, "sip.conf", "[general]\nallowguest = no\n");
        silent(Rule.ALLOWGUEST_ON, "sip.conf", "[general]\n", "modules.conf", "[modules]\nautoload=yes\nnoload => chan_sip.so\n");
        fires(Rule.AUTOCREATEPEER_ON, "sip.conf", "[general]\nautocreatepeer = yes\n");
        silent(Rule.AUTOCREATEPEER_ON, "sip.conf", "[general]\nautocreatepeer = no\n");
    }

    @Test
    void swa204And205Pjsip() {
        fires(Rule.PJSIP_ANONYMOUS, "pjsip.conf", "[anonymous]\ntype = endpoint\ncontext = from-outside\n");
        silent(Rule.PJSIP_ANONYMOUS, "pjsip.conf", "[anonymous-tpl](!)\ntype = endpoint\n[anon]\ntype = endpoint\ncontext = x\n");
        fires(Rule.UNAUTH_OPTIONS, "pjsip.conf", pjsip("allow_unauthenticated_options = yes", STRONG));
        silent(Rule.UNAUTH_OPTIONS, "pjsip.conf", pjsip("allow_unauthenticated_options = no", STRONG));
    }

    @Test
    void swa206ChanSipOnAsterisk21IsAnError() {
        List<AuditFinding> on21 = audit(Rule.CHAN_SIP_REMOVED, 21, "sip.conf", "[general]\nallowguest=no\n");
        assertThat(on21).singleElement().extracting(AuditFinding::severity).isEqualTo(Severity.HIGH);
        List<AuditFinding> on20 = audit(Rule.CHAN_SIP_REMOVED, 20, "sip.conf", "[general]\nallowguest=no\n");
        assertThat(on20).singleElement().extracting(AuditFinding::severity).isEqualTo(Severity.INFO);
        assertThat(audit(Rule.CHAN_SIP_REMOVED, 21, "pjsip.conf", pjsip("", STRONG))).isEmpty();
    }

    private static final String AMI = """
            [general]
            enabled = yes
            bindaddr = %s
            [admin]
            secret = %s
            %s
            write = %s
            """;

    @Test
    void swa301AmiOpen() {
        fires(Rule.AMI_OPEN, "manager.conf", AMI.formatted("0.0.0.0", STRONG, "", "system"));
        // IPv4-only rules on the default [::] listener: IPv6 sources are not restricted
        AuditFinding v6 = fires(Rule.AMI_OPEN, "manager.conf", """
                [general]
                enabled = yes
                [admin]
                secret = %s
                deny = 0.0.0.0/0.0.0.0
                permit = 127.0.0.1/255.255.255.255
                """.formatted(STRONG)).getFirst();
        assertThat(v6.evidence()).anySatisfy(e -> assertThat(e.text()).contains("IPv6"));
        silent(Rule.AMI_OPEN, "manager.conf", AMI.formatted("0.0.0.0", STRONG, "deny=0.0.0.0/0.0.0.0\npermit=10.0.0.5", "system"));
        silent(Rule.AMI_OPEN, "manager.conf", AMI.formatted("127.0.0.1", STRONG, "", "system"));
        silent(Rule.AMI_OPEN, "manager.conf", AMI.formatted("0.0.0.0", STRONG, "", "system").replace("enabled = yes", "enabled = no"));
    }

    @Test
    void swa302AmiWeakSecret() {
        fires(Rule.AMI_WEAK_SECRET, "manager.conf", AMI.formatted("127.0.0.1", "amp111", "", ""));
        silent(Rule.AMI_WEAK_SECRET, "manager.conf", AMI.formatted("127.0.0.1", STRONG, "", ""));
    }

    @Test
    void swa303PowerfulAmiUser() {
        AuditFinding lan = fires(Rule.AMI_POWERFUL_REMOTE, "manager.conf",
                AMI.formatted("0.0.0.0", STRONG, "deny=0.0.0.0/0.0.0.0\npermit=10.0.0.0/255.0.0.0", "call,originate")).getFirst();
        assertThat(lan.severity()).isEqualTo(Severity.HIGH);
        AuditFinding world = fires(Rule.AMI_POWERFUL_REMOTE, "manager.conf", AMI.formatted("0.0.0.0", STRONG, "", "all")).getFirst();
        assertThat(world.severity()).isEqualTo(Severity.CRITICAL);
        silent(Rule.AMI_POWERFUL_REMOTE, "manager.conf", AMI.formatted("127.0.0.1", STRONG, "", "all"));
        silent(Rule.AMI_POWERFUL_REMOTE, "manager.conf",
                AMI.formatted("0.0.0.0", STRONG, "deny=0.0.0.0/0.0.0.0\npermit=127.0.0.1", "originate"));
        silent(Rule.AMI_POWERFUL_REMOTE, "manager.conf", AMI.formatted("0.0.0.0", STRONG, "", "call,reporting"));
    }

    private static final String HTTP = "[general]\nenabled = yes\nbindaddr = %s\n";

    @Test
    void swa304And305HttpWithoutTls() {
        String web = AMI.formatted("127.0.0.1", STRONG, "", "").replace("bindaddr", "webenabled = yes\nbindaddr");
        fires(Rule.AMI_WEB_PLAIN, "manager.conf", web, "http.conf", HTTP.formatted("0.0.0.0"));
        silent(Rule.AMI_WEB_PLAIN, "manager.conf", web, "http.conf", HTTP.formatted("127.0.0.1"));
        fires(Rule.HTTP_PLAIN, "http.conf", HTTP.formatted("0.0.0.0"));
        silent(Rule.HTTP_PLAIN, "http.conf", HTTP.formatted("0.0.0.0").replace("enabled = yes", "enabled = no"));
    }

    private static final String ARI = "[general]\nenabled = %s\n[app]\ntype = user\npassword = %s\n";

    @Test
    void swa306And307Ari() {
        fires(Rule.ARI_PLAIN, "ari.conf", ARI.formatted("yes", STRONG), "http.conf", HTTP.formatted("0.0.0.0"));
        silent(Rule.ARI_PLAIN, "ari.conf", ARI.formatted("no", STRONG), "http.conf", HTTP.formatted("0.0.0.0"));
        fires(Rule.ARI_WEAK_PASSWORD, "ari.conf", ARI.formatted("yes", "asterisk"));
        silent(Rule.ARI_WEAK_PASSWORD, "ari.conf", ARI.formatted("yes", STRONG));
    }

    @Test
    void swa401DefaultNotADeadEnd() {
        fires(Rule.DEFAULT_NOT_DEAD_END, "extensions.conf", "[default]\nexten => _X.,1,Dial(PJSIP/${EXTEN})\n");
        fires(Rule.DEFAULT_NOT_DEAD_END, "extensions.conf", "[default]\ninclude => internal\n[internal]\n");
        silent(Rule.DEFAULT_NOT_DEAD_END, "extensions.conf", "[default]\nexten => _X.,1,NoOp(guest)\n same => n,Hangup(21)\n");
        silent(Rule.DEFAULT_NOT_DEAD_END, "extensions.conf", "[default]\n");
    }

    @Test
    void swa402DemoInclude() {
        fires(Rule.DEMO_INCLUDE, "extensions.conf", "[default]\ninclude => demo\n[demo]\nexten => 1000,1,Echo()\n");
        silent(Rule.DEMO_INCLUDE, "extensions.conf", "[default]\ninclude => demos-disabled\n");
    }

    @Test
    void swa501UnusedProtocolModule() {
        fires(Rule.UNUSED_PROTOCOL_MODULE, "modules.conf", "[modules]\nautoload = yes\n", "iax.conf", "[general]\nbindport = 4569\n");
        silent(Rule.UNUSED_PROTOCOL_MODULE, "modules.conf", "[modules]\nautoload = yes\nnoload => chan_iax2.so\n",
                "iax.conf", "[general]\nbindport = 4569\n");
        silent(Rule.UNUSED_PROTOCOL_MODULE, "modules.conf", "[modules]\nautoload = yes\n");
    }

    @Test
    void swa601NoSecurityLog() {
        assertThat(audit(Rule.NO_SECURITY_LOG, 20, "logger.conf", "[logfiles]\nmessages => notice,warning,error\n")).isNotEmpty();
        assertThat(audit(Rule.NO_SECURITY_LOG, 20, "logger.conf", "[logfiles]\nmessages => notice,warning,error,security\n")).isEmpty();
    }

    @Test
    void swa901ExecAndSwa902UnreadableInclude() {
        fires(Rule.CONFIG_EXEC, "sip.conf", "[general]\nallowguest=no\n#exec /usr/local/bin/peers.sh\n");
        silent(Rule.CONFIG_EXEC, "sip.conf", "[general]\nallowguest=no\n;#exec /usr/local/bin/peers.sh\n");
        AuditFinding f = fires(Rule.CONFIG_UNREADABLE, "sip.conf", "[general]\nallowguest=no\n#include sip_custom.conf\n").getFirst();
        assertThat(f.message()).contains("sip_custom.conf");
        assertThat(f.evidence().getFirst().at().line()).isEqualTo(3);
        silent(Rule.CONFIG_UNREADABLE, "sip.conf", "[general]\nallowguest=no\n#tryinclude sip_custom.conf\n");
    }

    static String md5(String s) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5")
                    .digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
