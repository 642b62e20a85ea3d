package io.sipwarden.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code sipwarden asterisk ...}: help with the Asterisk side of the setup. */
@Command(name = "asterisk", description = "Help with the Asterisk side of the setup.",
        mixinStandardHelpOptions = true, subcommands = {AsteriskCommand.Snippet.class})
final class AsteriskCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code sipwarden asterisk snippet}: the manager.conf user and logger.conf line SIPWarden needs. */
    @Command(name = "snippet", mixinStandardHelpOptions = true,
            description = "Print the manager.conf user (least privilege), the cdr_manager.conf and logger.conf "
                    + "lines, and the matching sipwarden.yml section.")
    static final class Snippet implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--user", defaultValue = "sipwarden", description = "AMI user name (default ${DEFAULT-VALUE}).")
        String user;

        @Option(names = "--permit", defaultValue = "127.0.0.1/255.255.255.255",
                description = "Address the daemon connects from (repeatable; default ${DEFAULT-VALUE}: same host).")
        List<String> permit;

        @Option(names = "--inventory", description = "Also grant write=system for PJSIPShowContacts "
                + "(the PJSIP contact inventory at connect; SuccessfulAuth events are enough without it).")
        boolean inventory;

        @Override
        public Integer call() {
            for (String p : permit) {
                if (!p.matches("[0-9a-fA-F:./]+")) {
                    throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                            "--permit: '" + io.sipwarden.decision.Texts.safe(p, 60) + "' is not an address/mask");
                }
            }
            if (!user.matches("[A-Za-z0-9_.-]{1,64}")) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "--user: use letters, digits, '_', '.', '-' (at most 64)");
            }
            var out = spec.commandLine().getOut();
            out.println(text(user, permit, inventory));
            out.flush();
            return Main.EXIT_OK;
        }

        static String text(String user, List<String> permit, boolean inventory) {
            StringBuilder b = new StringBuilder();
            b.append("""
                    ; ---- /etc/asterisk/manager.conf ------------------------------------------
                    [general]
                    enabled = yes
                    port = 5038
                    bindaddr = 127.0.0.1          ; keep AMI off the network

                    [%s]
                    ; generate a secret, e.g.: openssl rand -hex 24 > /etc/sipwarden/ami.secret
                    ; then paste that value here (the file stays readable by sipwarden only)
                    secret = PASTE-THE-GENERATED-SECRET-HERE
                    deny = 0.0.0.0/0.0.0.0
                    deny = ::/0
                    """.formatted(user));
            for (String p : permit) {
                b.append("permit = ").append(p).append('\n');
            }
            b.append("""
                    ; read: security (auth events: the essential one), system (FullyBooted, Shutdown),
                    ;       call and cdr (call events for toll-fraud rules and call control)
                    read = security,system,call,cdr
                    ; write: call = Hangup and Getvar (call control), reporting = CoreShowChannels and SIPpeers
                    write = %s
                    ; SIPWarden reads continuously; a little margin over the 100 ms default costs nothing
                    writetimeout = 1000

                    ; ---- /etc/asterisk/cdr_manager.conf (Cdr events over AMI) ---------------
                    [general]
                    enabled = yes

                    ; ---- /etc/asterisk/logger.conf, section [logfiles] ------------------------
                    ; Asterisk 20 and later (the sample's spelling):
                    security.log => security
                    ; Asterisk 13 to 18:
                    ;security => security

                    ; ---- then apply -------------------------------------------------------
                    ; asterisk -rx 'manager reload' && asterisk -rx 'logger reload' && asterisk -rx 'module reload cdr_manager.so'

                    # ---- /etc/sipwarden/sipwarden.yml -----------------------------------------
                    ami:
                      connections:
                        - name: pbx1
                          host: 127.0.0.1
                          port: 5038
                          username: %s
                          secret_file: /etc/sipwarden/ami.secret
                    # then check it: sipwarden doctor --user %s --secret-file /etc/sipwarden/ami.secret
                    """.formatted(inventory ? "call,reporting,system" : "call,reporting", user, user));
            return b.toString();
        }
    }
}
