package io.sipwarden.cli;

import io.sipwarden.geo.GeoDatabases;
import io.sipwarden.geo.load.GeoLoader;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code sipwarden geo info}: each source in order of preference with type, build date and size. */
@Command(name = "info", description = "List the geo sources: path, type, build date, size.")
final class GeoInfoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    GeoOptions geo;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (GeoDatabases db = GeoLoader.open(geo.settings(), false)) {
            if (db.sources().isEmpty()) {
                out.println("no geo database: every address is of unknown location"
                        + " (install tor-geoipdb or run 'sipwarden geo update')");
                out.flush();
                return Main.EXIT_RUNTIME;
            }
            int i = 1;
            for (GeoDatabases.Source s : db.sources()) {
                out.println(i++ + ". " + s.lookup().describe() + (s.asnOnly() ? " [ASN only]" : ""));
            }
        }
        out.flush();
        return Main.EXIT_OK;
    }
}
