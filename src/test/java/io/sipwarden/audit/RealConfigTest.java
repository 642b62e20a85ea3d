package io.sipwarden.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipwarden.audit.check.SecretStrength;
import io.sipwarden.audit.report.JsonReport;
import io.sipwarden.audit.report.SarifReport;
import io.sipwarden.audit.report.TextReport;
import io.sipwarden.detect.Finding.Severity;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The recorded Asterisk 20 test PBX: the findings it deserves, and nothing false about its strong parts. */
class RealConfigTest {

    static AuditReport report;

    @BeforeAll
    static void audit() {
        report = new Auditor(new SecretStrength(), Fixture.CLOCK).audit(Fixture.realConfig(), OptionalInt.of(20));
    }

    private static List<String> subjects(Rule r) {
        return Fixture.of(report, r).stream().map(AuditFinding::subject).toList();
    }

    @Test
    void weakSecretsOf1001And2001AreFoundAndOnlyThey() {
        assertThat(subjects(Rule.WEAK_SECRET)).containsExactlyInAnyOrder("pjsip endpoint 1001", "chan_sip peer 2001");
        AuditFinding f1001 = Fixture.of(report, Rule.WEAK_SECRET).stream()
                .filter(f -> f.subject().endsWith("1001")).findFirst().orElseThrow();
        assertThat(f1001.message()).contains("too short (8 characters").contains("guessable");
        assertThat(f1001.evidence().getFirst().at().toString()).endsWith("pjsip.conf:68");
        assertThat(f1001.evidence().getFirst().text()).isEqualTo("password = ********");
    }

    @Test
    void chanSipGuestsLandInDefaultWhichIsADeadEnd() {
        AuditFinding guest = Fixture.of(report, Rule.ALLOWGUEST_ON).getFirst();
        assertThat(guest.message()).contains("context 'default'");
        assertThat(guest.evidence().getFirst().text()).contains("allowguest not set");
        // [default] only logs and hangs up: no dead-end finding, no path to a trunk
        assertThat(subjects(Rule.DEFAULT_NOT_DEAD_END)).isEmpty();
        assertThat(subjects(Rule.GUEST_REACHES_TRUNK)).isEmpty();
        assertThat(subjects(Rule.GUEST_REACHES_INTERNATIONAL)).isEmpty();
    }

    @Test
    void amiUserIdsmonIsRestrictedAndReadOnly() {
        // deny 0.0.0.0/0, permit 127.0.0.1 and 10.77.0.0/24, bindaddr 0.0.0.0 (IPv4 only), write empty
        assertThat(subjects(Rule.AMI_OPEN)).isEmpty();
        assertThat(subjects(Rule.AMI_WEAK_SECRET)).isEmpty();
        assertThat(subjects(Rule.AMI_POWERFUL_REMOTE)).isEmpty();
    }

    @Test
    void accountStepsAreReportedForEveryAccount() {
        assertThat(subjects(Rule.ENDPOINT_NO_ACL)).containsExactlyInAnyOrder(
                "pjsip endpoint alice", "pjsip endpoint 1001", "pjsip endpoint 1002", "chan_sip peer bob", "chan_sip peer 2001");
        assertThat(subjects(Rule.USERNAME_IS_EXTENSION)).containsExactlyInAnyOrder(
                "pjsip endpoint 1001", "pjsip endpoint 1002", "chan_sip peer 2001");
        assertThat(subjects(Rule.NO_CALL_LIMIT)).hasSize(5);
    }

    @Test
    void nothingElseIsClaimed() {
        assertThat(report.findings()).extracting(f -> f.rule().id()).doesNotContain(
                "SWA-105", "SWA-106", "SWA-201", "SWA-203", "SWA-204", "SWA-205", "SWA-301", "SWA-302", "SWA-303",
                "SWA-304", "SWA-305", "SWA-306", "SWA-307", "SWA-401", "SWA-402", "SWA-403", "SWA-404", "SWA-405",
                "SWA-501", "SWA-601", "SWA-901", "SWA-902");
        AuditFinding chanSip = Fixture.of(report, Rule.CHAN_SIP_REMOVED).getFirst();
        assertThat(chanSip.severity()).isEqualTo(Severity.INFO);
    }

    @Test
    void chanSipIsAnErrorOnAsterisk21() {
        AuditReport r21 = new Auditor(new SecretStrength(), Fixture.CLOCK).audit(Fixture.realConfig(), OptionalInt.of(21));
        assertThat(Fixture.of(r21, Rule.CHAN_SIP_REMOVED).getFirst().severity()).isEqualTo(Severity.HIGH);
    }

    @Test
    void noSecretOfTheRealConfigAppearsInAnyReport() throws Exception {
        StringWriter text = new StringWriter();
        new TextReport(true).write(report, new PrintWriter(text));
        StringWriter json = new StringWriter();
        new JsonReport().write(report, json);
        StringWriter sarif = new StringWriter();
        new SarifReport().write(report, sarif);
        for (String secret : List.of("Tr7vQ2mX9kLp4WzN8sYc", "letmein1", "Hb6nR3yU8jPq2VxC5tMz", "Gk4mW9pZ2cX7vB5nQ8rT",
                "abc123", "Mn5xK8vQ2wZr7Pt4Lc9H")) {
            assertThat(text.toString()).doesNotContain(secret);
            assertThat(json.toString()).doesNotContain(secret);
            assertThat(sarif.toString()).doesNotContain(secret);
        }
        assertThat(text.toString()).contains("password = ********").contains("secret = ********");
    }
}
