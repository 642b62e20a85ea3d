package io.sipwarden.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sipwarden.audit.report.JsonReport;
import io.sipwarden.audit.report.SarifReport;
import io.sipwarden.audit.report.TextReport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Report formats: SARIF 2.1.0 shape, JSON content, terminal safety, masked secrets. */
class ReportsTest {

    @TempDir
    Path dir;

    private AuditReport hostile() {
        return new Fixture(dir)
                .file("sip.conf", "[general]\n[evil\u001b[2J\u202e](!)\n[peer\u001b]0;pwned\u0007]\ntype=friend\nsecret=Hunter2Hunter2\n"
                        + "register => trunkuser:TopSecretReg99@sip.example/100\n")
                .file("manager.conf", "[general]\nenabled=yes\n[admin]\nsecret=amp111\nwrite=all\n")
                .audit();
    }

    @Test
    void sarifHasRulesLevelsAndLocations() throws Exception {
        AuditReport r = new Auditor(new io.sipwarden.audit.check.SecretStrength(), Fixture.CLOCK)
                .audit(Fixture.realConfig(), java.util.OptionalInt.of(20));
        StringWriter w = new StringWriter();
        new SarifReport().write(r, w);
        JsonNode root = new ObjectMapper().readTree(w.toString());
        assertThat(root.get("version").asText()).isEqualTo("2.1.0");
        JsonNode run = root.get("runs").get(0);
        JsonNode rules = run.at("/tool/driver/rules");
        assertThat(rules.size()).isEqualTo(Rule.values().length);
        Set<String> ids = new HashSet<>();
        rules.forEach(x -> ids.add(x.get("id").asText()));
        assertThat(ids).contains("SWA-102", "SWA-403");
        JsonNode results = run.get("results");
        assertThat(results.size()).isEqualTo(r.findings().size());
        JsonNode weak = null;
        for (JsonNode x : results) {
            if (x.get("ruleId").asText().equals("SWA-102") && x.at("/message/text").asText().contains("1001")) {
                weak = x;
            }
            assertThat(x.get("level").asText()).isIn("error", "warning", "note");
            assertThat(rules.get(x.get("ruleIndex").asInt()).get("id").asText()).isEqualTo(x.get("ruleId").asText());
        }
        assertThat(weak).isNotNull();
        assertThat(weak.get("level").asText()).isEqualTo("error");
        JsonNode loc = weak.at("/locations/0/physicalLocation");
        assertThat(loc.at("/artifactLocation/uri").asText()).isEqualTo("pjsip.conf");
        assertThat(loc.at("/artifactLocation/uriBaseId").asText()).isEqualTo("CONFIGDIR");
        assertThat(loc.at("/region/startLine").asInt()).isEqualTo(68);
        assertThat(run.at("/originalUriBaseIds/CONFIGDIR/uri").asText()).startsWith("file:/").endsWith("/");
    }

    @Test
    void jsonCarriesEverythingButSecrets() throws Exception {
        StringWriter w = new StringWriter();
        new JsonReport().write(hostile(), w);
        JsonNode root = new ObjectMapper().readTree(w.toString());
        assertThat(root.get("asterisk_major").asInt()).isEqualTo(20);
        assertThat(root.at("/counts/high").asInt()).isPositive();
        JsonNode first = root.get("findings").get(0);
        assertThat(first.fieldNames()).toIterable().contains("rule", "severity", "subject", "message", "evidence", "why", "fix");
        assertThat(w.toString()).doesNotContain("Hunter2Hunter2").doesNotContain("amp111").doesNotContain("TopSecretReg99");
    }

    @Test
    void textIsSafeForATerminalAndMasksSecrets() {
        StringWriter w = new StringWriter();
        new TextReport(false).write(hostile(), new PrintWriter(w));
        String out = w.toString();
        assertThat(out).doesNotContain("\u001b").doesNotContain("\u0007").doesNotContain("\u202e");
        assertThat(out).doesNotContain("Hunter2Hunter2").doesNotContain("amp111").doesNotContain("TopSecretReg99");
        assertThat(out).contains("secret = ********");
        StringWriter c = new StringWriter();
        new TextReport(true).write(hostile(), new PrintWriter(c));
        assertThat(c.toString()).contains("\u001b[1;31m");
    }

    /** chan_iax2 reads "pa:ss" as the secret of IAX2/user:pa:ss@host; only "ss" was masked, "pa" was shown. */
    @Test
    void dialStringSecretWithAColonIsMaskedWhole() {
        assertThat(io.sipwarden.audit.dialplan.Reachability.masked("dial(IAX2/user:pa:ss@host/${EXTEN},30)"))
                .isEqualTo("dial(IAX2/user:********@host/${EXTEN},30)");
        assertThat(io.sipwarden.audit.dialplan.Reachability.masked("dial(IAX2/a:x@h1&IAX2/b:y:z@h2)"))
                .isEqualTo("dial(IAX2/a:********@h1&IAX2/b:********@h2)");
    }

    @Test
    void evidenceMasksCredentialsInsideValues() {
        assertThat(Evidence.shown("register", "user:pass@host/100")).isEqualTo("user:********@host/100");
        assertThat(Evidence.shown("register", "tls://user:pass:authuser@host:5061/100")).isEqualTo("tls://user:********:authuser@host:5061/100");
        assertThat(Evidence.shown("auth", "user:pass@realm")).isEqualTo("user:********@realm");
        assertThat(Evidence.shown("password", "")).isEqualTo("(empty)");
        assertThat(Evidence.shown("context", "internal")).isEqualTo("internal");
        // iax.conf: the secret runs from the first ':' to the '@', colons included
        assertThat(Evidence.shown("register", "user:pa:ss@host", true)).isEqualTo("user:********@host");
        assertThat(Evidence.shown("register", "user:pa:ss", true)).isEqualTo("user:********");
        assertThat(Evidence.of(new io.sipwarden.audit.conf.Setting("register", "trunk:pa:ss@iax.example", true,
                new io.sipwarden.audit.conf.Location(java.nio.file.Path.of("/etc/asterisk/iax.conf"), 3))).text())
                .isEqualTo("register => trunk:********@iax.example");
    }
}
