package io.sipwarden.cli;

import io.sipwarden.config.Configuration;
import io.sipwarden.config.Durations;
import io.sipwarden.config.GeneralSettings;
import io.sipwarden.config.Section;
import io.sipwarden.config.Sections;
import io.sipwarden.policy.PolicyRuntime;
import io.sipwarden.policy.StandardPolicy;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/**
 * {@code sipwarden config check}: loads and validates the configuration as the daemon would.
 * Exit 0 with a summary, or 2 with every error as {@code file:line: setting: message}.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Validate the configuration and summarise it; exit 2 with every error if it is invalid.")
final class ConfigCheckCommand implements Callable<Integer> {

    @Mixin
    ConfigFileOption config;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Optional<Configuration> loaded = config.load(spec.commandLine().getErr());
        if (loaded.isEmpty()) {
            return Main.EXIT_USAGE;
        }
        Configuration c = loaded.get();
        if (c.files().isEmpty()) {
            out.println("configuration: no file found, built-in defaults");
        } else {
            out.println("configuration: OK, " + c.files().size() + " file(s), applied in this order:");
            for (Path f : c.files()) {
                out.println("  " + f);
            }
        }
        out.print("sections:");
        for (Section<?> s : Sections.ALL) {
            out.print(" " + s.name() + (c.isSet(s.name()) ? "" : " (defaults)"));
        }
        out.println();
        GeneralSettings g = c.section(Sections.GENERAL);
        out.println("general: state_dir " + g.stateDir() + ", " + g.hostAddresses().size()
                + " configured host address(es), interfaces re-read every " + Durations.format(g.hostAddressRefresh()));
        // No DNS here: checking must not depend on the network; explain resolves.
        StandardPolicy policy = PolicyRuntime.once(c, false);
        for (String line : policy.summary()) {
            out.println("policy." + line);
        }
        out.flush();
        return Main.EXIT_OK;
    }
}
