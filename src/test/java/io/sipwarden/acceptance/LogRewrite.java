package io.sipwarden.acceptance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A captured log with some addresses replaced, everything else byte for byte: the recorded
 * attack as if it had come from elsewhere.
 */
final class LogRewrite {
    private LogRewrite() {
    }

    /** Copies {@code from} to {@code to}, replacing each whole address key by its value. */
    static Path rewrite(Path from, Path to, Map<String, String> addresses) throws IOException {
        String text = Files.readString(from, StandardCharsets.ISO_8859_1);
        for (Map.Entry<String, String> e : addresses.entrySet()) {
            text = whole(e.getKey()).matcher(text).replaceAll(Matcher.quoteReplacement(e.getValue()));
        }
        Files.createDirectories(to.toAbsolutePath().getParent());
        return Files.writeString(to, text, StandardCharsets.ISO_8859_1);
    }

    /** The lines of {@code file} (ISO-8859-1: every byte kept). */
    static List<String> lines(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.ISO_8859_1);
    }

    /** An address not part of a longer one (10.77.0.2 is not in 10.77.0.20, fd77::2 not in fd77::2a). */
    static Pattern whole(String address) {
        return address.contains(":")
                ? Pattern.compile("(?<![0-9A-Fa-f:])" + Pattern.quote(address) + "(?![0-9A-Fa-f:])")
                : Pattern.compile("(?<![0-9.])" + Pattern.quote(address) + "(?![0-9]|\\.[0-9])");
    }
}
