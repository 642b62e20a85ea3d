package io.sipwarden.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipwarden.bench.FreePbxConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark's generated FreePBX-style config (small here) yields exactly what was planted. */
class GeneratedConfigTest {

    @TempDir
    Path dir;

    @Test
    void plantedWeakSecretsAndTheAnonymousPathAreFound() throws Exception {
        FreePbxConfig.Size size = FreePbxConfig.write(dir, 300, 400, 50, 7);
        AuditReport r = new Fixture(dir).audit();
        assertThat(Fixture.of(r, Rule.WEAK_SECRET)).hasSize(size.weak());
        assertThat(Fixture.of(r, Rule.PJSIP_ANONYMOUS)).hasSize(1);
        AuditFinding intl = Fixture.of(r, Rule.GUEST_REACHES_INTERNATIONAL).getFirst();
        assertThat(intl.subject()).isEqualTo("context from-sip-external");
        assertThat(intl.evidence()).extracting(Evidence::text)
                .contains("include => from-sip-external-custom", "goto(outrt-1,${EXTEN},1)");
        assertThat(Fixture.of(r, Rule.AUTH_INTERNATIONAL_NO_PIN)).singleElement()
                .satisfies(f -> assertThat(f.subject()).isEqualTo("context from-internal"));
        assertThat(Fixture.of(r, Rule.AMI_POWERFUL_REMOTE)).isEmpty();
        assertThat(Fixture.of(r, Rule.CONFIG_UNREADABLE)).isEmpty();
        assertThat(Fixture.of(r, Rule.NO_CALL_LIMIT)).hasSize(200);
        java.io.StringWriter w = new java.io.StringWriter();
        new io.sipwarden.audit.report.TextReport(false).write(r, new java.io.PrintWriter(w));
        assertThat(w.toString()).contains("… 180 more SWA-104 finding(s)");
        assertThat(w.toString().lines().filter(l -> l.startsWith("LOW      SWA-104")).count()).isEqualTo(20);
    }
}
