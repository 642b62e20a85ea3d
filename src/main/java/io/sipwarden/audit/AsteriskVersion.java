package io.sipwarden.audit;

import io.sipwarden.audit.conf.AsteriskConfig;
import io.sipwarden.audit.conf.Section;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;

/** The Asterisk major version: given by the user, or asked from the installed binary ({@code asterisk -V}). */
public final class AsteriskVersion {

    private static final java.util.regex.Pattern VERSION =
            java.util.regex.Pattern.compile("(?:^|[^0-9])(?:certified[/-])?(\\d{1,3})(?:\\.\\d+)*");

    private AsteriskVersion() {
    }

    /** Parses "20", "20.5.1", "Asterisk 21.0.0", "certified/18.9-cert5"; empty when there is no number. */
    public static OptionalInt parse(String text) {
        if (text == null) {
            return OptionalInt.empty();
        }
        Matcher m = VERSION.matcher(text.strip());
        if (m.find()) {
            int major = Integer.parseInt(m.group(1));
            // Asterisk 1.x: 1.8 counts as 1; the checks only compare against 21
            return OptionalInt.of(major);
        }
        return OptionalInt.empty();
    }

    /**
     * Runs {@code asterisk -V} from astsbindir (asterisk.conf) or /usr/sbin, with a 3 s limit. Only
     * the version banner is read; nothing of the configuration is executed.
     */
    public static OptionalInt detect(AsteriskConfig cfg) {
        List<Path> candidates = new ArrayList<>();
        Section dirs = cfg.file("asterisk.conf").first("directories");
        if (dirs != null) {
            dirs.get("astsbindir").ifPresent(s -> candidates.add(Path.of(s.value()).resolve("asterisk")));
        }
        candidates.add(Path.of("/usr/sbin/asterisk"));
        candidates.add(Path.of("/usr/local/sbin/asterisk"));
        for (Path p : candidates) {
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                OptionalInt v = run(p);
                if (v.isPresent()) {
                    return v;
                }
            }
        }
        return OptionalInt.empty();
    }

    private static OptionalInt run(Path binary) {
        try {
            Process pr = new ProcessBuilder(binary.toString(), "-V").redirectErrorStream(true).start();
            pr.getOutputStream().close();
            if (!pr.waitFor(3, TimeUnit.SECONDS)) {
                pr.destroyForcibly();
                return OptionalInt.empty();
            }
            String out = new String(pr.getInputStream().readNBytes(200), StandardCharsets.UTF_8);
            return out.startsWith("Asterisk") ? parse(out.substring(8)) : OptionalInt.empty();
        } catch (IOException e) {
            return OptionalInt.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalInt.empty();
        }
    }
}
