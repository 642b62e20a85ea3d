package io.sipwarden.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipwarden.detect.Finding.Severity;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dialplan proof: paths from unauthenticated contexts to trunks, with the path as evidence. */
class ReachabilityTest {

    @TempDir
    Path base;
    private int n;

    private static final String STRONG = "Vq8#rT2mZx6!Lp4W";

    /** A chan_sip trunk (static host) and a pjsip trunk identified by IP; guests allowed per flag. */
    private AuditReport audit(boolean guests, String dialplan) {
        Fixture f = new Fixture(base.resolve("c" + n++));
        f.file("logger.conf", "[logfiles]\nsecurity => security\n");
        f.file("sip.conf", """
                [general]
                context = default
                allowguest = %s
                [provider]
                type = peer
                host = sip.provider.example
                secret = %s
                insecure = port,invite
                context = from-trunk
                """.formatted(guests ? "yes" : "no", STRONG));
        f.file("pjsip.conf", """
                [itsp]
                type = endpoint
                context = from-trunk
                [itsp-ip]
                type = identify
                endpoint = itsp
                match = 198.51.100.10
                [k7hq2x]
                type = auth
                username = k7hq2x
                password = %s
                [200]
                type = endpoint
                context = phones
                auth = k7hq2x
                device_state_busy_at = 2
                """.formatted(STRONG));
        f.file("extensions.conf", dialplan);
        return f.audit();
    }

