package io.sipwarden.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sipwarden.decision.Texts;
import io.sipwarden.geo.GeoDatabases;
import io.sipwarden.geo.GeoLocation;
import io.sipwarden.geo.load.GeoLoader;
import io.sipwarden.net.Addresses;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code sipwarden lookup IP...}: where the configured databases place each address. */
@Command(name = "lookup", description = "Show where the geo databases place each address.")
final class LookupCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Mixin
    GeoOptions geo;

    @Option(names = "--json", description = "one JSON object per line")
    boolean json;

    @Parameters(arity = "1..*", paramLabel = "IP", description = "IPv4 or IPv6 addresses")
    List<String> addresses;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int exit = Main.EXIT_OK;
        try (GeoDatabases db = GeoLoader.open(geo.settings(), false)) {
            for (String text : addresses) {
                InetAddress a = Addresses.tryParse(text);
                if (a == null) {
                    err.println("sipwarden lookup: not an IP address: '" + Texts.safe(text, 60) + "'");
                    exit = Main.EXIT_USAGE;
                    continue;
                }
                boolean local = Addresses.isLocal(a);
                GeoLocation g = db.lookup(a);
                out.println(json ? json(a, local, g) : line(a, local, g));
            }
        }
        out.flush();
        return exit;
    }

    private static String line(InetAddress a, boolean local, GeoLocation g) {
        String where = local ? "local (private, loopback or link-local: never geofenced)"
                : Texts.safe(g.describe(), 200) + (g.org().isEmpty() ? "" : " " + Texts.safe(g.org(), 100));
        if (!local && g.hasCoordinates()) {
            where += " (" + g.latitude() + ", " + g.longitude() + ")";
        }
        return text(a) + " " + where;
    }

    /** RFC 5952 form: the JDK prints 2001:4860:4860:0:0:0:0:8888. */
    static String text(InetAddress a) {
        return io.sipwarden.net.Addresses.format(a);
    }

    private static String json(InetAddress a, boolean local, GeoLocation g) throws Exception {
        ObjectNode o = JSON.createObjectNode();
        o.put("ip", text(a));
        o.put("local", local);
        o.put("known", g.isKnown());
        o.put("continent", g.continent());
        o.put("country", g.country());
        o.put("region", g.region());
        o.put("city", g.city());
        if (g.hasCoordinates()) {
            o.put("latitude", g.latitude());
            o.put("longitude", g.longitude());
        } else {
            o.putNull("latitude");
            o.putNull("longitude");
        }
        o.put("asn", g.asn());
        o.put("org", g.org());
        return JSON.writeValueAsString(o);
    }
}
