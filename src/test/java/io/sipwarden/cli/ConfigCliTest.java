package io.sipwarden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipwarden.geo.GeoLocation;
import io.sipwarden.geo.GeoLookup;
import io.sipwarden.net.Addresses;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ConfigCliTest {

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    /** Runs the real entry point with stdout and stderr captured. */
    private static Run main(String... args) {
        CliRun.Result r = CliRun.run(args);
        return new Run(r.code(), r.out(), r.err());
    }

    /** Test input: where the example addresses are. */
    private static final Map<String, GeoLocation> PLACES = Map.of(
            "192.0.2.10", new GeoLocation("EU", "FR", "FR-IDF", "Paris", 48.85, 2.35, 3215, "Orange"),
            "192.0.2.30", new GeoLocation("NA", "US", "US-CA", "Los Angeles", 34.05, -118.24, 7018, "AT&T"),
            "198.51.100.7", new GeoLocation("AS", "CN", "CN-BJ", "Beijing", 39.9, 116.4, 4134, "Chinanet"));

    private static final GeoLookup STUB = new GeoLookup() {
        @Override
        public GeoLocation lookup(InetAddress address) {
            return PLACES.getOrDefault(address.getHostAddress(), GeoLocation.UNKNOWN);
        }

        @Override
        public String describe() {
            return "test map, 3 entries";
        }
    };

    private Run explain(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new ExplainCommand(config -> STUB));
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private Path config(String yaml) throws Exception {
        return Files.writeString(dir.resolve("sipwarden.yml"), yaml);
    }

    @Test
    void checkPrintsASummaryAndExitsZero() throws Exception {
        Path main = config("""
                policy:
                  geofence:
                    sip:
                      allow:
                        countries: [FR]
                """);
        Files.createDirectories(dir.resolve("conf.d"));
        Files.writeString(dir.resolve("conf.d/10-trunks.yml"), "policy:\n  trusted:\n    networks: [192.0.2.0/24]\n");
        Run r = main("config", "check", "--config", main.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("configuration: OK, 2 file(s), applied in this order:\n  " + main + "\n  " + dir.resolve("conf.d/10-trunks.yml"));
        assertThat(r.out()).contains("sections: general (defaults) policy log (defaults) geo (defaults) detect (defaults) ban (defaults) store (defaults) output (defaults) enforce (defaults) ami (defaults) impossible_travel (defaults) audit (defaults)\n");
        assertThat(r.out()).contains("policy.geofence.sip: allow countries; unknown locations: allow");
        assertThat(r.out()).contains("1 network(s)");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void checkListsEveryErrorAndExitsTwo() throws Exception {
        Path main = config("""
                general:
                  stat_dir: /x
                policy:
                  deny:
                    countries: [CN, XX]
                    networks: [300.1.1.1]
                """);
        Run r = main("config", "check", "--config", main.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().lines().toList()).containsExactly(
                main + ":2: general.stat_dir: unknown setting 'stat_dir' (known here: host_address_refresh, host_addresses, queue_capacity, state_dir)",
                main + ":5: policy.deny.countries[1]: unknown country code 'XX' (ISO 3166-1 alpha-2, e.g. FR, US, DE)",
                main + ":6: policy.deny.networks[0]: not an address or CIDR: '300.1.1.1' (write 192.0.2.0/24, 2001:db8::/32 or a single address)",
                "sipwarden: 3 configuration errors");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void checkOfAMissingExplicitFileIsAUsageError() {
        Run r = main("config", "check", "--config", dir.resolve("nope.yml").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith(dir.resolve("nope.yml") + ": no such file");
    }

    @Test
    void configWithoutSubcommandIsAUsageError() {
        assertThat(main("config").code()).isEqualTo(2);
    }

    @Test
    void explainShowsLocationEveryStepAndTheOutcome() throws Exception {
        Path main = config("""
                policy:
                  deny:
                    countries: [CN]
                  geofence:
                    sip:
                      allow:
                        countries: [FR, US]
                  endpoints:
                    alice:
                      allow:
                        countries: [FR]
                """);
        Run r = explain("192.0.2.30", "--endpoint", "alice", "--config", main.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo("""
                address:  192.0.2.30
                service:  sip
                endpoint: alice (authenticated)
                location: NA/US/US-CA/Los Angeles AS7018 (AT&T)   [test map, 3 entries]
                policy, first match wins:
                  1. trusted            no match
                       192.0.2.30 is not loopback, not an address of this host, not in policy.trusted.networks
                  2. deny               no match
                       country US not in policy.deny.countries (%1$s:3)
                  3. local              no match
                       192.0.2.30 is a public address
                  4. geofence.sip       no match
                       country US in policy.geofence.sip.allow.countries (%1$s:7)
                  5. endpoint.alice     <= decides
                       OUTSIDE_ENDPOINT_AREA: country US not in policy.endpoints.alice.allow.countries (%1$s:11)
                outcome:  OUTSIDE_ENDPOINT_AREA (step endpoint.alice): banned on sight
                """.formatted(main));

        r = explain("198.51.100.7", "--service", "ami", "--config", main.toString());
        assertThat(r.out()).contains("  2. deny               <= decides\n       DENIED: country CN in policy.deny.countries (" + main + ":3)");
        assertThat(r.out()).contains("outcome:  DENIED (step deny): banned on sight");

        r = explain("192.0.2.10", "--service", "iax", "--config", main.toString());
        assertThat(r.out()).contains("  5. endpoint           no match\n       no authenticated endpoint: endpoint areas do not apply");
        assertThat(r.out()).contains("  6. detectors          <= decides\n       ALLOWED: no policy rule applies; detectors decide");
        assertThat(r.out()).endsWith("outcome:  ALLOWED (step detectors)\n");
    }

    @Test
    void explainRejectsNamesUnknownServicesAndBadConfiguration() throws Exception {
        Run r = explain("pbx.example.org");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("not an IP address: 'pbx.example.org'");
        r = explain("192.0.2.1", "--service", "xmpp");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("unknown service 'xmpp' (sip, iax, ami, http)");
        Path bad = config("policy:\n  deny:\n    continents: [XX]\n");
        r = explain("192.0.2.1", "--config", bad.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains(bad + ":3: policy.deny.continents[0]: unknown continent code 'XX'");
    }

    @Test
    void explainIsRegisteredInMain() throws Exception {
        Run r = main("explain", "127.0.0.1", "--config", dir.resolve("absent.yml").toString());
        assertThat(r.code()).isEqualTo(2);
        r = main("explain", "::ffff:127.0.0.1", "--service", "http", "--config", config("").toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("address:  127.0.0.1\n", "outcome:  TRUSTED (step trusted)");
        assertThat(Addresses.parse("::ffff:127.0.0.1").getHostAddress()).isEqualTo("127.0.0.1");
    }
}
