package io.sipwarden.sensor.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The byte-level shortcut must give exactly the full parser's answer whenever it answers: the
 * same result and the same parser time afterwards. Checked line by line over the real captures,
 * hand-made edge cases and seeded mutations (bytes changed, inserted, cut; invalid UTF-8).
 */
class ByteShortcutTest {
    private static final InstantSource CLOCK = InstantSource.fixed(Instant.parse("2026-11-22T00:00:00Z"));
    private static final LogFormat UTC = new LogFormat(LogDateFormat.compile(LogDateFormat.DEFAULT), ZoneOffset.UTC);
    private static final String CS = "[Nov 21 19:19:53] SECURITY[30751] res_security_log.c: SecurityEvent=\"ChallengeSent\","
            + "EventTV=\"2026-11-21T19:19:53.004+0000\",Severity=\"Informational\",Service=\"PJSIP\",EventVersion=\"1\","
            + "AccountID=\"1005\",SessionID=\"abc\",LocalAddress=\"IPV4/UDP/203.0.113.1/5060\","
            + "RemoteAddress=\"IPV4/UDP/198.51.100.7/5074\",Challenge=\"\"";
    private static final String VB = "[Nov 21 19:19:53] VERBOSE[30760][C-0000001a] pbx.c: Executing [s@guest:1] Hangup(\"PJSIP/x\", \"\") in new stack";
    private static final String NOTICE = "[Nov 21 19:19:53] NOTICE[30754] res_pjsip/pjsip_distributor.c: Request 'REGISTER' from "
            + "'<sip:398573@203.0.113.1>' failed for '198.51.100.15:5064' (callid: a8ab) - No matching endpoint found";

    /** Feeds the lines to two parsers, one through the shortcut; returns how often it answered. */
    private static int compare(List<byte[]> lines) {
        return compare(lines, UTC, CLOCK)[0];
    }

    /**
     * Feeds the lines to two parsers, one through the shortcut (and the full parser where it
     * does not answer), and requires the same result and parser time after every line.
     * Returns how often the shortcut answered and how often it answered with events.
     */
    private static int[] compare(List<byte[]> lines, LogFormat format, InstantSource clock) {
        LogLineParser full = new LogLineParser("messages", format, clock);
        LogLineParser quick = new LogLineParser("messages", format, clock);
        int answered = 0;
        int parsed = 0;
        for (byte[] raw : lines) {
            int len = raw.length;
            if (len > 0 && raw[len - 1] == '\r') {
                len--; // LineSplitter strips one CR before either path
            }
            String text = new String(raw, 0, len, StandardCharsets.UTF_8);
            LineResult expected = full.parse(text);
            // offset the line inside a larger buffer, as LineSplitter hands it over
            byte[] buf = new byte[len + 20];
            Arrays.fill(buf, (byte) ']');
            System.arraycopy(raw, 0, buf, 7, len);
            LineResult got = quick.quick(buf, 7, len);
            if (got != null) {
                answered++;
                parsed += got instanceof LineResult.Parsed ? 1 : 0;
                assertThat(got).as("line %s", text).isEqualTo(expected);
            } else {
                got = quick.parse(text);
                assertThat(got).as("line %s", text).isEqualTo(expected);
            }
            assertThat(quick.lastTime()).as("time after %s", text).isEqualTo(full.lastTime());
        }
        return new int[] {answered, parsed};
    }

    private static List<byte[]> bytes(Stream<String> lines) {
        return new ArrayList<>(lines.map(l -> l.getBytes(StandardCharsets.UTF_8)).toList());
    }

