package io.sipwarden.acceptance;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/** Writing captured lines into followed logs, and counting what the daemon made of them. */
final class Feed {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Feed() {
    }

    /** Appends whole lines, as Asterisk's logger does. */
    static void append(Path log, List<String> lines) throws IOException {
        StringBuilder b = new StringBuilder();
        lines.forEach(l -> b.append(l).append('\n'));
        Files.writeString(log, b, StandardCharsets.ISO_8859_1, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                StandardOpenOption.WRITE);
    }

    /** Security-log lines that are events: failures (Severity Error) and successful logins. */
    static long events(List<String> securityLines) {
        return securityLines.stream()
                .filter(l -> l.contains("Severity=\"Error\"") || l.contains("SecurityEvent=\"SuccessfulAuth\"")).count();
    }

    /** Lines of the EVE file with this event_type (0 while it does not exist). */
    static long eve(Path eveFile, String eventType) {
        if (!Files.exists(eveFile)) {
            return 0;
        }
        try {
            return Files.readAllLines(eveFile, StandardCharsets.UTF_8).stream()
                    .filter(l -> l.endsWith("}"))
                    .filter(l -> eventType.equals(read(l).path("event_type").asText())).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Banned scopes with their rule, from the store through {@code sipwarden bans list --json}. */
    static List<String> stored(Path stateDir) {
        if (!Files.isDirectory(stateDir)) {
            return List.of(); // the daemon has not created it yet, and `bans list` refuses a missing state directory
        }
        Cli.Run r = Cli.run("bans", "list", "--json", "--state-dir", stateDir.toString());
        if (r.code() != 0) {
            throw new AssertionError("bans list failed: " + r.err());
        }
        return Bans.parse(r.out()).stream().map(b -> b.scope() + " " + b.rule()).toList();
    }

    private static com.fasterxml.jackson.databind.JsonNode read(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
