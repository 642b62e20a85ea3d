package io.sipwarden.cli;

import io.sipwarden.store.StoreSettings;
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
}
