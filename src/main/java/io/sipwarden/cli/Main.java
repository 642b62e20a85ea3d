package io.sipwarden.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code sipwarden} command. Exit codes: 0 ok, 1 runtime error, 2 usage error. */
// INHERIT: every subcommand gets -h/--help and -V/--version; it was declared per command and half had none.
@Command(name = "sipwarden",
        scope = CommandLine.ScopeType.INHERIT,
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Intrusion prevention for Asterisk PBXs: geography first.",
        subcommands = {
            CommandLine.HelpCommand.class,
            ReplayCommand.class,
            RunCommand.class,
            AuditCommand.class,
            LookupCommand.class,
            GeoCommand.class,
            ConfigCommand.class,
            ExplainCommand.class,
            BansCommand.class,
            StatusCommand.class,
            FirewallCommand.class,
            AsteriskCommand.class,
            DoctorCommand.class,
        })
public final class Main implements Runnable {

    public static final int EXIT_OK = 0;
    public static final int EXIT_RUNTIME = 1;
    public static final int EXIT_USAGE = 2;

    public static void main(String[] args) {
        // One line per log record, local time first: greppable and sortable (JUL default is two lines).
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format",
                    "%1$tF %1$tT.%1$tL %4$s %3$s: %5$s%6$s%n");
        }
        System.exit(execute(Stdout.of(new java.io.FileOutputStream(java.io.FileDescriptor.out), System.out.charset()), null, args));
    }

    /** Runs the CLI without exiting: for tests. */
    public static int execute(String... args) {
        return execute(null, null, args);
    }

    /** Runs the CLI without exiting, printing to the given writers (null: stdout/stderr): for tests. */
    public static int execute(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new Main());
        // picocli asks this mapper for parse errors too: they must stay usage errors.
        if (out != null) {
            cl.setOut(out);
        }
        if (err != null) {
            cl.setErr(err);
        }
        cl.setExitCodeExceptionMapper(e -> e instanceof CommandLine.ParameterException ? EXIT_USAGE : EXIT_RUNTIME);
        cl.setExecutionExceptionHandler((e, cmd, parse) -> {
            cmd.getErr().println("sipwarden: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            // A bad configuration is the user's input, like a bad option: exit 2, not 1.
            return e instanceof io.sipwarden.config.ConfigException ? EXIT_USAGE : EXIT_RUNTIME;
        });
        int code = cl.execute(args);
        if (cl.getOut() instanceof Stdout stdout && stdout.failure() != null) {
            // A reader that stopped early (| head) is not worth a message, as for any Unix tool; a full disk is.
            if (!"Broken pipe".equals(stdout.failure().getMessage())) {
                cl.getErr().println("sipwarden: standard output not written: " + stdout.failure().getMessage());
                cl.getErr().flush();
            }
            return code == EXIT_OK ? EXIT_RUNTIME : code;
        }
        return code;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "a subcommand is required");
    }
}