    @Test
    void realCapturesGiveTheSameResults() throws IOException {
        Path dir = Path.of(System.getProperty("sipwarden.shared", "../shared"), "data/asterisk-20/captures");
        List<byte[]> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".log")).sorted().toList()) {
                for (String l : Files.readAllLines(f, StandardCharsets.ISO_8859_1)) {
                    lines.add(l.getBytes(StandardCharsets.ISO_8859_1));
                }
            }
        }
        assertThat(lines).hasSizeGreaterThan(1000);
        int[] used = compare(lines, UTC, CLOCK);
        assertThat(used[0]).as("the shortcut is used on real logs").isGreaterThan(100);
        assertThat(used[1]).as("security and NOTICE lines are parsed from their bytes").isGreaterThan(100);
    }

    @Test
    void annotatedSamplesGiveTheSameResults() throws IOException {
        int parsed = 0;
        for (Path f : SampleLogTest.files()) {
            String text = new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
            var options = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
            List<byte[]> lines = new ArrayList<>();
            for (String l : text.split("\n", -1)) {
                if (l.startsWith("#! ")) {
                    options = (com.fasterxml.jackson.databind.node.ObjectNode)
                            new com.fasterxml.jackson.databind.ObjectMapper().readTree(l.substring(3));
                } else if (!l.startsWith("#")) {
                    lines.add(l.getBytes(StandardCharsets.UTF_8));
                    lines.add(l.getBytes(StandardCharsets.UTF_8)); // the second time the date is cached
                }
            }
            LogFormat format = LogFormat.of(options.path("dateformat").asText(LogDateFormat.DEFAULT),
                    java.time.ZoneId.of(options.path("timezone").asText("UTC")));
            InstantSource clock = InstantSource.fixed(Instant.parse(options.path("now").asText("2026-11-22T00:00:00Z")));
            parsed += compare(lines, format, clock)[1];
        }
        assertThat(parsed).as("sample lines parsed from their bytes").isGreaterThan(40);
    }

    @Test
    void edgeCasesFallBackOrAgree() {
        List<String> lines = List.of(
                CS, VB, CS, VB, NOTICE, CS,
                CS.replace("SECURITY[30751]", "SECURITY[30751][C-00000001]"),
                VB + "   ", VB + "\r", VB.replace("pbx.c: ", "pbx.c:"), "[Nov 21 19:19:53] VERBOSE[1] pbx.c: ",
                "[Nov 21 19:19:53] VERBOSE[1] pbx.c:  ",
                "[Nov 21 19:19:53] VERBOSE[1] res_security_log.c: SecurityEvent=\"InvalidAccountID\",EventTV=\"x\"",
                "[Nov 21 19:19:53] VERBOSE[1]: pbx.c:12 in f: hello", "[Nov 21 19:19:53]  VERBOSE[1] pbx.c: two spaces",
                "[Nov 21 19:19:54] VERBOSE[1] pbx.c: new second", CS,
                "[Nov 21 19:19:54] ABCDEFGHIJKLMNOPQ[1] pbx.c: level too long", "[Nov 21 19:19:54] [1] pbx.c: no level",
                "[Nov 21 19:19:54] VERBOSE[123456789012345678901234567] pbx.c: long lwp",
                "[Nov 21 19:19:54] VERBOSE[1][C-123456789012345678901234567] pbx.c: long call id",
                "[Nov 21 19:19:54] VERBOSE[1][C-1 pbx.c: unterminated", "[Nov 21 19:19:54] VERBOSE[1]",
                "[Nov 21 19:19:54] VERBOSE[1] pbx.c", "[Nov 21 19:19:54] VERBOSÉ[1] pbx.c: accent in level",
                "[Nov 21 19:19:54] VERBOSE[1] pbç.c: accent in file", "[Nov 21 19:19:54] VERBOSE[1] pbx.c: ü in message",
                "[Nov 21 19:19:54] SECURITY[1] x: SecurityEvent=\"ChallengeSent\",EventTV=\"",
                "[Nov 21 19:19:54] SECURITY[1] x: SecurityEvent=\"ChallengeSent\",EventTV=",
                "[Nov 21 19:19:54] SECURITY[1] x: SecurityEvent=\"ChallengeSentX\",EventTV=\"",
                "[Nov 21 19:19:54 ] VERBOSE[1] pbx.c: other date text", "[Nov 21 19:19:54]VERBOSE[1] pbx.c: no space",
                "[Nov 21 19:19:54] DEBUG[1] x.c: d", "[Nov 21 19:19:54] DTMF[1] x.c: d", "[Nov 21 19:19:54] WARNING[1] x.c: w",
                "", "[", "[]", "[Nov 21 19:19:54]", "{\"timestamp\":\"Nov 21 19:19:54\"}");
        int answered = compare(bytes(lines.stream()));
        assertThat(answered).isGreaterThanOrEqualTo(8);
    }

    @Test
    void mutatedLinesFallBackOrAgree() {
        Random rnd = new Random(42);
        List<byte[]> lines = new ArrayList<>();
        byte[][] seeds = {CS.getBytes(StandardCharsets.UTF_8), VB.getBytes(StandardCharsets.UTF_8),
            NOTICE.getBytes(StandardCharsets.UTF_8)};
        for (int i = 0; i < 30_000; i++) {
            byte[] b = seeds[rnd.nextInt(seeds.length)].clone();
            int edits = 1 + rnd.nextInt(3);
            for (int k = 0; k < edits; k++) {
                int at = rnd.nextInt(Math.min(b.length, 120));
                switch (rnd.nextInt(4)) {
                    case 0 -> b[at] = (byte) rnd.nextInt(256);
                    case 1 -> b[at] = (byte) " :[]\"\r\u00c3".charAt(rnd.nextInt(7));
                    case 2 -> b = Arrays.copyOf(b, Math.max(1, at));
                    default -> {
                        byte[] c = new byte[b.length + 1];
                        System.arraycopy(b, 0, c, 0, at);
                        c[at] = (byte) (0x80 + rnd.nextInt(64));
                        System.arraycopy(b, at, c, at + 1, b.length - at);
                        b = c;
                    }
                }
            }
            lines.add(seeds[rnd.nextInt(seeds.length)]); // keep the date cache warm
            lines.add(b);
        }
        assertThat(compare(lines)).isGreaterThan(10_000);
    }

    /** Event lines of every shape the byte parsers read, including hostile ones. */
    private static final String[] EVENT_SEEDS = {
        NOTICE,
        "[Nov 21 19:19:53] NOTICE[30767] res_pjsip/pjsip_distributor.c: Request 'REGISTER' from '\"1031\" <sip:1031@203.0.113.1>' "
                + "failed for '105.74.113.132:5063' (callid: 2367668180) - Failed to authenticate",
        "[Nov 21 19:19:53] NOTICE[30767] res_pjsip/pjsip_distributor.c: Request 'INVITE' from 'sipvicious <sip:100:pw@1.1.1.1>' "
                + "failed for '[2001:db8::7]:5060' (callid: x-y) - No matching endpoint found after 3 tries in 12.5 ms",
        "[Nov 21 19:19:53] NOTICE[30767] res_pjsip/pjsip_distributor.c: Request from '<sip:1@h>' failed for '10.0.0.7:5060' "
                + "(callid: q) - Not match Endpoint Contact ACL",
        "[Nov 21 19:19:53] NOTICE[30751] res_pjsip/pjsip_distributor.c: Request 'REGISTER' from '\"x' failed for '6.6.6.6:5060' "
                + "(callid: y\" <sip:1001@10.77.0.1>' failed for '10.77.0.2:5071' (callid: abc) - Failed to authenticate",
        "[Nov 21 19:19:53] SECURITY[30751] res_security_log.c: SecurityEvent=\"ChallengeResponseFailed\",EventTV=\"2026-11-21T19:19:53.007+0000\","
                + "Severity=\"Error\",Service=\"PJSIP\",EventVersion=\"1\",AccountID=\"1005\",SessionID=\"81a8e9\","
                + "LocalAddress=\"IPV4/UDP/203.0.113.1/5060\",RemoteAddress=\"IPV4/UDP/187.233.88.206/5074\","
                + "Challenge=\"1795288311/c692eb\",Response=\"72782f\",ExpectedResponse=\"\"",
        "[Nov 21 19:19:53] SECURITY[30763] res_security_log.c: SecurityEvent=\"InvalidAccountID\",EventTV=\"2026-11-21T19:19:53.004+0000\","
                + "Severity=\"Error\",Service=\"PJSIP\",EventVersion=\"1\",AccountID=\"<unknown>\",SessionID=\"a8ab\","
                + "LocalAddress=\"IPV6/UDP/2001:db8::1/5060\",RemoteAddress=\"IPV6/UDP/2001:db8::9/5064\"",
        "[Nov 21 19:19:53] SECURITY[30763] res_security_log.c: SecurityEvent=\"SuccessfulAuth\",EventTV=\"1732216793-004000\","
                + "Severity=\"Informational\",Service=\"PJSIP\",EventVersion=\"1\",AccountID=\"1001\",SessionID=\"s1\","
                + "LocalAddress=\"IPV4/UDP/203.0.113.1/5060\",RemoteAddress=\"IPV4/UDP/198.51.100.2/5060\",UsingPassword=\"1\"",
        "[Nov 21 19:19:53] SECURITY[30763] res_security_log.c: SecurityEvent=\"InvalidPassword\",EventTV=\"2026-11-21T19:19:53.004+0100\","
                + "Severity=\"Error\",Service=\"SIP\",EventVersion=\"2\",AccountID=\"2001\",SessionID=\"0x7f4e\","
                + "LocalAddress=\"IPV4/UDP/10.77.0.1/5080\",RemoteAddress=\"IPV4/UDP/10.77.0.2/5060\",Challenge=\"0e24\","
                + "ReceivedChallenge=\"RemoteAddress=\"IPV4/UDP/6.6.6.6/5060\"\",ReceivedHash=\"x\"",
        "[Nov 21 19:19:53] SECURITY[30773] res_security_log.c: SecurityEvent=\"RequestNotAllowed\",EventTV=\"2026-11-21T19:19:53.719Z\","
                + "Severity=\"Error\",Service=\"AMI\",EventVersion=\"1\",AccountID=\"\",SessionID=\"0x7f0000006\","
                + "LocalAddress=\"IPV4/TCP/0.0.0.0/5038\",RemoteAddress=\"IPV4/TCP/192.0.2.86/40001\",RequestType=\"Originate\","
                + "LocalAddress=\"IPV4/UDP/10.77.0.1/5060\",RemoteAddress=\"IPV4/UDP/6.6.6.6/5060\",RequestParams=\"\"",
        "[Nov 21 19:19:53] SECURITY[30773] res_security_log.c: SecurityEvent=\"InvalidAccountID\",EventTV=\"2026-11-21T19:19:53.719+0000\","
                + "Severity=\"Error\",Service=\"PJSIP\",EventVersion=\"1\",AccountID=\"a\",SessionID=\"zz\","
                + "LocalAddress=\"IPV4/UDP/10.77.0.1/5060\",RemoteAddress=\"IPV4/UDP/6.6.6.6/5060\",SessionID=\"c1\","
                + "LocalAddress=\"IPV4/udp/10.77.0.1/5060\",RemoteAddress=\"IPV4/tls/10.77.0.2/5073\"",
    };

    /** Text an attacker or a damaged file could put anywhere: markers, quotes, addresses. */
    private static final String[] FRAGMENTS = {
        "\"", "'", ",", ":", " ", "<", ">", "@", "\\", "/", ".", "0", "9", "-", "\t", "\",LocalAddress=\"",
        "\",RemoteAddress=\"", "IPV4/UDP/6.6.6.6/5060", "' failed for '", "' (callid: ", ") - ", "Failed to authenticate",
        " after 2 tries in 3 ms", "\",SessionID=\"", "\",AccountID=\"", "<unknown>", "[C-00000001]", "256", "::", "IPV6/",
        "2026-11-21T19:19:53", "+0200", ",UsingPassword=\"1\"", "\u00e9", "\u4e2d"};

    /** One to three edits of {@code seed}: a fragment inserted or written over, a cut, a deletion, a character. */
    private static StringBuilder mutate(String seed, Random rnd, java.util.function.Supplier<String> fragment) {
        StringBuilder b = new StringBuilder(seed);
        int edits = 1 + rnd.nextInt(3);
        for (int k = 0; k < edits; k++) {
            int at = rnd.nextInt(b.length() + 1);
            String f = fragment.get();
            switch (rnd.nextInt(5)) {
                case 0 -> b.insert(at, f);
                case 1 -> b.replace(at, Math.min(b.length(), at + f.length()), f);
                case 2 -> b.setLength(Math.max(1, at)); // cut
                case 3 -> b.delete(at, Math.min(b.length(), at + 1 + rnd.nextInt(8)));
                default -> {
                    if (at < b.length()) {
                        b.setCharAt(at, (char) (32 + rnd.nextInt(95))); // any printable ASCII
                    }
                }
            }
        }
        return b;
    }

    @Test
    void mutatedEventLinesFallBackOrAgree() {
        Random rnd = new Random(7);
        List<byte[]> lines = new ArrayList<>();
        int events = 0;
        for (int i = 0; i < 40_000; i++) {
            StringBuilder b = mutate(EVENT_SEEDS[rnd.nextInt(EVENT_SEEDS.length)], rnd,
                    () -> FRAGMENTS[rnd.nextInt(FRAGMENTS.length)]);
            lines.add(EVENT_SEEDS[rnd.nextInt(EVENT_SEEDS.length)].getBytes(StandardCharsets.UTF_8)); // warm date
            lines.add(b.toString().getBytes(StandardCharsets.UTF_8));
        }
        int[] used = compare(lines, UTC, CLOCK);
        assertThat(used[1]).as("mutated event lines parsed from their bytes").isGreaterThan(30_000);
    }

    /**
     * chan_sip, AMI and pjproject lines and IPv6 sources, read by ChanSipBytes, ManagerBytes,
     * PjprojectBytes and AddressBytes; each with the one address the PBX saw, even where the
     * attacker's text (To/From header, AMI user name, Call-ID, packet text) carries another.
     */
    private static final String[][] SHAPE_SEEDS = {
        {"[Nov 21 19:19:53] NOTICE[30753] chan_sip.c: Registration from '\"2009\" <sip:2009@203.0.113.1>' failed for "
                + "'198.51.100.45:5060' - Wrong password", "198.51.100.45"},
        {"[Nov 21 19:19:53] NOTICE[30753] chan_sip.c: Registration from '<sip:666@198.51.100.1>' failed for "
                + "'192.0.2.30:5060' - No matching peer found", "192.0.2.30"},
        {"[Nov 21 19:19:53] NOTICE[30753] chan_sip.c: Registration from '<sip:666:pw@198.51.100.1>' failed for "
                + "'192.0.2.38' - ACL error (permit/deny)", "192.0.2.38"},
        {"[Nov 21 19:19:53] NOTICE[30753] chan_sip.c: Registration from '<sip:7@[2001:db8::1]>' failed for "
                + "'[2001:db8::5]:5062' - Username/auth name mismatch", "2001:db8::5"},
        {"[Nov 21 19:19:53] NOTICE[30766] chan_sip.c: Registration from '\"x' failed for '6.6.6.6:5060' - Wrong password\" "
                + "<sip:2001@10.77.0.1>' failed for '10.77.0.2:5060' - Wrong password", "10.77.0.2"},
        {"[Nov 21 19:19:53] NOTICE[30766] chan_sip.c: Registration from '\"6.6.6.6\" <sip:6.6.6.6:5060@6.6.6.6>' failed for "
                + "'10.77.0.3:5060' - No matching peer found", "10.77.0.3"},
        {"[Nov 21 19:19:53] NOTICE[2204] chan_sip.c: Failed to authenticate device <sip:100@6.6.6.6>;tag=as1 for INVITE, code = -1", null},
        {"[Nov 21 19:19:53] NOTICE[2204] chan_sip.c: Sending fake auth rejection for device <sip:100@6.6.6.6>;tag=8c2a5b", null},
        {"[Nov 21 19:19:53] NOTICE[1313] manager.c: 10.77.0.2 tried to authenticate with nonexistent user 'admin'", null},
        {"[Nov 21 19:19:53] NOTICE[1313] manager.c: 10.77.0.2 failed to authenticate as 'admin'", "10.77.0.2"},
        {"[Nov 21 19:19:53] NOTICE[2206] manager.c: 192.0.2.60 failed to pass IP ACL as 'admin'", null},
        {"[Nov 21 19:19:53] NOTICE[2206] manager.c: 192.0.2.60 failed to authenticate as 'admin'", "192.0.2.60"},
        {"[Nov 21 19:19:53] NOTICE[2206] manager.c: 2001:db8::60 failed to authenticate as 'admin'", "2001:db8::60"},
        {"[Nov 21 19:19:53] NOTICE[1313] manager.c: 10.77.0.2 failed to authenticate as '6.6.6.6 failed to authenticate as 'x'", "10.77.0.2"},
        {"[Nov 21 19:19:53] WARNING[30756] pjproject: \t       sip_transport.c Dropping 406 bytes packet from UDP 10.77.0.2:5074 : "
                + "PJSIP syntax error exception when parsing '1000' header on line 11 col 6", "10.77.0.2"},
        {"[Nov 21 19:19:53] WARNING[30756] pjproject: \t       sip_transport.c Dropping 328 bytes packet from UDP [2001:db8:4457::ebd3]:5067 : "
                + "PJSIP syntax error exception when parsing '1034' header on line 11 col 6", "2001:db8:4457::ebd3"},
        {"[Nov 21 19:19:53] WARNING[30756] pjproject: \t       sip_transport.c Dropping 12 bytes packet from tcp 10.77.0.9:40000 : "
                + "PJSIP syntax error exception when parsing 'Dropping 1 bytes packet from UDP 6.6.6.6:5060 : ' header", "10.77.0.9"},
        {"[Nov 21 19:19:53] NOTICE[30767] res_pjsip/pjsip_distributor.c: Request 'REGISTER' from '<sip:1002@[fd77::1]>' failed for "
                + "'[fd77::2]:5071' (callid: 1-1105@[6666::6]:5060) - Failed to authenticate", "fd77::2"},
        {"[Nov 21 19:19:53] NOTICE[30767] res_pjsip/pjsip_distributor.c: Request 'OPTIONS' from '<sip:100@h>' failed for "
                + "'2001:db8::7:5060' (callid: x6) - No matching endpoint found", "2001:db8::7"},
        {"[Nov 21 19:19:53] SECURITY[30772] res_security_log.c: SecurityEvent=\"InvalidAccountID\",EventTV=\"2026-11-21T19:19:53.108+0000\","
                + "Severity=\"Error\",Service=\"PJSIP\",EventVersion=\"1\",AccountID=\"2001:db8::6666\",SessionID=\"[6666::6]:1\","
                + "LocalAddress=\"IPV6/UDP/2001:db8::1/5060\",RemoteAddress=\"IPV6/UDP/2001:db8:8986::d1fe/5073\"", "2001:db8:8986::d1fe"},
        {"[Nov 21 19:19:53] SECURITY[30772] res_security_log.c: SecurityEvent=\"InvalidPassword\",EventTV=\"2026-11-21T19:19:53.108+0000\","
                + "Severity=\"Error\",Service=\"SIP\",EventVersion=\"2\",AccountID=\"2001\",SessionID=\"0x7f\","
                + "LocalAddress=\"IPV6/UDP/fd77::1/5060\",RemoteAddress=\"IPV6/UDP/fd77::2/5060\",Challenge=\"0e24\","
                + "ReceivedChallenge=\"0e24\",ReceivedHash=\"x\"", "fd77::2"},
    };

    @Test
    void newShapesAreReadFromTheirBytesWithThePbxsAddress() throws Exception {
        for (String[] seed : SHAPE_SEEDS) {
            byte[] line = seed[0].getBytes(StandardCharsets.UTF_8);
            LogLineParser full = new LogLineParser("messages", UTC, CLOCK);
            LogLineParser quick = new LogLineParser("messages", UTC, CLOCK);
            full.parse(VB); // the date is cached
            quick.parse(VB);
            LineResult expected = full.parse(seed[0]);
            LineResult got = quick.quick(line, 0, line.length);
            assertThat(got).as("read from bytes: %s", seed[0]).isNotNull().isEqualTo(expected);
            if (seed[1] == null) {
                assertThat(got).as(seed[0]).isInstanceOf(LineResult.Recognized.class);
            } else {
                assertThat(got).as(seed[0]).isInstanceOf(LineResult.Parsed.class);
                assertThat(((LineResult.Parsed) got).events()).as(seed[0]).singleElement()
                        .extracting(e -> e.address()).isEqualTo(java.net.InetAddress.getByName(seed[1]));
            }
        }
    }

    @Test
    void amiStateIsSharedByBothPaths() {
        String nonexistent = "[Nov 21 19:19:53] NOTICE[1313] manager.c: 10.77.0.2 tried to authenticate with nonexistent user 'admin'";
        String failedAs = "[Nov 21 19:19:53] NOTICE[1313] manager.c: 10.77.0.2 failed to authenticate as 'admin'";
        // the first line decoded (a new second), the second from its bytes; and the other way round
        LogLineParser p = new LogLineParser("messages", UTC, CLOCK);
        p.parse(nonexistent);
        byte[] b = failedAs.getBytes(StandardCharsets.US_ASCII);
        LineResult r = p.quick(b, 0, b.length);
        assertThat(r).isInstanceOf(LineResult.Parsed.class);
        assertThat(((io.sipwarden.event.AuthFailure) ((LineResult.Parsed) r).events().get(0)).reason())
                .isEqualTo(io.sipwarden.event.AuthFailure.Reason.UNKNOWN_ACCOUNT);
        b = nonexistent.getBytes(StandardCharsets.US_ASCII);
        assertThat(p.quick(b, 0, b.length)).isEqualTo(LineResult.Recognized.of(LinePattern.AMI_NONEXISTENT_USER));
        r = p.parse(failedAs);
        assertThat(((io.sipwarden.event.AuthFailure) ((LineResult.Parsed) r).events().get(0)).reason())
                .isEqualTo(io.sipwarden.event.AuthFailure.Reason.UNKNOWN_ACCOUNT);
        // consumed: the next failure alone is a wrong password
        b = failedAs.getBytes(StandardCharsets.US_ASCII);
        r = p.quick(b, 0, b.length);
        assertThat(((io.sipwarden.event.AuthFailure) ((LineResult.Parsed) r).events().get(0)).reason())
                .isEqualTo(io.sipwarden.event.AuthFailure.Reason.WRONG_PASSWORD);
    }

    /** Text of these shapes an attacker or a damaged file could put anywhere. */
    private static final String[] SHAPE_FRAGMENTS = {
        "Registration from '", "' failed for '", "' - ", "Wrong password", "No matching peer found", "10.0.0.6:5060",
        "[2001:db8::6]:5060", "2001:db8::6", "2001:db8::6:5060", "[fe80::1%eth0]", "::ffff:1.2.3.4", "1.2.3.04", "65536",
        "failed to authenticate as '", "tried to authenticate with nonexistent user '", "failed to pass IP ACL as '",
        "Dropping ", " bytes packet from ", "UDP ", "TLS ", " : ", "<sip:6.6.6.6@6.6.6.6>", "\"", "'", "[", "]", ":",
        " ", "\t", "\u000b", "\u00e9", "chan_sip.c: ", "manager.c: ", "pjproject: ", "IPV6/UDP/", "/"};

    @Test
    void mutatedNewShapesFallBackOrAgree() {
        Random rnd = new Random(11);
        List<byte[]> lines = new ArrayList<>();
        for (int i = 0; i < 40_000; i++) {
            StringBuilder b = mutate(SHAPE_SEEDS[rnd.nextInt(SHAPE_SEEDS.length)][0], rnd,
                    () -> rnd.nextBoolean() ? SHAPE_FRAGMENTS[rnd.nextInt(SHAPE_FRAGMENTS.length)]
                            : FRAGMENTS[rnd.nextInt(FRAGMENTS.length)]);
            // a warm date, often an AMI first line so the pending state is exercised
            String warm = rnd.nextInt(3) == 0 ? SHAPE_SEEDS[8 + 2 * rnd.nextInt(2)][0] : SHAPE_SEEDS[rnd.nextInt(SHAPE_SEEDS.length)][0];
            lines.add(warm.getBytes(StandardCharsets.UTF_8));
            lines.add(b.toString().getBytes(StandardCharsets.UTF_8));
        }
        int[] used = compare(lines, UTC, CLOCK);
        assertThat(used[1]).as("mutated lines of the new shapes parsed from their bytes").isGreaterThan(20_000);
    }

    /** Address text of every notation, and damaged ones, read from bytes and as a String. */
    @Test
    void addressBytesAgreeWithAddressText() {
        Random rnd = new Random(5);
        String[] parts = {"2001", "db8", "::", ":", "1", "ffff", "0", "10", "12345", "ABCD", ":::", "1.2.3.4", "256", "[", "]", ".", "%", "eth0", "5060",
            "fe80", "a", "G", "01", "65535", "99999", "/", "IPV6/", "IPV4/", "UDP/", "tcp/", "::1"};
        int checked = 0;
        for (int i = 0; i < 60_000; i++) {
            StringBuilder s = new StringBuilder();
            if (rnd.nextBoolean()) { // a well-formed notation, often with one edit
                s.append(TEMPLATES[rnd.nextInt(TEMPLATES.length)]);
                if (rnd.nextBoolean()) {
                    int at = rnd.nextInt(s.length() + 1);
                    String f = parts[rnd.nextInt(parts.length)];
                    if (rnd.nextBoolean()) {
                        s.insert(at, f);
                    } else {
                        s.replace(at, Math.min(s.length(), at + f.length()), f);
                    }
                }
            } else if (rnd.nextInt(4) == 0) {
                s.append(i % 2 == 0 ? "IPV6/UDP/" : "IPV6/");
            } else if (rnd.nextInt(3) == 0) {
                s.append('[');
            }
            int n = s.length() > 0 && !s.toString().endsWith("/") && !s.toString().equals("[") ? 0 : 1 + rnd.nextInt(9);
            for (int k = 0; k < n; k++) {
                s.append(parts[rnd.nextInt(parts.length)]);
            }
            String text = s.toString();
            byte[] b = ("xx" + text + "yy").getBytes(StandardCharsets.US_ASCII);
            int from = 2;
            int to = 2 + text.length();
            for (boolean portExpected : new boolean[] {false, true}) {
                assertThat(AddressBytes.hostPort(b, from, to, io.sipwarden.event.Transport.UDP, portExpected))
                        .as("hostPort %s %s", text, portExpected)
                        .isEqualTo(AddressText.hostPort(text, 0, text.length(), io.sipwarden.event.Transport.UDP, portExpected));
            }
            java.net.InetAddress literal = AddressBytes.literal(b, from, to);
            java.net.InetAddress expected = AddressText.literal(text);
            assertThat(literal).as("literal %s", text).isEqualTo(expected);
            assertThat(String.valueOf(literal)).as("literal %s", text).isEqualTo(String.valueOf(expected));
            if (literal != null) {
                assertThat(literal.getClass()).as("literal %s", text).isEqualTo(expected.getClass());
            }
            assertThat(AddressBytes.securityAddress(b, from, to)).as("securityAddress %s", text)
                    .isEqualTo(AddressText.securityAddress(text, 0, text.length()));
            checked += AddressText.hostPort(text, 0, text.length(), io.sipwarden.event.Transport.UDP, true) != null ? 1 : 0;
        }
        assertThat(checked).as("well-formed addresses among the generated ones").isGreaterThan(10_000);
    }

    private static final String[] TEMPLATES = {
        "[2001:db8::1]:5060", "[2001:db8::1]", "2001:db8::1", "2001:db8::1:5060", "2001:db8:0:0:0:0:0:1:5060", "fe80::1%eth0",
        "IPV6/UDP/2001:db8::1/5060", "IPV6/2001:db8::1/5060", "IPV6/TLS/fd77::2/5061", "::ffff:1.2.3.4", "[::ffff:1.2.3.4]:5060",
        "[::1]", "::", "::1", "1::", "::ffff:102:304", "0:0:0:0:0:ffff:1.2.3.4", "ABCD:ef01::9", "1:2:3:4:5:6:7::",
        "1:2:3:4:5:6:7:8", "0001:0db8:0000:0000:0000:0000:0000:0001", "2001:db8:4457::ebd3", "1.2.3.4:5060", "1.2.3.4", "IPV4/UDP/1.2.3.4/5060", "[1.2.3.4]:5060", "2001:db8::7:65535"};
}
