package io.sipwarden.cli;

import io.sipwarden.audit.AuditSettings;
import io.sipwarden.audit.AuditWatcher;
import io.sipwarden.config.Configuration;
import io.sipwarden.config.Sections;
import io.sipwarden.engine.Daemon;
import io.sipwarden.engine.EngineSettings;
import io.sipwarden.enforce.Backends;
import io.sipwarden.enforce.Enforcer;
import io.sipwarden.geo.GeoLookup;
import io.sipwarden.geo.load.GeoLoader;
import io.sipwarden.policy.PolicyRuntime;
import io.sipwarden.sensor.EventSource;
import io.sipwarden.sensor.dedup.DedupedSource;
import io.sipwarden.sensor.log.LogFollower;
import io.sipwarden.sensor.log.LogSettings;
import io.sipwarden.store.StoreException;
import io.sipwarden.store.StoreSettings;
import io.sipwarden.store.sqlite.SqliteStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sipwarden run}: the daemon. Assembles configuration → policy → geo → store → enforcers
 * → sensors → engine, and runs until SIGTERM/SIGINT (or {@code --exit-after}); stopping leaves
 * kernel bans to expire on their own unless {@code enforce.remove_on_stop} says otherwise.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the daemon: follow Asterisk's logs and AMI, detect, store and enforce bans.")
final class RunCommand implements Callable<Integer> {
    private static final System.Logger LOG = System.getLogger(RunCommand.class.getName());

    @Mixin
    ConfigFileOption config;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "State directory (database, status file); overrides general.state_dir.")
    Path stateDir;

    @Option(names = "--exit-after", paramLabel = "DURATION", hidden = true, converter = DurationConverter.class,
            description = "Stop after this long (tests and smoke runs), e.g. 5s.")
    Duration exitAfter;

    /** Accepts the configuration's duration forms ("5s", "10m", ISO-8601). */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return io.sipwarden.time.DurationText.parse(value);
        }
    }

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        Optional<Configuration> loaded = config.load(err);
        if (loaded.isEmpty()) {
            return Main.EXIT_USAGE;
        }
        Configuration cfg = loaded.get();
        InstantSource clock = InstantSource.system();
        Path dir = stateDir != null ? stateDir : cfg.section(Sections.GENERAL).stateDir();
        StoreSettings storeSettings = cfg.locate("store.path").isPresent() && stateDir == null
                ? cfg.section(Sections.STORE) : StoreSettings.inDirectory(dir);
        try {
            Files.createDirectories(storeSettings.stateDirectory());
        } catch (IOException e) {
            err.println("sipwarden run: cannot create the state directory " + storeSettings.stateDirectory() + ": " + e
                    + " (set general.state_dir or --state-dir to a writable directory)");
            return Main.EXIT_RUNTIME;
        }
        SqliteStore store;
        try {
            store = SqliteStore.open(storeSettings);
        } catch (StoreException e) {
            err.println("sipwarden run: cannot open the store " + storeSettings.file() + ": " + e.getMessage());
            return Main.EXIT_RUNTIME;
        }
        PolicyRuntime policy = PolicyRuntime.start(cfg);
        GeoLookup geo = openGeo(cfg);
        EngineSettings engine = new EngineSettings(cfg.section(Sections.DETECTORS), cfg.section(Sections.BANS),
                storeSettings, cfg.section(Sections.OUTPUTS), cfg.section(Sections.GENERAL).queueCapacity());
        Sensors ami = new Sensors(cfg, clock);
        List<Enforcer> enforcers = new ArrayList<>();
        enforcers.add(Backends.open(cfg.section(Sections.ENFORCE), clock));
        enforcers.addAll(ami.enforcers());
        LogSettings log = cfg.section(Sections.LOG);
        List<EventSource> sources = new ArrayList<>();
        sources.add(LogFollower.of(log, store, clock));
        sources.addAll(ami.clients());
        Daemon daemon = Daemon.start(engine, store, storeSettings.stateDirectory(), policy.policy(), geo, enforcers,
                DedupedSource.share(sources, log.deduplicator()), ami.extraRules(cfg), clock);
        AuditSettings auditSettings = cfg.section(Sections.AUDIT);
        AuditWatcher audit = startAudit(auditSettings, clock);
        RuntimeReport report = new RuntimeReport(storeSettings.stateDirectory(), sources, audit,
                audit == null ? auditNote(auditSettings) : "", clock);
        ScheduledExecutorService reporter = Executors.newSingleThreadScheduledExecutor(r ->
                Thread.ofPlatform().daemon().name("sipwarden-runtime-report").unstarted(r));
        reporter.scheduleWithFixedDelay(report::write, 0, 5, TimeUnit.SECONDS);
        Runnable stop = () -> {
            reporter.shutdownNow();
            closeQuietly(audit);
            shutdown(daemon, policy, geo);
            report.writeStopped();
        };
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.run();
            stopped.countDown();
        }, "sipwarden-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        LOG.log(Level.INFO, "sipwarden running: state in {0}, {1} source(s), enforcer {2}",
                storeSettings.stateDirectory(), sources.size(), enforcers.getFirst().name());
        if (exitAfter != null) {
            if (!stopped.await(exitAfter.toMillis(), TimeUnit.MILLISECONDS)) {
                Runtime.getRuntime().removeShutdownHook(hook);
                stop.run();
            }
        } else {
            stopped.await();
        }
        return Main.EXIT_OK;
    }

    /** The config watcher, or null when auditing is off or impossible here (the reason goes to status). */
    private static AuditWatcher startAudit(AuditSettings s, InstantSource clock) {
        if (!s.enabled() || !Files.isDirectory(s.dir())) {
            LOG.log(Level.INFO, "configuration audit not running: " + auditNote(s));
            return null;
        }
        try {
            return new AuditWatcher(s.dir(), s.major(), s.debounceTime(), clock);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "configuration audit of " + s.dir() + " cannot start: " + e);
            return null;
        }
    }

    private static String auditNote(AuditSettings s) {
        return !s.enabled() ? "disabled (audit.enabled: false)"
                : !Files.isDirectory(s.dir()) ? "no Asterisk configuration directory at " + s.dir() + " (audit.config_dir)"
                : "could not start (see the log)";
    }

    private static void closeQuietly(AuditWatcher audit) {
        if (audit != null) {
            try {
                audit.close();
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.WARNING, "audit watcher close: " + e);
            }
        }
    }

    private static GeoLookup openGeo(Configuration cfg) {
        try {
            return GeoLoader.open(cfg.section(Sections.GEO), true);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.ERROR, "geo databases unavailable (" + e.getMessage()
                    + "): geofencing is off until they load; detectors still run");
            return GeoWiring.lookup(cfg);
        }
    }

    private static void shutdown(Daemon daemon, PolicyRuntime policy, GeoLookup geo) {
        try {
            daemon.close();
        } finally {
            policy.close();
            geo.close();
        }
    }
}
