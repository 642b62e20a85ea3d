package io.sipwarden.cli;

import io.sipwarden.geo.GeoSettings;
import io.sipwarden.geo.update.GeoUpdater;
import io.sipwarden.geo.update.UpdateException;
import io.sipwarden.geo.update.UpdateSource;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sipwarden geo update}: fetch a database, check it, keep the previous copy, move it into
 * place. Exit 1 on any failure, with the existing file untouched.
 */
@Command(name = "update", description = "Fetch a geo database (DB-IP lite, MaxMind, a URL or a file).")
final class GeoUpdateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--source", paramLabel = "dbip|maxmind|URL|FILE", defaultValue = "dbip",
            description = "what to fetch (default: ${DEFAULT-VALUE})")
    String source;

    @Option(names = "--dest", paramLabel = "PATH", description = "file to write (default: "
            + GeoSettings.Update.DEFAULT_DIR + "/dbip-city-lite.mmdb, <edition>.mmdb or geo.mmdb)")
    Path dest;

    @Option(names = "--account-id", paramLabel = "ID", description = "MaxMind account id")
    String accountId;

    @Option(names = "--license-key-file", paramLabel = "PATH", description = "file holding the MaxMind licence key")
    Path licenseKeyFile;

    @Option(names = "--edition", paramLabel = "ID", defaultValue = "GeoLite2-City",
            description = "MaxMind edition (default: ${DEFAULT-VALUE})")
    String edition;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "600",
            description = "give up a download after this long (default: ${DEFAULT-VALUE})")
    long timeoutSeconds;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        UpdateSource src;
        Path target;
        try {
            src = UpdateSource.parse(source, accountId, licenseKeyFile, edition);
            String kind = switch (src) {
                case UpdateSource.DbIp d -> "dbip";
                case UpdateSource.MaxMind m -> "maxmind";
                case UpdateSource.Url u -> "url";
                case UpdateSource.LocalFile f -> "file";
            };
            target = dest != null ? dest
                    : new GeoSettings.Update(kind, null, null, null, edition, null).destPath();
        } catch (IllegalArgumentException e) {
            err.println("sipwarden geo update: " + e.getMessage());
            err.flush();
            return Main.EXIT_USAGE;
        }
        if (Files.isDirectory(target)) {
            // Found out only after the download otherwise, and as a failed rename of a temporary file.
            err.println("sipwarden geo update: --dest " + target + " is a directory; name the file to write, e.g. "
                    + target.resolve("geo.mmdb"));
            err.flush();
            return Main.EXIT_USAGE;
        }
        GeoUpdater updater = new GeoUpdater(GeoUpdater.defaultClient(), InstantSource.system(),
                Duration.ofSeconds(Math.max(1, timeoutSeconds)));
        try {
            GeoUpdater.Result r = updater.update(src, target);
            out.println("updated " + r.dest() + " from " + r.from());
            out.println("  " + r.describe());
            if (r.previous() != null) {
                out.println("  previous copy kept as " + r.previous());
            }
            out.flush();
            return Main.EXIT_OK;
        } catch (UpdateException e) {
            err.println("sipwarden geo update: " + e.getMessage() + " (" + target + " left unchanged)");
            err.flush();
            return Main.EXIT_RUNTIME;
        }
    }
}
