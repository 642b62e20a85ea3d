package io.sipwarden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class HelpOptionTest {

    /** Half the commands (status, bans list, lookup, geo update, ...) answered --help with "Unknown option" and exit 2. */
    @Test
    void everyCommandAndSubcommandAnswersHelpWithItsUsage() {
        List<List<String>> paths = new ArrayList<>();
        collect(new CommandLine(new Main()), new ArrayList<>(), paths);
        assertThat(paths).hasSizeGreaterThan(15);
        for (List<String> path : paths) {
            for (String help : List.of("--help", "-h")) {
                List<String> args = new ArrayList<>(path);
                args.add(help);
                CliRun.Result r = CliRun.run(args.toArray(String[]::new));
                assertThat(r.code()).as(args + ": " + r.err()).isZero();
                assertThat(r.out()).as(args.toString()).startsWith("Usage: sipwarden");
                assertThat(r.err()).as(args.toString()).doesNotContain("Unknown option");
            }
        }
    }

    private static void collect(CommandLine cl, List<String> path, List<List<String>> out) {
        out.add(path);
        cl.getSubcommands().forEach((name, sub) -> {
            // picocli's built-in help command prints the usage of the command it names, not its own.
            if (!name.equals("help") && sub.getCommandName().equals(name)) {
                List<String> p = new ArrayList<>(path);
                p.add(name);
                collect(sub, p, out);
            }
        });
    }
}
