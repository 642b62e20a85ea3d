package io.sipwarden.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads a {@link Secret} inline, or from a file when the key ends in {@code _file} (the record
 * declares {@code @JsonAlias("secret_file") Secret secret}). No message quotes the secret.
 */
final class SecretDeserializer extends StdScalarDeserializer<Secret> {

    private static final int MAX_FILE = 64 * 1024;

    SecretDeserializer() {
        super(Secret.class);
    }

    @Override
    public Secret deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        JsonToken t = p.currentToken();
        if (!t.isScalarValue()) {
            throw new BadValueException(p, "expected text, got " + Kinds.token(t));
        }
        String text = p.getText();
        String key = p.currentName();
        if (key != null && key.endsWith("_file")) {
            return fromFile(p, text);
        }
        if (text.isEmpty()) {
            throw new BadValueException(p, "is empty");
        }
        return Secret.of(text);
    }

    private static Secret fromFile(JsonParser p, String name) throws IOException {
        Path file = Path.of(name.strip());
        if (!file.isAbsolute()) {
            throw new BadValueException(p, "must be an absolute path, got '" + name.strip() + "'");
        }
        try {
            if (Files.size(file) > MAX_FILE) {
                throw new BadValueException(p, "file " + file + " is too large for a secret");
            }
            String s = Files.readString(file, StandardCharsets.UTF_8);
            // Files written by `echo secret > file` end in a newline that is not part of the secret.
            s = s.replaceAll("[\r\n]+$", "");
            if (s.isEmpty()) {
                throw new BadValueException(p, "file " + file + " is empty");
            }
            return Secret.of(s);
        } catch (NoSuchFileException e) {
            throw new BadValueException(p, "cannot read " + file + ": no such file");
        } catch (AccessDeniedException e) {
            throw new BadValueException(p, "cannot read " + file + ": permission denied");
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new BadValueException(p, "cannot read " + file + ": not UTF-8 text");
        }
    }
}
