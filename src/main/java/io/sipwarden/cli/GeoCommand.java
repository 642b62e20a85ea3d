package io.sipwarden.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code sipwarden geo}: the geo databases (info, update). */
@Command(name = "geo", description = "Inspect and update the geo databases.",
        subcommands = {GeoInfoCommand.class, GeoUpdateCommand.class})
final class GeoCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: info or update");
    }
}
