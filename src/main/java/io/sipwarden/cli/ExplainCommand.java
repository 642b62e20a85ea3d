package io.sipwarden.cli;

import io.sipwarden.config.Configuration;
import io.sipwarden.decision.Texts;
import io.sipwarden.event.Service;
import io.sipwarden.geo.GeoLocation;
import io.sipwarden.geo.GeoLookup;
import io.sipwarden.net.Addresses;
import io.sipwarden.policy.Explanation;
import io.sipwarden.policy.GeofenceSettings;
import io.sipwarden.policy.PolicyRuntime;
import io.sipwarden.policy.StandardPolicy;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sipwarden explain IP}: where the address is, each policy step in order with what it
 * compared, and the outcome — "why would this source be allowed or banned".
 */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Explain the policy's verdict for an address: location, each step in order, the outcome.")
final class ExplainCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "IP", description = "IPv4 or IPv6 address (never a host name).")
    String address;

    @Option(names = "--endpoint", paramLabel = "E",
            description = "Assume this endpoint authenticated (selects its area). Default: none, as before authentication.")
    String endpoint = "";

    @Option(names = "--service", paramLabel = "sip|iax|ami|http", description = "Protected service (default: sip).")
    String service = "sip";

    @Mixin
    ConfigFileOption config;

    @Spec
    CommandLine.Model.CommandSpec spec;

    private final Function<Configuration, GeoLookup> geo;

    /** Used by picocli. */
    ExplainCommand() {
        this(GeoWiring::lookup);
    }

    /** @param geo opens the geo lookup the configuration names (closed after use) */
    ExplainCommand(Function<Configuration, GeoLookup> geo) {
        this.geo = geo;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        InetAddress ip = Addresses.tryParse(address);
        if (ip == null) {
            err.println("sipwarden explain: not an IP address: '" + Texts.safe(address, 60) + "'");
            return Main.EXIT_USAGE;
        }
        Service s = service(service);
        if (s == null) {
            err.println("sipwarden explain: unknown service '" + Texts.safe(service, 20) + "' (sip, iax, ami, http)");
            return Main.EXIT_USAGE;
        }
        Optional<Configuration> loaded = config.load(err);
        if (loaded.isEmpty()) {
            return Main.EXIT_USAGE;
        }
        GeoLocation at;
        String source;
        try (GeoLookup lookup = geo.apply(loaded.get())) {
            at = lookup.lookup(ip);
            source = lookup.describe();
        }
        StandardPolicy policy = PolicyRuntime.once(loaded.get());
        Explanation e = policy.explain(ip, s, endpoint, at);
        print(out, e, source);
        return Main.EXIT_OK;
    }

    private static void print(PrintWriter out, Explanation e, String source) {
        out.println("address:  " + e.addressText());
        out.println("service:  " + GeofenceSettings.key(e.service()));
        out.println("endpoint: " + (e.endpoint().isEmpty() ? "(none: as before authentication)" : Texts.safe(e.endpoint(), 64) + " (authenticated)"));
        GeoLocation l = e.location();
        String org = l.org().isEmpty() ? "" : " (" + Texts.safe(l.org(), 60) + ")";
        out.println("location: " + Texts.safe(l.describe(), 120) + org + "   [" + Texts.safe(source, 120) + "]");
        out.println("policy, first match wins:");
        int n = 1;
        for (Explanation.Step step : e.steps()) {
            out.printf("  %d. %-18s %s%n", n++, step.name(), step.decided() ? "<= decides" : "no match");
            out.println("       " + step.why());
        }
        out.println("outcome:  " + e.verdict().outcome() + " (step " + e.verdict().step() + ")"
                + (e.verdict().banOnSight() ? ": banned on sight" : ""));
        out.flush();
    }

    private static Service service(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "sip" -> Service.SIP;
            case "iax", "iax2" -> Service.IAX2;
            case "ami" -> Service.AMI;
            case "http" -> Service.HTTP;
            default -> null;
        };
    }
}
