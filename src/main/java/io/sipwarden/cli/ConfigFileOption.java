package io.sipwarden.cli;

import io.sipwarden.config.ConfigException;
import io.sipwarden.config.ConfigLoader;
import io.sipwarden.config.Configuration;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The {@code --config FILE} option every command that reads the configuration shares (a picocli mixin). */
public final class ConfigFileOption {

    @Option(names = "--config", paramLabel = "FILE",
            description = "Configuration file (default: /etc/sipwarden/sipwarden.yml); conf.d/*.yml beside it are read too.")
    Path file;

    /** Loads and validates; on errors prints each as {@code file:line: setting: message} and returns empty. */
    public Optional<Configuration> load(PrintWriter err) {
        try {
            return Optional.of(ConfigLoader.load(file));
        } catch (ConfigException e) {
            e.lines().forEach(err::println);
            err.println("sipwarden: " + e.summary());
            err.flush();
            return Optional.empty();
        }
    }
}
