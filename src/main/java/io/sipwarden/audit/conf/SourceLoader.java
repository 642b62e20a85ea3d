package io.sipwarden.audit.conf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads one config file defensively: only regular files are opened (a FIFO would block the audit
 * forever), size is capped, binary content is refused and invalid UTF-8 is replaced but reported.
 * Every refusal becomes a {@link ConfProblem} naming the file; nothing is thrown.
 */
final class SourceLoader {

    /** Larger than any sane Asterisk file (FreePBX with 10,000 extensions writes a few MB). */
    static final long MAX_BYTES = 16L * 1024 * 1024;

    private final long maxBytes;

    SourceLoader(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** The file's lines, or null when it could not or must not be read (a problem was reported). */
    List<String> lines(Path file, Location cause, Consumer<ConfProblem> problems) {
        Location here = new Location(file, 0);
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            if (Files.isSymbolicLink(file)) {
                problems.accept(new ConfProblem(ConfProblem.Kind.UNREADABLE, here,
                        "dangling symbolic link " + file + " (target missing), not read"));
            } else {
                problems.accept(new ConfProblem(ConfProblem.Kind.UNREADABLE, here,
                        "cannot read " + file + ": " + reason(e)));
            }
            return null;
        }
        if (attrs.isDirectory()) {
            problems.accept(new ConfProblem(ConfProblem.Kind.NOT_REGULAR, here, file + " is a directory, not a config file"));
            return null;
        }
        if (!attrs.isRegularFile()) {
            problems.accept(new ConfProblem(ConfProblem.Kind.NOT_REGULAR, here,
                    file + " is not a regular file (FIFO, socket or device), not opened"));
            return null;
        }
        if (attrs.size() > maxBytes) {
            problems.accept(new ConfProblem(ConfProblem.Kind.TOO_LARGE, here,
                    file + " is " + attrs.size() + " bytes, over the " + maxBytes + "-byte limit; skipped"));
            return null;
        }
        byte[] bytes;
        try {
            bytes = readCapped(file);
        } catch (IOException e) {
            problems.accept(new ConfProblem(ConfProblem.Kind.UNREADABLE, here, "cannot read " + file + ": " + reason(e)));
            return null;
        }
        if (bytes == null) {
            problems.accept(new ConfProblem(ConfProblem.Kind.TOO_LARGE, here,
                    file + " grew over the " + maxBytes + "-byte limit while being read; skipped"));
            return null;
        }
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                problems.accept(new ConfProblem(ConfProblem.Kind.BINARY, new Location(file, lineAt(bytes, i)),
                        file + " looks binary (NUL byte at offset " + i + "); skipped"));
                return null;
            }
        }
        String text = decode(file, bytes, problems);
        if (text.startsWith("\uFEFF")) {
            // a byte-order mark from a Windows editor would otherwise hide the first [section]
            text = text.substring(1);
        }
        return text.lines().toList();
    }

    private byte[] readCapped(Path file) throws IOException {
        try (var in = Files.newInputStream(file)) {
            byte[] b = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 16, maxBytes + 1));
            return b.length > maxBytes ? null : b;
        }
    }

    private static String decode(Path file, byte[] bytes, Consumer<ConfProblem> problems) {
        CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            return strict.decode(in).toString();
        } catch (CharacterCodingException e) {
            int bad = firstBadOffset(bytes);
            problems.accept(new ConfProblem(ConfProblem.Kind.BAD_ENCODING, new Location(file, lineAt(bytes, bad)),
                    file + " is not valid UTF-8 (first bad byte at offset " + bad
                            + "); invalid bytes replaced by U+FFFD and the rest read"));
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private static int firstBadOffset(byte[] bytes) {
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        var r = d.decode(in, out, true);
        return r.isError() ? in.position() : bytes.length;
    }

    private static int lineAt(byte[] bytes, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }

    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : " (" + m + ")");
    }
}
