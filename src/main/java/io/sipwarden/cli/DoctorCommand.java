package io.sipwarden.cli;

import io.sipwarden.endpoint.EndpointLocations;
import io.sipwarden.sensor.ami.AmiAction;
import io.sipwarden.sensor.ami.AmiClient;
import io.sipwarden.sensor.ami.AmiFrame;
import io.sipwarden.sensor.ami.AmiResponse;
import io.sipwarden.sensor.ami.AmiSettings;
import io.sipwarden.time.DurationText;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sipwarden doctor}: connects to the AMI, logs in, and checks that the classes SIPWarden
 * needs arrive and the actions it uses are allowed, saying exactly what to fix.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = "Check the AMI connection: login, event classes, security events, permitted actions.")
final class DoctorCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "AMI host (default ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "5038", description = "AMI port (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--user", required = true, description = "AMI user.")
    String user;

    @Option(names = "--secret-file", required = true, description = "File whose first line is the AMI secret.")
    String secretFile;

    @Option(names = "--tls", description = "Use TLS (port 5039 usually).")
    boolean tls;

    @Option(names = "--tls-ca-file", description = "PEM file with the CA that signed the AMI certificate.")
    String tlsCaFile;

    @Option(names = "--auth", defaultValue = "md5", description = "md5 or plain (default ${DEFAULT-VALUE}).")
    String auth;

    @Option(names = "--wait", defaultValue = "5s", description = "How long to wait for login and events "
            + "(default ${DEFAULT-VALUE}).")
    String wait;

    @picocli.CommandLine.Mixin
    StateDirOption state;

    private int problems;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Duration waitFor = DurationText.parse(wait);
        AmiSettings.Connection c = new AmiSettings.Connection("doctor", host, port, tls, tlsCaFile, user, null,
                secretFile, AmiSettings.Auth.of(auth), null, Duration.ofSeconds(5), Duration.ofSeconds(5),
                Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofDays(1));
        try {
            new AmiSettings(List.of(c), null);
        } catch (IllegalArgumentException bad) {
            for (String p : bad.getMessage().split("; ")) {
                out.println("[FIX] " + p.replace("ami.connections[0]", "option"));
            }
            out.flush();
            return Main.EXIT_USAGE;
        }
        checkEnforcement(out);
        List<AmiFrame> events = new CopyOnWriteArrayList<>();
        try (AmiClient ami = new AmiClient(c, new EndpointLocations(1000), InstantSource.system(), 1024)) {
            ami.addListener(events::add);
            ami.start(e -> { });
            if (!ami.awaitConnected(waitFor)) {
                fix(out, "cannot log in: " + (ami.stats().lastError().isEmpty() ? "no answer from " + host + ":" + port
                        : ami.stats().lastError()));
                out.println("      check manager.conf: [general] enabled = yes, port/bindaddr, and for user '" + user
                        + "' the secret and a permit= line for this host; then: asterisk -rx 'manager reload'");
                out.flush();
                return Main.EXIT_RUNTIME;
            }
            ok(out, "logged in to " + host + ":" + port + " as '" + user + "'" + (tls ? " over TLS" : ""));
            long t0 = System.nanoTime();
            AmiResponse pong = ami.send(AmiAction.of("Ping")).get(5, TimeUnit.SECONDS);
            if (pong.isSuccess()) {
                ok(out, "Ping answered in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
            } else {
                fix(out, "Ping refused: " + io.sipwarden.decision.Texts.safe(pong.message(), 80));
            }
            checkEvents(out, events, waitFor);
            checkActions(out, ami);
        }
        out.println(problems == 0 ? "All checks passed." : problems + " problem(s) to fix.");
        out.flush();
        return problems == 0 ? Main.EXIT_OK : Main.EXIT_RUNTIME;
    }

    /**
     * Enforcement as the running daemon sees it (its status file): read-only, so doctor never
     * touches the firewall itself.
     */
    private void checkEnforcement(PrintWriter out) {
        java.util.Optional<io.sipwarden.engine.Status> st;
        try {
            st = io.sipwarden.engine.StatusFile.read(state.dir);
        } catch (java.io.IOException | RuntimeException e) {
            fix(out, "cannot read the daemon's status in " + state.dir + ": " + e.getMessage());
            return;
        }
        if (st.isEmpty()) {
            out.println("[--]  enforcement not checked: no daemon status in " + state.dir + " (is `sipwarden run` running?)");
            return;
        }
        for (io.sipwarden.engine.Status.Component c : st.get().enforcers()) {
            if (c.ok()) {
                ok(out, "enforcer " + c.name() + ": " + c.detail());
            } else {
                fix(out, "enforcer " + c.name() + " is DEGRADED: " + c.detail()
                        + " (bans are still detected and stored, and applied once this is fixed)");
            }
        }
    }

    private void checkEvents(PrintWriter out, List<AmiFrame> events, Duration waitFor) throws InterruptedException {
        // Our own login raises SuccessfulAuth (Service AMI): with class security it reaches us.
        long end = System.nanoTime() + waitFor.toNanos();
        while (System.nanoTime() < end && events.stream().noneMatch(DoctorCommand::ownLogin)) {
            Thread.sleep(20);
        }
        Set<String> classes = new TreeSet<>();
        for (AmiFrame f : events) {
            for (String p : f.getOrEmpty("Privilege").split(",")) {
                if (!p.isBlank() && !p.equals("all")) {
                    classes.add(p.strip().toLowerCase(Locale.ROOT));
                }
            }
        }
        out.println("      event classes seen: " + (classes.isEmpty() ? "none" : String.join(", ", classes)));
        if (events.stream().anyMatch(DoctorCommand::ownLogin)) {
            ok(out, "security events arrive (our own login was reported as SuccessfulAuth)");
        } else {
            fix(out, "no security events arrived within " + waitFor.toSeconds() + " s: in manager.conf, user '" + user
                    + "' needs read = security,system,call,cdr; then asterisk -rx 'manager reload'");
        }
        if (!classes.contains("system")) {
            fix(out, "class system not seen (no FullyBooted): add system to read= of '" + user
                    + "' (SIPWarden needs it to notice a PBX shutdown)");
        }
        if (!classes.contains("call") || !classes.contains("cdr")) {
            out.println("      note: classes call/cdr show only when calls happen; grant them with read = "
                    + "security,system,call,cdr and enable cdr_manager.conf for Cdr events");
        }
    }

    private static boolean ownLogin(AmiFrame f) {
        return f.is("Event", "SuccessfulAuth") && f.is("Service", "AMI");
    }

    private void checkActions(PrintWriter out, AmiClient ami) throws Exception {
        AmiResponse r = ami.send(AmiAction.of("ListCommands")).get(5, TimeUnit.SECONDS);
        if (!r.isSuccess()) {
            fix(out, "ListCommands refused: " + io.sipwarden.decision.Texts.safe(r.message(), 80));
            return;
        }
        Set<String> allowed = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        allowed.addAll(r.response().names());
        for (String[] need : new String[][] {{"Hangup", "call"}, {"Getvar", "call"}, {"CoreShowChannels", "reporting"}}) {
            if (allowed.contains(need[0])) {
                ok(out, "action " + need[0] + " allowed");
            } else {
                fix(out, "action " + need[0] + " not allowed: call control needs write = call,reporting for '" + user
                        + "' (or set ami.call_control.enabled: false)");
            }
        }
        if (!allowed.contains("PJSIPShowContacts")) {
            out.println("      note: PJSIPShowContacts not allowed (needs write=system): the PJSIP contact inventory "
                    + "at connect is skipped; SuccessfulAuth events still track endpoints");
        }
    }

    private static void ok(PrintWriter out, String s) {
        out.println("[ok]  " + s);
    }

    private void fix(PrintWriter out, String s) {
        problems++;
        out.println("[FIX] " + s);
    }
}
