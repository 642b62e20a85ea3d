package io.sipwarden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipwarden.sensor.ami.AmiTestServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code sipwarden asterisk snippet} and {@code sipwarden doctor} against the test AMI server. */
class AmiCommandsTest {
    static final String SECRET = "doctor-test-secret";

    @TempDir
    Path dir;

    record Run(int code, String out) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(out, true));
        return new Run(cl.execute(args), out.toString());
    }

    private String secretFile(String secret) throws Exception {
        Path f = dir.resolve("ami.secret");
        Files.writeString(f, secret + "\n");
        return f.toString();
    }

    private static void ownLogin(AmiTestServer.Conn c) throws Exception {
        c.frame("Event", "SuccessfulAuth", "Privilege", "security,all", "EventTV", "2026-11-21T19:20:40.565+0000",
                "Severity", "Informational", "Service", "AMI", "EventVersion", "1", "AccountID", "idsmon",
                "SessionID", "0x7f4edc001f00", "LocalAddress", "IPV4/TCP/0.0.0.0/5038",
                "RemoteAddress", "IPV4/TCP/127.0.0.1/45752", "UsingPassword", "0");
    }

    @Test
    void snippetIsLeastPrivilegeAndLocalOnly() {
        Run r = run("asterisk", "snippet");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("[sipwarden]", "read = security,system,call,cdr", "write = call,reporting",
                "deny = 0.0.0.0/0.0.0.0", "permit = 127.0.0.1/255.255.255.255", "bindaddr = 127.0.0.1",
                "security.log => security", "secret_file:").doesNotContain("write = all", "read = all");
        assertThat(run("asterisk", "snippet", "--user", "x\ny").code()).isEqualTo(Main.EXIT_USAGE);
        assertThat(run("asterisk", "snippet", "--inventory").out()).contains("write = call,reporting,system");
    }

    @Test
    void doctorPassesOnAHealthyPbx() throws Exception {
        try (AmiTestServer s = new AmiTestServer("idsmon", SECRET).byDefault(AmiCommandsTest::ownLogin)) {
            Run r = run("doctor", "--port", String.valueOf(s.port()), "--user", "idsmon", "--secret-file",
                    secretFile(SECRET), "--wait", "3s");
            assertThat(r.out()).contains("[ok]  logged in", "[ok]  security events arrive", "[ok]  action Hangup allowed",
                    "All checks passed").doesNotContain(SECRET);
            assertThat(r.code()).isZero();
        }
    }

    @Test
    void doctorSaysWhatToFixWhenSecurityEventsAreMissing() throws Exception {
        try (AmiTestServer s = new AmiTestServer("idsmon", SECRET)) {
            s.permitted.remove("Hangup");
            Run r = run("doctor", "--port", String.valueOf(s.port()), "--user", "idsmon", "--secret-file",
                    secretFile(SECRET), "--wait", "1s");
            assertThat(r.code()).isEqualTo(Main.EXIT_RUNTIME);
            assertThat(r.out()).contains("[FIX] no security events", "read = security,system,call,cdr",
                    "[FIX] action Hangup not allowed");
        }
    }

    @Test
    void doctorNamesHostAndUserButNeverTheSecretOnARefusedLogin() throws Exception {
        try (AmiTestServer s = new AmiTestServer("idsmon", SECRET)) {
            Run r = run("doctor", "--port", String.valueOf(s.port()), "--user", "idsmon", "--secret-file",
                    secretFile("wrong-secret-value"), "--wait", "2s");
            assertThat(r.code()).isEqualTo(Main.EXIT_RUNTIME);
            assertThat(r.out()).contains("[FIX] cannot log in", "127.0.0.1:" + s.port(), "'idsmon'")
                    .doesNotContain("wrong-secret-value", SECRET);
        }
    }

    @Test
    void doctorRejectsAnUnreadableSecretFileAsAUsageError() {
        Run r = run("doctor", "--user", "idsmon", "--secret-file", dir.resolve("missing").toString());
        assertThat(r.code()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.out()).contains("secret_file: cannot read");
    }

    @Test
    void doctorShowsEnforcementDegradedAsTheDaemonReportsIt() throws Exception {
        Path state = Files.createDirectories(dir.resolve("state"));
        java.time.Instant now = java.time.Instant.now();
        io.sipwarden.engine.StatusFile.write(state, new io.sipwarden.engine.Status(now, now, 0, java.util.Map.of(),
                java.util.Map.of(), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                java.util.List.of(new io.sipwarden.engine.Status.Component("nftables", false,
                        "libnftables.so.1 not found: install libnftables1")),
                new io.sipwarden.engine.Status.Component("store", true, "sqlite")));
        // No AMI listens on port 1: doctor still reports enforcement before giving up on the login.
        Run r = run("doctor", "--user", "idsmon", "--secret-file", secretFile(SECRET), "--port", "1", "--wait", "1s",
                "--state-dir", state.toString());
        assertThat(r.code()).isEqualTo(Main.EXIT_RUNTIME);
        assertThat(r.out()).contains("enforcer nftables is DEGRADED: libnftables.so.1 not found: install libnftables1")
                .doesNotContain(SECRET);
    }
}
