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

    /** The last status the daemon wrote, if any. */
    public static Optional<Status> read(Path stateDir) throws IOException {
        Path f = stateDir.resolve(NAME);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        return Optional.of(JSON.readValue(f.toFile(), Status.class));
    }

    public static String toJson(Status s) throws IOException {
        return JSON.writeValueAsString(s);
    }
}
