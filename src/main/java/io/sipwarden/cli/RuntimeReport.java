package io.sipwarden.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sipwarden.audit.AuditWatcher;
import io.sipwarden.sensor.EventSource;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the daemon's parts beyond the engine say about themselves — each sensor's status line
 * (log files followed, AMI connected or in alarm) and the latest audit summary — written to
 * {@code runtime.json} in the state directory beside {@code status.json}, for {@code status}.
 */
final class RuntimeReport {
    static final String NAME = "runtime.json";
    private static final System.Logger LOG = System.getLogger(RuntimeReport.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path dir;
    private final List<EventSource> sources;
    private final AuditWatcher audit;
    private final String auditNote;
    private final InstantSource clock;
    /** Set by the stopped report; guarded by this object's lock, which every write holds. */
    private boolean stopped;

    RuntimeReport(Path dir, List<EventSource> sources, AuditWatcher audit, String auditNote, InstantSource clock) {
        this.dir = dir;
        this.sources = List.copyOf(sources);
        this.audit = audit;
        this.auditNote = auditNote;
        this.clock = clock;
    }

    /** Writes the file atomically (temp + rename); a failure is logged, never thrown. */
    void write() {
        write(false);
    }

    /** The last write at shutdown says so, so {@code status} does not guess from file ages. */
    void writeStopped() {
        write(true);
    }

    /**
     * One write at a time: the periodic write and the stopped one share the temp file, and the
     * executor's shutdownNow does not wait for a periodic write already under way. Once the stopped
     * report is written, a periodic write that was still waiting writes nothing: the daemon's last
     * word stays "stopped".
     */
    private synchronized void write(boolean stop) {
        if (stopped) {
            return;
        }
        stopped = stop;
        ObjectNode root = JSON.createObjectNode();
        root.put("at", clock.instant().toString());
        if (stop) {
            root.put("stopped_at", clock.instant().toString());
        }
        ArrayNode src = root.putArray("sources");
        for (EventSource s : sources) {
            ObjectNode n = src.addObject();
            n.put("name", s.name());
            String status;
            try {
                status = s.status();
            } catch (RuntimeException e) {
                status = "status unavailable: " + e;
            }
            n.put("status", status);
        }
        ObjectNode a = root.putObject("audit");
        if (audit == null) {
            a.put("note", auditNote);
        } else {
            AuditWatcher.Summary s = audit.summary();
            if (s == null) {
                a.put("note", "first audit running");
            } else {
                a.put("at", s.at().toString());
                a.put("millis", s.millis());
                ObjectNode counts = a.putObject("counts");
                s.counts().forEach(counts::put);
                ArrayNode top = a.putArray("top");
                s.top().forEach(top::add);
                if (s.error() != null) {
                    a.put("error", s.error());
                }
            }
        }
        try {
            Path tmp = dir.resolve(NAME + ".tmp");
            JSON.writeValue(tmp.toFile(), root);
            Files.move(tmp, dir.resolve(NAME), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "cannot write {0} in {1}: {2}", NAME, dir, e.toString());
        }
    }

    /** When the daemon last stopped cleanly, if runtime.json says it did. */
    static Optional<java.time.Instant> stoppedAt(Path dir) {
        try {
            var root = JSON.readTree(dir.resolve(NAME).toFile());
            return root.hasNonNull("stopped_at") ? Optional.of(java.time.Instant.parse(root.get("stopped_at").asText()))
                    : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Lines for {@code status}: one per source, then the audit; empty when the daemon never wrote one. */
    static Optional<List<String>> read(Path dir) {
        Path f = dir.resolve(NAME);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        try {
            var root = JSON.readTree(f.toFile());
            List<String> lines = new java.util.ArrayList<>();
            for (var s : root.path("sources")) {
                lines.add("source:      " + s.path("name").asText() + " - " + s.path("status").asText());
            }
            var a = root.path("audit");
            if (a.has("counts")) {
                StringBuilder b = new StringBuilder("audit:       ");
                var it = a.path("counts").fields();
                boolean first = true;
                while (it.hasNext()) {
                    Map.Entry<String, com.fasterxml.jackson.databind.JsonNode> e = it.next();
                    b.append(first ? "" : ", ").append(e.getValue().asInt()).append(' ').append(e.getKey());
                    first = false;
                }
                b.append(first ? "no findings" : "").append(" (at ").append(a.path("at").asText()).append(')');
                lines.add(b.toString());
                for (var t : a.path("top")) {
                    lines.add("             " + t.asText());
                }
            } else if (a.has("note")) {
                lines.add("audit:       " + a.path("note").asText());
            }
            if (a.has("error")) {
                lines.add("audit error: " + a.path("error").asText());
            }
            return Optional.of(lines);
        } catch (IOException | RuntimeException e) {
            return Optional.of(List.of("runtime:     cannot read " + f + ": " + e.getMessage()));
        }
    }
}
