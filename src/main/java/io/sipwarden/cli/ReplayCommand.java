package io.sipwarden.cli;

import io.sipwarden.config.Configuration;
import io.sipwarden.config.Sections;
import io.sipwarden.decision.Decision;
import io.sipwarden.decision.Texts;
import io.sipwarden.engine.EngineSettings;
import io.sipwarden.engine.Replay;
import io.sipwarden.engine.ReplayResult;
import io.sipwarden.geo.GeoLookup;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sipwarden.net.Addresses;
import io.sipwarden.policy.PolicyRuntime;
import io.sipwarden.sensor.log.LogFormat;
import io.sipwarden.sensor.log.LogReplaySource;
import io.sipwarden.sensor.log.LogSettings;
import io.sipwarden.sensor.log.LogStats;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sipwarden replay FILE...}: the live engine over finished log files, on event time —
 * what would have been banned, when, and why. Nothing is stored or enforced.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Run the detection engine over Asterisk log files (plain or .gz) on event time and print the decisions.")
final class ReplayCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE",
            description = "messages, full or security logs; several are merged by time. - reads standard input.")
    List<Path> files;

    @Option(names = "--json", description = "One decision per line as JSON (src_ip, rule, until, reason, ...), no summary.")
    boolean json;

    @Option(names = "--dateformat", paramLabel = "FMT", description = "logger.conf dateformat of these files (default: log.dateformat).")
    String dateformat;

    @Option(names = "--timezone", paramLabel = "ZONE", description = "Zone of the log timestamps (default: log.timezone).")
    String timezone;

    @Mixin
    ConfigFileOption config;

    @Spec
    CommandLine.Model.CommandSpec spec;

    private static final Path STDIN = Path.of("/dev/stdin");

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        // "-" is standard input, as for zcat and grep (zcat x.gz | sipwarden replay -)
        files = files.stream().map(f -> f.toString().equals("-") ? STDIN : f).toList();
        for (Path f : files) {
            // a file, or a pipe such as /dev/stdin (zcat x.gz | sipwarden replay /dev/stdin); not a directory
            if (Files.isDirectory(f) || !Files.isReadable(f)) {
                err.println("sipwarden replay: cannot read " + f + (Files.exists(f) ? " (not a readable file)" : " (no such file)"));
                return Main.EXIT_USAGE;
            }
        }
        Optional<Configuration> loaded = config.load(err);
        if (loaded.isEmpty()) {
            return Main.EXIT_USAGE;
        }
        Configuration cfg = loaded.get();
        LogSettings log = cfg.section(Sections.LOG);
        LogFormat format;
        try {
            format = LogFormat.of(dateformat == null ? log.dateformat() : dateformat,
                    ZoneId.of(timezone == null ? log.timezone() : timezone));
        } catch (IllegalArgumentException | DateTimeException e) {
            err.println("sipwarden replay: " + e.getMessage());
            return Main.EXIT_USAGE;
        }
        EngineSettings engine = new EngineSettings(cfg.section(Sections.DETECTORS), cfg.section(Sections.BANS),
                cfg.section(Sections.STORE), cfg.section(Sections.OUTPUTS), cfg.section(Sections.GENERAL).queueCapacity());
        ReplayResult result;
        LogStats stats;
        try (GeoLookup geo = GeoWiring.lookup(cfg);
             LogReplaySource source = LogReplaySource.open(files, format, InstantSource.system(), log.deduplicator(),
                     log.maxLineBytes())) {
            result = Replay.run(source, engine, PolicyRuntime.once(cfg), geo);
            stats = source.stats();
        }
        if (json) {
            result.decisions().forEach(d -> out.println(json(d)));
        } else {
            result.decisions().forEach(d -> out.println(human(d)));
            summary(out, stats, result);
        }
        out.flush();
        return Main.EXIT_OK;
    }

    private static String counts(Map<String, Long> m) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, Long> e : m.entrySet()) {
            b.append(b.isEmpty() ? "" : ", ").append(e.getKey()).append('=').append(e.getValue());
        }
        return b.isEmpty() ? "none" : b.toString();
    }

    /** A flat decision line: the fields scripts want at the top, the EVE decision record inside. */
    static String json(Decision d) {
        ObjectNode n = JSON.createObjectNode();
        n.put("src_ip", Addresses.format(d.scope().network()));
        n.put("scope", d.scope().toString());
        n.put("action", d.type().name().toLowerCase(java.util.Locale.ROOT));
        n.put("rule", d.origin().name());
        n.put("revision", d.origin().revision());
        n.put("reason", d.reason());
        n.put("until", d.until().toString());
        n.put("first_evidence", d.firstEvidence().toString());
        n.put("last_evidence", d.lastEvidence().toString());
        n.put("location", d.location().describe());
        n.put("country", d.location().country());
        n.put("id", d.id());
        return n.toString();
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    static String human(Decision d) {
        return String.format("%s %-15s %s r%d until %s  %s  [%s]  evidence %s .. %s",
                d.type().name().toLowerCase(java.util.Locale.ROOT), d.scope(), d.origin().name(), d.origin().revision(),
                d.until(), Texts.safe(d.reason(), 300), d.location().describe(), d.firstEvidence(), d.lastEvidence());
    }

    private static void summary(PrintWriter out, LogStats stats, ReplayResult result) {
        out.println();
        out.printf("lines read: %d  recognized without security meaning: %d  unmatched: %d  oversize: %d  duplicates dropped: %d%n",
                stats.lines(), stats.recognized(), stats.unmatched(), stats.oversize(), stats.duplicates());
        out.println("reports parsed by kind: " + counts(stats.events()));
        out.println("events after de-duplication: " + result.stats().events() + " (" + counts(result.stats().eventsByKind()) + ")");
        out.println("findings by rule: " + counts(result.stats().findingsByRule()));
        out.printf("decisions: %d%n", result.decisions().size());
    }
}
