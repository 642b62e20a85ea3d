package io.sipwarden.cli;

import io.sipwarden.audit.AsteriskVersion;
import io.sipwarden.audit.AuditReport;
import io.sipwarden.audit.Auditor;
import io.sipwarden.audit.check.SecretStrength;
import io.sipwarden.audit.report.JsonReport;
import io.sipwarden.audit.report.SarifReport;
import io.sipwarden.audit.report.TextReport;
import io.sipwarden.detect.Finding.Severity;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sipwarden audit}: checks an Asterisk configuration directory for toll-fraud and exposure risks. */
@Command(name = "audit", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Audit an Asterisk configuration (sip, pjsip, iax, manager, http, ari, extensions, modules, logger).",
        footer = {"", "Exit codes: 0 no finding at or above --fail-on, 1 runtime error, 2 usage error,",
                "            3 findings at or above --fail-on."})
public final class AuditCommand implements Callable<Integer> {

    /** Findings at or above --fail-on: distinct from runtime (1) and usage (2) errors so CI can tell them apart. */
    public static final int EXIT_FINDINGS = 3;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "Asterisk config directory (default: /etc/asterisk).")
    Path dir = Path.of("/etc/asterisk");

    @ArgGroup(exclusive = true)
    Format format;

    static final class Format {
        @Option(names = "--json", description = "JSON report.")
        boolean json;

        @Option(names = "--sarif", description = "SARIF 2.1.0 report for CI code scanning.")
        boolean sarif;
    }

    @Option(names = "--fail-on", paramLabel = "SEVERITY",
            description = "Exit with 3 when a finding is at or above: info, low, medium, high, critical, none (default: none).")
    String failOn = "none";

    @Option(names = "--asterisk-version", paramLabel = "VERSION",
            description = "Asterisk version (e.g. 20 or 21.4.1) when 'asterisk -V' cannot tell.")
    String asteriskVersion;

    @Option(names = "--color", paramLabel = "WHEN", description = "auto, always or never (default: auto = when writing to a terminal).")
    String color = "auto";

    @Option(names = "--no-guess", description = "Skip zxcvbn's guessability estimate of secrets (faster on very large configurations; the other secret rules still apply).")
    boolean noGuess;

    @Option(names = "--all", description = "Text report: show every finding (default: the first " + TextReport.PER_RULE + " per rule).")
    boolean all;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report to FILE instead of standard output.")
    Path output;

    /** Bad arguments found after parsing; reported by {@link #call} with exit code 2. */
    private static final class Usage extends RuntimeException {
        Usage(String message) {
            super(message, null, false, false);
        }
    }

    @Override
    public Integer call() throws IOException {
        try {
            return run();
        } catch (Usage e) {
            spec.commandLine().getErr().println("sipwarden audit: " + e.getMessage());
            spec.commandLine().getErr().println("Try 'sipwarden audit --help' for more information.");
            return Main.EXIT_USAGE;
        }
    }

    private int run() throws IOException {
        Severity threshold = threshold();
        OptionalInt major = OptionalInt.empty();
        if (asteriskVersion != null) {
            major = AsteriskVersion.parse(asteriskVersion);
            if (major.isEmpty()) {
                throw new Usage("--asterisk-version: not a version: '" + asteriskVersion + "'");
            }
        }
        if (!Files.isDirectory(dir)) {
            throw new Usage("not a directory: " + dir);
        }
        boolean colour = switch (color.toLowerCase(Locale.ROOT)) {
            case "always" -> true;
            case "never" -> false;
            case "auto" -> output == null && System.console() != null && System.console().isTerminal()
                    && System.getenv("NO_COLOR") == null;
            default -> throw new Usage("--color: expected auto, always or never");
        };
        AuditReport report = new Auditor(new SecretStrength(!noGuess), InstantSource.system()).audit(dir, major);
        PrintWriter out = output == null ? spec.commandLine().getOut()
                : new PrintWriter(Files.newBufferedWriter(output));
        try {
            if (format != null && format.json) {
                new JsonReport().write(report, out);
                out.println();
            } else if (format != null && format.sarif) {
                new SarifReport().write(report, out);
                out.println();
            } else {
                new TextReport(colour, all ? Integer.MAX_VALUE : TextReport.PER_RULE).write(report, out);
            }
        } finally {
            out.flush();
            if (output != null) {
                out.close();
            }
        }
        return threshold != null && report.hasAtLeast(threshold) ? EXIT_FINDINGS : Main.EXIT_OK;
    }

    private Severity threshold() {
        String f = failOn.strip().toUpperCase(Locale.ROOT);
        if (f.equals("NONE")) {
            return null;
        }
        try {
            return Severity.valueOf(f);
        } catch (IllegalArgumentException e) {
            throw new Usage("--fail-on: expected info, low, medium, high, critical or none, not '" + failOn + "'");
        }
    }
}
