package io.sipwarden.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code sipwarden} command. Exit codes: 0 ok, 1 runtime error, 2 usage error. */
@Command(name = "sipwarden",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Intrusion prevention for Asterisk PBXs: geography first.",
        subcommands = {
            CommandLine.HelpCommand.class,
            BansCommand.class,
            StatusCommand.class,
        })
public final class Main implements Runnable {

    public static final int EXIT_OK = 0;
    public static final int EXIT_RUNTIME = 1;
    public static final int EXIT_USAGE = 2;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the CLI without exiting: for tests. */
    public static int execute(String... args) {
        CommandLine cl = new CommandLine(new Main());
        // picocli asks this mapper for parse errors too: they must stay usage errors.
        cl.setExitCodeExceptionMapper(e -> e instanceof CommandLine.ParameterException ? EXIT_USAGE : EXIT_RUNTIME);
        cl.setExecutionExceptionHandler((e, cmd, parse) -> {
            cmd.getErr().println("sipwarden: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return EXIT_RUNTIME;
        });
        return cl.execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "a subcommand is required");
    }
}
