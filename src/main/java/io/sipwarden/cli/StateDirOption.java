package io.sipwarden.cli;

import io.sipwarden.store.StoreSettings;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --state-dir} option shared by commands that read the store. */
final class StateDirOption {
    @Option(names = "--state-dir", paramLabel = "DIR", defaultValue = "/var/lib/sipwarden",
            description = "State directory holding sipwarden.db and status.json (default: ${DEFAULT-VALUE}).")
    Path dir;

    StoreSettings store() {
        return StoreSettings.inDirectory(dir);
    }

    /**
     * Whether the directory exists, else prints why to {@code err}. Opening the store creates it,
     * so a mistyped --state-dir answered "0 active bans" and took bans no daemon reads; only the
     * daemon creates its state directory.
     */
    boolean exists(PrintWriter err) {
        if (Files.isDirectory(dir)) {
            return true;
        }
        err.println("sipwarden: --state-dir " + dir + (Files.exists(dir) ? " is not a directory"
                : " does not exist (sipwarden run creates it on first start)"));
        err.flush();
        return false;
    }
}
