package io.sipwarden.sensor.ami;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipwarden.event.AuthFailure;
import io.sipwarden.event.AuthSuccess;
import io.sipwarden.event.SecurityEvent;
import io.sipwarden.event.Stack;
import io.sipwarden.event.Transport;
import io.sipwarden.net.Addresses;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SecurityEventMapperTest {
    private static final Instant RECEIVED = Instant.parse("2030-01-01T00:00:00Z");
    private final SecurityEventMapper mapper = new SecurityEventMapper("pbx1");

    private static AmiFrame event(String name, String service, String eventTv, String account, String session,
                                  String remote, String... extra) {
        String[] base = {"Event", name, "Privilege", "security,all", "EventTV", eventTv, "Severity", "Error",
            "Service", service, "EventVersion", "1", "AccountID", account, "SessionID", session,
            "LocalAddress", "IPV4/UDP/10.77.0.1/5060", "RemoteAddress", remote};
        String[] all = new String[base.length + extra.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return AmiFrame.of(all);
    }

    @Test
    void pjsipWrongPasswordFromTheRealS04Transcript() {
        SecurityEvent e = mapper.map(event("ChallengeResponseFailed", "PJSIP", "2026-11-21T19:19:53.704+0000", "1001",
                "1-31119@10.77.0.2", "IPV4/UDP/10.77.0.2/5071", "Challenge", "1795288793/758b", "Response", "d2ad",
                "ExpectedResponse", ""), RECEIVED);
        AuthFailure f = (AuthFailure) e;
        assertThat(f.reason()).isEqualTo(AuthFailure.Reason.WRONG_PASSWORD);
        assertThat(f.account()).isEqualTo("1001");
        assertThat(f.time()).isEqualTo(Instant.parse("2026-11-21T19:19:53.704Z"));
        assertThat(f.address()).isEqualTo(Addresses.parse("10.77.0.2"));
        assertThat(f.meta().source().port()).isEqualTo(5071);
        assertThat(f.meta().source().transport()).isEqualTo(Transport.UDP);
        assertThat(f.meta().stack()).isEqualTo(Stack.PJSIP);
        assertThat(f.meta().correlation()).isEqualTo("1-31119@10.77.0.2");
        assertThat(f.meta().channel()).isEqualTo("security-event");
        assertThat(f.meta().sensor().name()).isEqualTo("pbx1");
    }

    @Test
    void ipv6WithoutBracketsSplitsOnTheLastSlash() {
        SecurityEvent e = mapper.map(event("InvalidAccountID", "PJSIP", "2026-11-21T19:20:55.665+0000", "1000",
                "1-1105@fd77::2", "IPV6/UDP/fd77::2/5071"), RECEIVED);
        assertThat(e.address()).isEqualTo(Addresses.parse("fd77::2"));
        assertThat(e.meta().source().port()).isEqualTo(5071);
    }

    @Test
    void transportSegmentMayBeAbsent() {
        SecurityEvent e = mapper.map(event("InvalidPassword", "SIP", "2026-11-21T19:21:25.954+0000", "2001",
                "0x7f4ec8031a30", "IPV4/10.77.0.2/5060"), RECEIVED);
        assertThat(e.address()).isEqualTo(Addresses.parse("10.77.0.2"));
        assertThat(e.meta().source().transport()).isEqualTo(Transport.UNKNOWN);
        assertThat(e.meta().stack()).isEqualTo(Stack.CHAN_SIP);
        assertThat(e.meta().correlation()).isEmpty(); // chan_sip SessionID is a pointer, shared by nothing
    }

    @Test
    void oldSecondsMicrosEventTvAndOffsets() {
        assertThat(mapper.map(event("InvalidAccountID", "SIP", "1400000000-123456", "x", "p", "IPV4/UDP/1.2.3.4/5060"),
                RECEIVED).time()).isEqualTo(Instant.ofEpochSecond(1_400_000_000L, 123_456_000));
        assertThat(mapper.map(event("InvalidAccountID", "SIP", "2024-05-01T10:22:21.751+0200", "x", "p",
                "IPV4/UDP/1.2.3.4/5060"), RECEIVED).time()).isEqualTo(Instant.parse("2024-05-01T08:22:21.751Z"));
    }

    @Test
    void unusableEventTvFallsBackToArrivalTime() {
        SecurityEvent e = mapper.map(event("InvalidAccountID", "SIP", "yesterday", "x", "p", "IPV4/UDP/1.2.3.4/5060"),
                RECEIVED);
        assertThat(e.time()).isEqualTo(RECEIVED);
        assertThat(mapper.lastOutcome()).isEqualTo(SecurityEventMapper.Outcome.BAD_TIME);
    }

    @Test
    void withoutEventTvTheTimestampHeaderOfTimestampeventsIsUsed() {
        AmiFrame f = AmiFrame.of("Event", "InvalidAccountID", "Privilege", "security,all", "Timestamp", "1795288840.565842",
                "Service", "PJSIP", "AccountID", "x", "SessionID", "1", "RemoteAddress", "IPV4/UDP/198.51.100.4/5060");
        assertThat(mapper.map(f, RECEIVED).time()).isEqualTo(Instant.ofEpochSecond(1_795_288_840L, 565_842_000));
    }

    @Test
    void hostileCallIdWithFakeRemoteAddressIsOnlyData() {
        String hostile = "x\" RemoteAddress=\"IPV4/UDP/10.77.0.1/5060\" 1-2@10.77.0.1";
        SecurityEvent e = mapper.map(event("InvalidAccountID", "PJSIP", "2026-11-21T19:20:18.719+0000",
                "RemoteAddress: IPV4/UDP/127.0.0.1/1", hostile, "IPV4/UDP/203.0.113.9/5073"), RECEIVED);
        assertThat(e.address()).isEqualTo(Addresses.parse("203.0.113.9"));
        assertThat(e.meta().correlation()).isEqualTo(hostile);
        assertThat(((AuthFailure) e).account()).isEqualTo("RemoteAddress: IPV4/UDP/127.0.0.1/1");
    }

    @Test
    void challengeSentIsNeverAFailure() {
        assertThat(mapper.map(event("ChallengeSent", "PJSIP", "2026-11-21T19:19:08.910+0000", "<unknown>", "1",
                "IPV4/UDP/10.77.0.2/5060", "Challenge", ""), RECEIVED)).isNull();
        assertThat(mapper.lastOutcome()).isEqualTo(SecurityEventMapper.Outcome.IGNORED);
    }

    @Test
    void successfulAuthCarriesTheAccount() {
        AuthSuccess s = (AuthSuccess) mapper.map(event("SuccessfulAuth", "PJSIP", "2026-11-21T19:20:34.096+0000",
                "alice", "1-453@10.77.0.3", "IPV4/UDP/10.77.0.3/5061", "UsingPassword", "1"), RECEIVED);
        assertThat(s.account()).isEqualTo("alice");
        assertThat(s.usingPassword()).isTrue();
    }

    @Test
    void amiLoginFailuresAreManagerEvents() {
        AuthFailure f = (AuthFailure) mapper.map(event("InvalidPassword", "AMI", "2026-11-21T19:21:38.186+0000",
                "idsmon", "0x7f4ed0051e10", "IPV4/TCP/10.77.0.2/57560"), RECEIVED);
        assertThat(f.meta().stack()).isEqualTo(Stack.MANAGER);
        assertThat(f.meta().source().transport()).isEqualTo(Transport.TCP);
    }

    @Test
    void everySecurityEventOfTheFrameworkIsMapped() {
        String[] all = {"FailedACL", "InvalidAccountID", "SessionLimit", "MemoryLimit", "LoadAverageLimit",
            "RequestNotSupported", "RequestNotAllowed", "AuthMethodNotAllowed", "RequestBadFormat", "SuccessfulAuth",
            "UnexpectedAddress", "ChallengeResponseFailed", "InvalidPassword", "InvalidTransport"};
        for (String name : all) {
            assertThat(mapper.map(event(name, "PJSIP", "2026-11-21T19:19:08.910+0000", "a", "s",
                    "IPV4/UDP/198.51.100.7/5060"), RECEIVED)).as(name).isNotNull();
        }
    }

    @Test
    void badAddressesAndUnknownServicesAreSkippedNotThrown() {
        for (String bad : new String[] {"", "garbage", "IPV4/UDP/evil.example/5060", "IPV4/UDP/1.2.3.4/99999",
            "IPV4/UDP/1.2.3.4/", "/1.2.3.4/5060", "HOST/UDP/1.2.3.4/5060"}) {
            assertThat(mapper.map(event("InvalidAccountID", "PJSIP", "2026-11-21T19:19:08.910+0000", "a", "s", bad),
                    RECEIVED)).as(bad).isNull();
            assertThat(mapper.lastOutcome()).isEqualTo(SecurityEventMapper.Outcome.BAD_ADDRESS);
        }
        assertThat(mapper.map(event("InvalidAccountID", "IAX2", "2026-11-21T19:19:08.910+0000", "a", "s",
                "IPV4/UDP/1.2.3.4/4569"), RECEIVED)).isNull();
        assertThat(mapper.lastOutcome()).isEqualTo(SecurityEventMapper.Outcome.UNKNOWN_SERVICE);
    }

    @Test
    void nonSecurityEventsAreNotMapped() {
        assertThat(mapper.map(AmiFrame.of("Event", "FullyBooted", "Privilege", "system,all"), RECEIVED)).isNull();
        assertThat(mapper.lastOutcome()).isEqualTo(SecurityEventMapper.Outcome.NOT_SECURITY);
    }
}
