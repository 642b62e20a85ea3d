package io.sipwarden.engine;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code status.json} in the state directory: the running daemon rewrites it every few seconds
 * (atomically: temp file + rename) so {@code sipwarden status} can report without talking to it.
 */
public final class StatusFile {
    public static final String NAME = "status.json";

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new SimpleModule()
                    .addSerializer(Instant.class, new JsonSerializer<>() {
                        @Override
                        public void serialize(Instant v, JsonGenerator g, SerializerProvider p) throws IOException {
                            g.writeString(v.toString());
                        }
                    })
                    .addDeserializer(Instant.class, new JsonDeserializer<>() {
                        @Override
                        public Instant deserialize(JsonParser p, DeserializationContext c) throws IOException {
                            return Instant.parse(p.getText());
                        }
                    }))
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private StatusFile() {
    }

    public static void write(Path stateDir, Status status) throws IOException {
        Files.createDirectories(stateDir);
        Path tmp = stateDir.resolve(NAME + ".tmp");
        JSON.writeValue(tmp.toFile(), status);
        Files.move(tmp, stateDir.resolve(NAME), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * The last status the daemon wrote, if any.
     *
     * @throws IOException naming the file when it cannot be read or is not a status (damaged,
     *                     edited, or from a version without {@code at} and {@code started})
     */
    public static Optional<Status> read(Path stateDir) throws IOException {
        Path f = stateDir.resolve(NAME);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        Status s;
        try {
            s = JSON.readValue(f.toFile(), Status.class);
        } catch (com.fasterxml.jackson.core.JacksonException | java.time.DateTimeException e) {
            // Jackson's text ("Invalid UTF-8 start byte ... at [Source: REDACTED ...]") tells the operator nothing.
            throw new IOException(f + ": not a status file sipwarden wrote (" + firstLine(e) + ")", e);
        }
        // Without these the callers met a NullPointerException ("startInclusive is null").
        if (s == null || s.at() == null || s.started() == null) {
            throw new IOException(f + ": not a status file sipwarden wrote (no \"at\" or \"started\")");
        }
        return Optional.of(s);
    }

    private static String firstLine(Exception e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root instanceof com.fasterxml.jackson.core.JacksonException j ? j.getOriginalMessage() : root.getMessage();
        m = m == null ? root.getClass().getSimpleName() : m.lines().findFirst().orElse("");
        return m.length() > 120 ? m.substring(0, 120) + "…" : m;
    }

    public static String toJson(Status s) throws IOException {
        return JSON.writeValueAsString(s);
    }
}
