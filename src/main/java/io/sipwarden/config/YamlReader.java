package io.sipwarden.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.sipwarden.decision.Texts;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads one YAML file into a tree while remembering the line of every key and list element
 * (Jackson's own tree has no locations). Errors go to the caller's list; a file with errors
 * yields no tree.
 */
final class YamlReader {

    /**
     * The largest configuration file, in bytes: SnakeYAML's default limit of 3 MiB code points,
     * which it reports only as "not valid YAML" deep inside the file. Checked in bytes before
     * parsing, so a file that passes never reaches that limit (ConfigLoaderTest reads one exactly
     * this long). Not set in the factory: YAMLFactory.builder() drops the default parser features
     * (an empty list entry would become "" instead of null).
     */
    static final int MAX_BYTES = 3 * 1024 * 1024;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final YAMLFactory YAML = new YAMLFactory();

    private final Path file;
    private final ConfigErrors errors;
    private final Map<String, Integer> lines = new HashMap<>();
    private long errorsBefore;

    private YamlReader(Path file, ConfigErrors errors) {
        this.file = file;
        this.errors = errors;
    }

    static Optional<ParsedFile> read(Path file, ConfigErrors errors) {
        return new YamlReader(file, errors).read();
    }

    private Optional<ParsedFile> read() {
        if (Files.isDirectory(file)) {
            // Opening a directory succeeds on Linux and the read fails inside the YAML parser,
            // which reported it as a syntax error at line 1.
            errors.add(fileError("is a directory, not a configuration file"));
            return Optional.empty();
        }
        String text;
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                errors.add(fileError(tooLarge(size + " bytes")));
                return Optional.empty();
            }
            byte[] bytes;
            try (InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes(MAX_BYTES + 1);
            }
            if (bytes.length > MAX_BYTES) {
                // It grew after the size was asked, or is no regular file (a pipe).
                errors.add(fileError(tooLarge("more than " + MAX_BYTES + " bytes")));
                return Optional.empty();
            }
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (IOException e) {
            errors.add(fileError("cannot read: " + describe(e)));
            return Optional.empty();
        }
        return parse(new StringReader(text));
    }

    private static String tooLarge(String size) {
        return "too large: " + size + "; a configuration file may be at most " + MAX_BYTES + " bytes (3 MiB)";
    }

    private Optional<ParsedFile> parse(Reader text) {
        errorsBefore = errors.count();
        try (JsonParser p = YAML.createParser(text)) {
            JsonToken first = p.nextToken();
            ObjectNode root = NODES.objectNode();
            if (first != null && first != JsonToken.VALUE_NULL) {
                if (first != JsonToken.START_OBJECT) {
                    errors.add(ConfigError.at(new Location(file, line(p)), "",
                            "the file must be a map of settings (key: value), not " + Kinds.token(first)));
                    return Optional.empty();
                }
                root = (ObjectNode) value(p, "");
            }
            if (p.nextToken() != null) {
                errors.add(ConfigError.at(new Location(file, line(p)), "", "only one YAML document per file is allowed"));
            }
            return errors.count() == errorsBefore ? Optional.of(new ParsedFile(file, root, Map.copyOf(lines))) : Optional.empty();
        } catch (JsonProcessingException e) {
            errors.add(syntaxError(e));
            return Optional.empty();
        } catch (IOException e) {
            errors.add(fileError("cannot read: " + describe(e)));
            return Optional.empty();
        }
    }

    /** Values with a YAML anchor ({@code &name}); an alias ({@code *name}) gets a copy. */
    private final Map<String, JsonNode> anchors = new HashMap<>();

    private JsonNode value(JsonParser p, String path) throws IOException {
        if (p instanceof YAMLParser y && y.isCurrentAlias()) {
            JsonNode target = anchors.get(p.getText());
            if (target == null) {
                errors.add(ConfigError.at(new Location(file, line(p)), path, "unknown YAML alias *" + Texts.safe(p.getText(), 40)));
                return NODES.nullNode();
            }
            return target.deepCopy();
        }
        String anchor = p instanceof YAMLParser y ? y.getObjectId() : null;
        JsonNode v = plainValue(p, path);
        if (anchor != null) {
            anchors.put(anchor, v);
        }
        return v;
    }

    private JsonNode plainValue(JsonParser p, String path) throws IOException {
        JsonToken t = p.currentToken();
        return switch (t) {
            case START_OBJECT -> object(p, path);
            case START_ARRAY -> array(p, path);
            case VALUE_STRING -> NODES.textNode(p.getText());
            case VALUE_NUMBER_INT -> switch (p.getNumberType()) {
                case INT -> NODES.numberNode(p.getIntValue());
                case LONG -> NODES.numberNode(p.getLongValue());
                default -> NODES.numberNode(p.getBigIntegerValue());
            };
            case VALUE_NUMBER_FLOAT -> NODES.numberNode(p.getDoubleValue());
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case VALUE_NULL -> NODES.nullNode();
            default -> {
                errors.add(ConfigError.at(new Location(file, line(p)), path, "unsupported YAML value (" + t + ")"));
                yield NODES.nullNode();
            }
        };
    }

    private ObjectNode object(JsonParser p, String path) throws IOException {
        ObjectNode o = NODES.objectNode();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            String childPath = SettingPaths.child(path, key);
            int line = line(p);
            p.nextToken();
            JsonNode v = value(p, childPath);
            if (o.has(key)) {
                // YAML forbids duplicate keys and Jackson would silently keep the last one.
                errors.add(ConfigError.at(new Location(file, line), childPath,
                        "duplicate key (first given on line " + lines.get(childPath) + ")"));
                continue;
            }
            lines.put(childPath, line);
            o.set(key, v);
        }
        return o;
    }

    private ArrayNode array(JsonParser p, String path) throws IOException {
        ArrayNode a = NODES.arrayNode();
        int i = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            String childPath = SettingPaths.element(path, i++);
            lines.put(childPath, line(p));
            a.add(value(p, childPath));
        }
        return a;
    }

    private static int line(JsonParser p) {
        return Math.max(1, p.currentTokenLocation().getLineNr());
    }

    private ConfigError syntaxError(JsonProcessingException e) {
        // snakeyaml's full message quotes the offending line, which may hold a secret: show
        // only the problem and the position.
        String problem = e.getCause() instanceof org.yaml.snakeyaml.error.MarkedYAMLException m && m.getProblem() != null
                ? m.getProblem()
                : "not valid YAML";
        int line = e.getLocation() == null ? 1 : Math.max(1, e.getLocation().getLineNr());
        int column = e.getLocation() == null ? 0 : e.getLocation().getColumnNr();
        String at = column > 0 ? " (column " + column + ")" : "";
        return ConfigError.at(new Location(file, line), "", "YAML syntax error: " + problem + at);
    }

    private ConfigError fileError(String message) {
        return new ConfigError(Optional.empty(), file.toString(), "", message);
    }

    private static String describe(IOException e) {
        String kind = e.getClass().getSimpleName();
        return switch (kind) {
            case "NoSuchFileException" -> "no such file";
            case "AccessDeniedException" -> "permission denied";
            case "MalformedInputException" -> "not UTF-8 text";
            default -> kind;
        };
    }
}
