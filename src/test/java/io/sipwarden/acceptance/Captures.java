package io.sipwarden.acceptance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The recorded Asterisk 20 scenarios in the shared data folder (captures/README.txt). */
final class Captures {
    static final String ATTACKER_V4 = "10.77.0.2";
    static final String ATTACKER_V6 = "fd77::2";
    /** The legitimate user's addresses (netns user): never banned. */
    static final List<String> USERS = List.of("10.77.0.3", "10.77.0.4", "fd77::3", "fd77::4");

    static final List<String> SCENARIOS = List.of(
            "s01-svmap", "s02-svwar-register", "s03-svwar-invite", "s04-svcrack-1001", "s05-register-flood",
            "s06-legit-user", "s07-roaming", "s08-ipv6-attacks", "s09-tollfraud-invite", "s10-chansip",
            "s11-ami-bruteforce", "s12-malformed-register-flood", "s13-invite-spray");

    private Captures() {
    }

    static Path dir() {
        Path d = Path.of(System.getProperty("sipwarden.shared", "/work/shared"), "data", "asterisk-20", "captures");
        if (!Files.isDirectory(d)) {
            throw new IllegalStateException("shared captures not found at " + d + " (system property sipwarden.shared)");
        }
        return d;
    }

    static Path messages(String scenario) {
        return dir().resolve("messages-" + scenario + ".log");
    }

    static Path security(String scenario) {
        return dir().resolve("security-" + scenario + ".log");
    }
}
