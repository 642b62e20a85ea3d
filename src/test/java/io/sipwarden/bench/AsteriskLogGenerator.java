package io.sipwarden.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Random;

/**
 * Writes a large, realistic Asterisk 20 {@code messages} log for benchmarks: the real line
 * shapes of the captured scenarios (s05 register flood, s13 INVITE spray, s04 svcrack, s10
 * chan_sip, s11 AMI, s12 malformed packets) in similar proportions, with varied source
 * addresses (IPv4 and IPv6), ports, Call-IDs, accounts and increasing timestamps. Every
 * attempt is written the way Asterisk writes it (NOTICE + SECURITY lines, ChallengeSent…).
 *
 * <p>Usage: {@code AsteriskLogGenerator <out-file> [lines=1000000] [seed=1]}. Deterministic
 * for a seed. {@link #generate} returns how many failed attempts it wrote (the expected count
 * after de-duplication).
 */
public final class AsteriskLogGenerator {
    private static final DateTimeFormatter PREFIX = DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter EVENT_TV = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxx", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final Random rnd;
    private final Writer out;
    private Instant now = Instant.parse("2026-11-21T00:00:00Z");
    private long lines;
    private long failures;
    private int callSeq = 1;

    private AsteriskLogGenerator(Writer out, long seed) {
        this.out = out;
        this.rnd = new Random(seed);
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: AsteriskLogGenerator <out-file> [lines] [seed]");
            System.exit(2);
        }
        long n = args.length > 1 ? Long.parseLong(args[1]) : 1_000_000;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
        Result r = generate(Path.of(args[0]), n, seed);
        System.out.println("wrote " + r.lines() + " lines, " + r.failures() + " failed attempts to " + args[0]);
    }

    /** What was written. */
    public record Result(long lines, long failures) {
    }

    public static Result generate(Path file, long minLines, long seed) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            AsteriskLogGenerator g = new AsteriskLogGenerator(w, seed);
            while (g.lines < minLines) {
                g.attempt();
            }
            return new Result(g.lines, g.failures);
        }
    }

    private void attempt() throws IOException {
        now = now.plusMillis(1 + rnd.nextInt(6)); // ~300-400 lines per second, like s05
        int k = rnd.nextInt(1000);
        if (k < 430) {
            wrongPassword();
        } else if (k < 640) {
            unknownUser("REGISTER");
        } else if (k < 800) {
            unknownUser("INVITE");
        } else if (k < 860) {
            success();
        } else if (k < 900) {
            malformed();
        } else if (k < 940) {
            guestCall();
        } else if (k < 970) {
            chanSipWrongPassword();
        } else if (k < 985) {
            amiBadLogin();
        } else {
            line("VERBOSE", "res_pjsip/pjsip_configuration.c", "Endpoint " + (1000 + rnd.nextInt(50)) + " is now Reachable");
        }
    }

    private String ip() {
        if (rnd.nextInt(20) == 0) {
            return "2001:db8:" + Integer.toHexString(rnd.nextInt(65536)) + "::" + Integer.toHexString(1 + rnd.nextInt(65535));
        }
        // a few hot attackers plus a long tail
        if (rnd.nextInt(3) == 0) {
            return "198.51.100." + (1 + rnd.nextInt(20));
        }
        return (11 + rnd.nextInt(200)) + "." + rnd.nextInt(256) + "." + rnd.nextInt(256) + "." + (1 + rnd.nextInt(254));
    }

    private static boolean v6(String ip) {
        return ip.indexOf(':') >= 0;
    }

    private static String hostPort(String ip, int port) {
        return v6(ip) ? "[" + ip + "]:" + port : ip + ":" + port;
    }

    private static String secAddr(String ip, String transport, int port) {
        return (v6(ip) ? "IPV6/" : "IPV4/") + transport + "/" + ip + "/" + port;
    }

    private String callId(String ip) {
        return switch (rnd.nextInt(3)) {
            case 0 -> callSeq++ + "-" + (30000 + rnd.nextInt(9999)) + "@" + ip;
            case 1 -> Long.toString(1_000_000_000L + rnd.nextInt(2_000_000_000));
            default -> Long.toHexString(rnd.nextLong()) + Long.toHexString(rnd.nextLong());
        };
    }

    private String user() {
        return Integer.toString(1000 + rnd.nextInt(40));
    }

    private void line(String level, String file, String msg) throws IOException {
        out.write('[');
        out.write(PREFIX.format(now));
        out.write("] ");
        out.write(level);
        out.write('[');
        out.write(Integer.toString(30751 + rnd.nextInt(30)));
        out.write("] ");
        out.write(file);
        out.write(": ");
        out.write(msg);
        out.write('\n');
        lines++;
    }

    private void security(String name, String severity, String service, String account, String session,
            String local, String remote, String tail) throws IOException {
        line("SECURITY", "res_security_log.c", "SecurityEvent=\"" + name + "\",EventTV=\"" + EVENT_TV.format(now)
                + "\",Severity=\"" + severity + "\",Service=\"" + service + "\",EventVersion=\""
                + (name.equals("InvalidPassword") ? 2 : 1) + "\",AccountID=\"" + account + "\",SessionID=\"" + session
                + "\",LocalAddress=\"" + local + "\",RemoteAddress=\"" + remote + "\"" + tail);
    }

    private String local(String ip) {
        return v6(ip) ? "IPV6/UDP/2001:db8::1/5060" : "IPV4/UDP/203.0.113.1/5060";
    }

    private String hex(int n) {
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append(Character.forDigit(rnd.nextInt(16), 16));
        }
        return b.toString();
    }

    private void wrongPassword() throws IOException {
        String ip = ip();
        int port = 5060 + rnd.nextInt(20);
        String cid = callId(ip);
        String u = user();
        String from = rnd.nextBoolean() ? "<sip:" + u + "@203.0.113.1>" : "\"" + u + "\" <sip:" + u + "@203.0.113.1>";
        security("ChallengeSent", "Informational", "PJSIP", u, cid, local(ip), secAddr(ip, "UDP", port), ",Challenge=\"\"");
        line("NOTICE", "res_pjsip/pjsip_distributor.c", "Request 'REGISTER' from '" + from + "' failed for '"
                + hostPort(ip, port) + "' (callid: " + cid + ") - Failed to authenticate");
        security("ChallengeResponseFailed", "Error", "PJSIP", u, cid, local(ip), secAddr(ip, "UDP", port),
                ",Challenge=\"" + (1795288000 + rnd.nextInt(999)) + "/" + hex(32) + "\",Response=\"" + hex(32)
                        + "\",ExpectedResponse=\"\"");
        failures++;
    }

    private void unknownUser(String method) throws IOException {
        String ip = ip();
        int port = 5060 + rnd.nextInt(20);
        String cid = callId(ip);
        String u = Integer.toString(100 + rnd.nextInt(900_000));
        String from = method.equals("INVITE") ? "\"" + u + "\" <sip:" + u + "@203.0.113.1>"
                : rnd.nextInt(4) == 0 ? "\"sipvicious\" <sip:100@1.1.1.1>" : "<sip:" + u + "@203.0.113.1>";
        line("NOTICE", "res_pjsip/pjsip_distributor.c", "Request '" + method + "' from '" + from + "' failed for '"
                + hostPort(ip, port) + "' (callid: " + cid + ") - No matching endpoint found");
        security("InvalidAccountID", "Error", "PJSIP", u, cid, local(ip), secAddr(ip, "UDP", port), "");
        security("ChallengeSent", "Informational", "PJSIP", "<unknown>", cid, local(ip), secAddr(ip, "UDP", port),
                ",Challenge=\"\"");
        failures++;
    }

    private void success() throws IOException {
        String ip = "10.20." + rnd.nextInt(4) + "." + (2 + rnd.nextInt(200));
        int port = 5060 + rnd.nextInt(4);
        String cid = callId(ip);
        String u = "ext" + (100 + rnd.nextInt(60));
        security("ChallengeSent", "Informational", "PJSIP", u, cid, local(ip), secAddr(ip, "UDP", port), ",Challenge=\"\"");
        security("SuccessfulAuth", "Informational", "PJSIP", u, cid, local(ip), secAddr(ip, "UDP", port), ",UsingPassword=\"1\"");
        line("VERBOSE", "res_pjsip_registrar.c", "Added contact 'sip:" + u + "@" + hostPort(ip, port) + "' to AOR '" + u
                + "' with expiration of 120 seconds");
    }

    private void malformed() throws IOException {
        String ip = ip();
        line("WARNING", "pjproject", "\t       sip_transport.c Dropping " + (300 + rnd.nextInt(200)) + " bytes packet from UDP "
                + hostPort(ip, 5060 + rnd.nextInt(20)) + " : PJSIP syntax error exception when parsing '" + user()
                + "' header on line 11 col 6");
        out.write('\n');
        lines++;
        failures++;
    }

    private void guestCall() throws IOException {
        int ch = rnd.nextInt(0x10000);
        String chan = "SIP/203.0.113.1-" + String.format("%08x", ch);
        line("VERBOSE", "pbx.c", "Executing [00972595123456@default:1] NoOp(\"" + chan
                + "\", \"GUEST call attempt to 00972595123456 from \"1000\" <1000> via " + chan + "\") in new stack");
        line("VERBOSE", "pbx.c", "Executing [00972595123456@default:2] Hangup(\"" + chan + "\", \"21\") in new stack");
    }

    private void chanSipWrongPassword() throws IOException {
        String ip = rnd.nextBoolean() ? "198.51.100." + (30 + rnd.nextInt(20))
                : (11 + rnd.nextInt(200)) + "." + rnd.nextInt(256) + "." + rnd.nextInt(256) + "." + (1 + rnd.nextInt(254));
        String u = Integer.toString(2000 + rnd.nextInt(10));
        line("NOTICE", "chan_sip.c", "Registration from '\"" + u + "\" <sip:" + u + "@203.0.113.1>' failed for '" + ip
                + ":5060' - Wrong password");
        security("InvalidPassword", "Error", "SIP", u, "0x7f4ec" + hex(7), "IPV4/UDP/203.0.113.1/5080",
                "IPV4/UDP/" + ip + "/5060", ",Challenge=\"" + hex(8) + "\",ReceivedChallenge=\"" + hex(8)
                        + "\",ReceivedHash=\"" + hex(32) + "\"");
        failures++;
    }

    private void amiBadLogin() throws IOException {
        String ip = "198.51.100." + (100 + rnd.nextInt(50));
        String u = rnd.nextBoolean() ? "admin" : "manager";
        line("NOTICE", "manager.c", ip + " tried to authenticate with nonexistent user '" + u + "'");
        line("NOTICE", "manager.c", ip + " failed to authenticate as '" + u + "'");
        security("InvalidAccountID", "Error", "AMI", u, "0x7f4eb" + hex(7), "IPV4/TCP/0.0.0.0/5038",
                "IPV4/TCP/" + ip + "/" + (40000 + rnd.nextInt(20000)), ",SessionTV=\"1970-01-01T00:00:00.000+0000\"");
        line("VERBOSE", "manager.c", "Connect attempt from '" + ip + "' unable to authenticate");
        failures++;
    }
}
