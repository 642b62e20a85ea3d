package io.sipwarden.cli;

import io.sipwarden.engine.Status;
import io.sipwarden.engine.StatusFile;
import io.sipwarden.store.sqlite.SqliteStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sipwarden status}: active bans from the store, and the daemon's counters and health from
 * the status file it rewrites every 5 s (older than 30 s means the daemon is not running).
 * Exit 0 when healthy, 1 when the daemon reports a degraded part or the store cannot be read.
 */
@Command(name = "status", description = "Bans in force, and the daemon's counters and health.")
final class StatusCommand implements Callable<Integer> {
    @Mixin
    StateDirOption state;
    @Option(names = "--json", description = "The daemon's status file as JSON.")
    boolean json;
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (!state.exists(spec.commandLine().getErr())) {
            return Main.EXIT_USAGE;
        }
        PrintWriter out = spec.commandLine().getOut();
        Instant now = Instant.now();
        Optional<Status> st = StatusFile.read(state.dir);
        if (json) {
            out.println(st.isPresent() ? StatusFile.toJson(st.get()) : "{}");
            out.flush();
            return Main.EXIT_OK;
        }
        int active;
        int schema;
        try (SqliteStore store = SqliteStore.open(state.store())) {
            active = store.active(now).size();
            schema = store.schemaVersion();
        }
        out.println("store:       " + state.store().path() + " (schema " + schema + "), " + active + " active bans");
        if (st.isEmpty()) {
            out.println("daemon:      no status file in " + state.dir + " (never ran here)");
            out.flush();
            return Main.EXIT_OK;
        }
        Status s = st.get();
        Duration age = Duration.between(s.at(), now);
        Optional<Instant> stoppedAt = RuntimeReport.stoppedAt(state.dir);
        boolean running = age.compareTo(Duration.ofSeconds(30)) < 0
                && stoppedAt.map(t -> t.isBefore(s.started())).orElse(true);
        out.println("daemon:      " + (running ? "running" : stoppedAt.isPresent() && !stoppedAt.get().isBefore(s.started())
                ? "stopped at " + stoppedAt.get() : "not running (last status " + age.toSeconds() + " s ago)")
                + ", started " + s.started());
        out.println("events:      " + s.events() + " " + s.eventsByKind());
        out.println("findings:    " + s.findingsByRule());
        out.println("decisions:   " + s.decisions() + " made, " + s.suppressed() + " suppressed (already banned), "
                + s.refused() + " refused (trusted), " + s.alerts() + " alerts");
        out.println("sources:     " + s.trackedSources() + " tracked, " + s.evictedSources() + " evicted; "
                + s.droppedEvents() + " events dropped, " + s.failedEvents() + " failed");
        out.println("bans:        " + s.activeBans() + " active in the engine");
        if (s.store() != null) {
            out.println("store:       " + (s.store().ok() ? "ok" : "DEGRADED") + " - " + s.store().detail());
        }
        for (Status.Component c : s.enforcers()) {
            out.println("enforcer:    " + c.name() + " " + (c.ok() ? "ok" : "DEGRADED") + " - " + c.detail());
        }
        RuntimeReport.read(state.dir).ifPresent(lines -> lines.forEach(out::println));
        out.flush();
        return running && s.degraded() ? Main.EXIT_RUNTIME : Main.EXIT_OK;
    }
}
