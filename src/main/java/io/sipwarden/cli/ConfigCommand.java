package io.sipwarden.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** {@code sipwarden config}: configuration tools; {@code check} is the one subcommand so far. */
@Command(name = "config", description = "Configuration tools.", mixinStandardHelpOptions = true,
        subcommands = {ConfigCheckCommand.class, ConfigShowCommand.class})
final class ConfigCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("sipwarden config: a subcommand is required (check)");
        spec.commandLine().usage(spec.commandLine().getErr());
        return Main.EXIT_USAGE;
    }
}
