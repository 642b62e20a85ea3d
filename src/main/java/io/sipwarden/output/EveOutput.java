package io.sipwarden.output;

import com.fasterxml.jackson.core.JsonGenerator;
import io.sipwarden.decision.Decision;
import io.sipwarden.detect.EnrichedEvent;
import io.sipwarden.detect.Finding;
import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * Writes EVE NDJSON to a file or standard output. Safe with logrotate: {@link #reopen()} (the
 * daemon calls it on SIGHUP) and a check about once a second notice a file that was moved or
 * deleted and start a new one at the configured path. A write failure is logged once, counted,
 * and retried by reopening; it never reaches the engine.
 */
public final class EveOutput implements AutoCloseable {
    private static final Logger LOG = System.getLogger(EveOutput.class.getName());

    private final Path path;           // null: standard output
    private final boolean includeEvents;
    private OutputStream out;
    private JsonGenerator gen;
    private Object fileKey;
    private long lastCheck;
    private long failures;
    private String lastError;
    private volatile boolean reopenRequested;

    private EveOutput(Path path, boolean includeEvents) {
        this.path = path;
        this.includeEvents = includeEvents;
    }

    /** Opens the output the settings name, or null when EVE output is off. */
    public static EveOutput open(OutputSettings settings) {
        if (!settings.enabled()) {
            return null;
        }
        EveOutput o = new EveOutput(settings.eve().equals("-") ? null : Path.of(settings.eve()), settings.includeEvents());
        o.openStream();
        return o;
    }

    /** An output to a stream owned by the caller (tests, {@code replay --json}). */
    public static EveOutput to(OutputStream stream, boolean includeEvents) {
        EveOutput o = new EveOutput(null, includeEvents);
        o.out = Objects.requireNonNull(stream, "stream");
        o.gen = o.generator(stream);
        return o;
    }

    public boolean includesEvents() {
        return includeEvents;
    }

    public void event(EnrichedEvent e) {
        if (includeEvents) {
            write(g -> EveFormat.writeEvent(g, e));
        }
    }

    public void alert(Finding f, EnrichedEvent cause) {
        write(g -> EveFormat.writeAlert(g, f, cause));
    }

    public void decision(Decision d) {
        write(g -> EveFormat.writeDecision(g, d));
    }

    /** Asks for the file to be reopened at the next write (signal-handler safe). */
    public void reopen() {
        reopenRequested = true;
    }

    public long failures() {
        return failures;
    }

    public void flush() {
        if (gen != null) {
            try {
                gen.flush();
            } catch (IOException e) {
                failed(e);
            }
        }
        checkMoved();
    }

    private interface Writer {
        void write(JsonGenerator g) throws IOException;
    }

    private void write(Writer w) {
        if (reopenRequested) {
            reopenRequested = false;
            closeStream();
            openStream();
        }
        if (gen == null) {
            openStream();
            if (gen == null) {
                failures++;
                return;
            }
        }
        try {
            w.write(gen);
            gen.writeRaw('\n');
        } catch (IOException | RuntimeException e) {
            failed(e);
        }
    }

    private void failed(Exception e) {
        failures++;
        String msg = e.toString();
        if (!msg.equals(lastError)) {
            lastError = msg;
            LOG.log(Level.ERROR, "EVE output {0} failed: {1}; reopening", path == null ? "stdout" : path, msg);
        }
        closeStream();
    }

    private void checkMoved() {
        if (path == null) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastCheck < 1_000_000_000L) {
            return;
        }
        lastCheck = now;
        Object key = currentKey();
        if (gen != null && (key == null || !key.equals(fileKey))) {
            LOG.log(Level.INFO, "EVE output {0} was moved or removed; starting a new file", path);
            closeStream();
            openStream();
        }
    }

    private Object currentKey() {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class).fileKey();
        } catch (IOException e) {
            return null;
        }
    }

    private void openStream() {
        try {
            if (path == null) {
                out = new BufferedOutputStream(new FileOutputStream(java.io.FileDescriptor.out), 1 << 16);
            } else {
                Path dir = path.toAbsolutePath().getParent();
                if (dir != null) {
                    Files.createDirectories(dir);
                }
                out = new BufferedOutputStream(new FileOutputStream(path.toFile(), true), 1 << 16);
                fileKey = currentKey();
            }
            gen = generator(out);
            lastError = null;
        } catch (IOException | RuntimeException e) {
            String msg = e.toString();
            if (!msg.equals(lastError)) {
                lastError = msg;
                LOG.log(Level.ERROR, "cannot open EVE output {0}: {1} (check output.eve)", path, msg);
            }
            out = null;
            gen = null;
        }
    }

    private JsonGenerator generator(OutputStream os) {
        try {
            JsonGenerator g = EveFormat.factory().createGenerator(os);
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            return g;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void closeStream() {
        try {
            if (gen != null) {
                gen.flush();
            }
        } catch (IOException ignored) {
            // the stream is being replaced because it failed
        }
        // Closed even when the flush failed (disk full): each failure reopens, and skipping the
        // close leaked a descriptor per failed batch until the process ran out of them.
        closeFile();
        gen = null;
        out = path == null ? out : null;
    }

    private void closeFile() {
        if (out != null && path != null) {
            try {
                out.close();
            } catch (IOException ignored) {
                // a failed flush inside close still closes the descriptor
            }
        }
    }

    @Override
    public void close() {
        try {
            if (gen != null) {
                gen.flush();
            }
            if (out != null) {
                out.flush();
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "closing EVE output failed: {0}", e.toString());
        }
        closeFile();
        gen = null;
    }
}