    @Test
    void guestThroughIncludeToInternationalTrunk() {
        AuditReport r = audit(true, """
                [default]
                include => outbound
                [outbound]
                exten => _011.,1,Dial(SIP/provider/${EXTEN})
                """);
        AuditFinding trunk = Fixture.of(r, Rule.GUEST_REACHES_TRUNK).getFirst();
        assertThat(trunk.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(trunk.message()).contains("chan_sip guests").contains("SIP/provider");
        AuditFinding intl = Fixture.of(r, Rule.GUEST_REACHES_INTERNATIONAL).getFirst();
        assertThat(intl.evidence()).extracting(Evidence::text).containsExactly(
                "entry: fallback context [default]; chan_sip guests (allowguest) → [default]",
                "include => outbound",
                "[outbound] exten => _011.",
                "dial(SIP/provider/${EXTEN})");
        assertThat(intl.evidence()).extracting(e -> e.at().line()).containsExactly(1, 2, 4, 4);
    }

    @Test
    void gotoGosubMacroAndLocalAreFollowed() {
        AuditReport r = audit(true, """
                [default]
                exten => _X.,1,Goto(route,${EXTEN},1)
                [route]
                exten => _00.,1,Gosub(sub-check,s,1(${EXTEN}))
                 same => n,Dial(Local/${EXTEN}@via-local)
                [sub-check]
                exten => s,1,Return()
                [via-local]
                exten => _X.,1,Macro(dialout,${EXTEN})
                [macro-dialout]
                exten => s,1,Dial(PJSIP/${ARG1}@itsp)
                """);
        AuditFinding intl = Fixture.of(r, Rule.GUEST_REACHES_INTERNATIONAL).getFirst();
        assertThat(intl.message()).contains("PJSIP/itsp").contains("international");
        assertThat(intl.evidence()).extracting(Evidence::text).contains(
                "goto(route,${EXTEN},1)", "dial(Local/${EXTEN}@via-local)", "macro(dialout,${EXTEN})",
                "dial(PJSIP/${ARG1}@itsp)");
    }

    @Test
    void nationalOnlyRouteReachesTrunkButNotInternational() {
        // 0[2-8]: national numbers without 00 (international) and without 09xx/01x (premium)
        AuditReport r = audit(true, """
                [default]
                exten => _0[2-8]XXXXXXXX,1,Dial(SIP/provider/${EXTEN})
                """);
        assertThat(Fixture.of(r, Rule.GUEST_REACHES_TRUNK)).hasSize(1);
        assertThat(Fixture.of(r, Rule.GUEST_REACHES_INTERNATIONAL)).isEmpty();
    }

    @Test
    void strippedPrefixIsAccountedFor() {
        // 9 + national number: the trunk gets ${EXTEN:1}, which never starts with 00
        AuditReport national = audit(true, "[default]\nexten => _90[2-8].,1,Dial(SIP/provider/${EXTEN:1})\n");
        assertThat(Fixture.of(national, Rule.GUEST_REACHES_INTERNATIONAL)).isEmpty();
        AuditReport intl = audit(true, "[default]\nexten => _9.,1,Dial(SIP/provider/${EXTEN:1})\n");
        assertThat(Fixture.of(intl, Rule.GUEST_REACHES_INTERNATIONAL)).isNotEmpty();
    }

    @Test
    void deadEndGuestContextAndPhoneDialsAreNotTrunks() {
        AuditReport r = audit(true, """
                [default]
                exten => _X.,1,NoOp(guest)
                 same => n,Hangup(21)
                 same => n,Dial(SIP/provider/${EXTEN})
                exten => 200,1,Dial(PJSIP/200)
                """);
        assertThat(Fixture.of(r, Rule.GUEST_REACHES_TRUNK)).isEmpty();
    }

    @Test
    void authenticatedPhonesDialingAbroadWithoutPin() {
        String plan = """
                [default]
                [phones]
                include => outbound
                [outbound]
                exten => _00.,1,%sDial(PJSIP/${EXTEN}@itsp)
                """;
        AuditReport open = audit(false, plan.formatted(""));
        AuditFinding f = Fixture.of(open, Rule.AUTH_INTERNATIONAL_NO_PIN).getFirst();
        assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(f.subject()).isEqualTo("context phones");
        assertThat(Fixture.of(open, Rule.GUEST_REACHES_TRUNK)).isEmpty();
        AuditReport pin = audit(false, plan.formatted("Authenticate(4321)\n same => n,"));
        assertThat(Fixture.of(pin, Rule.AUTH_INTERNATIONAL_NO_PIN)).isEmpty();
    }

    @Test
    void pjsipEndpointWithoutAuthIsAnEntry() {
        Fixture f = new Fixture(base.resolve("open"));
        f.file("pjsip.conf", "[lobby]\ntype = endpoint\ncontext = lobby\n[t]\ntype=endpoint\noutbound_auth=x\n");
        f.file("extensions.conf", "[lobby]\nexten => _+X.,1,Dial(PJSIP/${EXTEN}@t)\n");
        List<AuditFinding> l = Fixture.of(f.audit(), Rule.GUEST_REACHES_INTERNATIONAL);
        assertThat(l).singleElement().satisfies(x -> assertThat(x.message()).contains("endpoint(s) without authentication"));
    }

    @Test
    @org.junit.jupiter.api.Timeout(30)
    void aStateExplodingDialplanIsBounded() {
        // every context jumps to every other with a shorter number: the state space is huge, the search is capped
        StringBuilder b = new StringBuilder("[default]\ninclude => c0\n");
        for (int i = 0; i < 200; i++) {
            b.append("[c").append(i).append("]\n");
            for (int j = 1; j <= 5; j++) {
                b.append("exten => _").append("X".repeat(j)).append(".,1,Goto(c").append((i + j) % 200)
                        .append(",${EXTEN:").append(j % 3).append("},1)\n");
                b.append("include => c").append((i * 7 + j) % 200).append("\n");
            }
        }
        b.append("[c199](+)\nexten => _00.,1,Dial(SIP/provider/${EXTEN})\n");
        AuditReport r = audit(true, b.toString());
        assertThat(Fixture.of(r, Rule.GUEST_REACHES_TRUNK)).hasSize(1);
    }

    @Test
    void loopsInTheDialplanTerminate() {
        AuditReport r = audit(true, """
                [default]
                include => a
                [a]
                include => b
                exten => _X.,1,Goto(b,${EXTEN},1)
                [b]
                include => a
                exten => _X.,1,Goto(a,${EXTEN:1},1)
                """);
        assertThat(Fixture.of(r, Rule.GUEST_REACHES_TRUNK)).isEmpty();
    }
}
