package io.sipwarden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sipwarden.geo.GeoTestData;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The geo subcommands run through the real entry point. */
class GeoCommandsTest {

    record Run(int exit, String out, String err) {
    }

    @TempDir
    Path tmp;

    private static Run run(String... args) {
        CliRun.Result r = CliRun.run(args);
        return new Run(r.code(), r.out(), r.err());
    }

    @Test
    void lookupPrintsOneLinePerAddress() {
        Run r = run("lookup", "--db", GeoTestData.dbipCityV4().toString(), "8.8.8.8", "10.77.0.5", "2001:4860:4860::8888");
        assertThat(r.exit()).isZero();
        String[] lines = r.out().strip().split("\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).startsWith("8.8.8.8 NA/US/California/Mountain View (37.422, -122.085)");
        assertThat(lines[1]).startsWith("10.77.0.5 local");
        assertThat(lines[2]).isEqualTo("2001:4860:4860::8888 NA/US"); // from the Tor fallback
    }

    @Test
    void ipv6IsPrintedInItsShortForm() {
        assertThat(LookupCommand.text(InetAddress.ofLiteral("2001:db8:0:0:1:0:0:1"))).isEqualTo("2001:db8::1:0:0:1");
        assertThat(LookupCommand.text(InetAddress.ofLiteral("::1"))).isEqualTo("::1");
        assertThat(LookupCommand.text(InetAddress.ofLiteral("fe80::"))).isEqualTo("fe80::");
        assertThat(LookupCommand.text(InetAddress.ofLiteral("1:0:2:0:3:0:4:0"))).isEqualTo("1:0:2:0:3:0:4:0");
        assertThat(LookupCommand.text(InetAddress.ofLiteral("1.2.3.4"))).isEqualTo("1.2.3.4");
    }

    @Test
    void lookupAsJson() throws Exception {
        Run r = run("lookup", "--json", "--db", GeoTestData.dbipCityV4().toString(), "81.2.69.160");
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("country").asText()).isEqualTo("GB");
        assertThat(j.get("continent").asText()).isEqualTo("EU");
        assertThat(j.get("city").asText()).isEqualTo("London");
        assertThat(j.get("latitude").asDouble()).isEqualTo(51.5143);
        assertThat(j.get("local").asBoolean()).isFalse();
    }

    @Test
    void lookupOfSomethingThatIsNotAnAddressIsAUsageError() {
        Run r = run("lookup", "--no-tor", "example.com", "8.8.8.8");
        assertThat(r.exit()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.err()).contains("not an IP address: 'example.com'");
        assertThat(r.out()).contains("8.8.8.8 unknown");
    }

    @Test
    void infoListsEverySource() {
        Run r = run("geo", "info", "--db", GeoTestData.whoisCountry().toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("1. mmdb ", "country ipvAll", "2. tor-geoip /usr/share/tor/geoip");
        Run missing = run("geo", "info", "--db", tmp.resolve("nope.mmdb").toString());
        assertThat(missing.exit()).isEqualTo(Main.EXIT_RUNTIME);
        assertThat(missing.err()).contains("nope.mmdb");
        Run none = run("geo", "info", "--no-tor");
        assertThat(none.exit()).isEqualTo(Main.EXIT_RUNTIME);
        assertThat(none.out()).contains("no geo database");
    }

    @Test
    void updateFromAFileThenFromNowhere() throws Exception {
        Path dest = tmp.resolve("db").resolve("geo.mmdb");
        Run ok = run("geo", "update", "--source", GeoTestData.whoisCountryV4().toString(), "--dest", dest.toString());
        assertThat(ok.exit()).isZero();
        assertThat(ok.out()).contains("updated " + dest, "country ipv4");
        byte[] before = Files.readAllBytes(dest);

        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        Run down = run("geo", "update", "--source", "http://127.0.0.1:" + closed + "/x.mmdb.gz", "--dest", dest.toString());
        assertThat(down.exit()).isEqualTo(Main.EXIT_RUNTIME);
        assertThat(down.err()).contains("cannot connect", "left unchanged");
        assertThat(Files.readAllBytes(dest)).isEqualTo(before);

        Run usage = run("geo", "update", "--source", "maxmind", "--dest", dest.toString());
        assertThat(usage.exit()).isEqualTo(Main.EXIT_USAGE);
        assertThat(usage.err()).contains("account id");
    }

    /**
     * A directory as --dest was found out only after the download, as "writing DIR: .DIR.123.new -> DIR: Is a directory"
     * and exit 1; an empty --source was read as the current directory, and ftp:// as a file named "ftp:/...".
     */
    @Test
    void aDirectoryAsDestinationAnEmptySourceOrAnotherSchemeAreUsageErrorsBeforeAnyFetch() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        Run dir = run("geo", "update", "--source", "http://127.0.0.1:" + closed + "/x.mmdb", "--dest", tmp.toString());
        assertThat(dir.exit()).as(dir.err()).isEqualTo(Main.EXIT_USAGE);
        assertThat(dir.err()).contains("--dest " + tmp + " is a directory").doesNotContain("cannot connect");

        Run empty = run("geo", "update", "--source", " ", "--dest", tmp.resolve("g.mmdb").toString());
        assertThat(empty.exit()).as(empty.err()).isEqualTo(Main.EXIT_USAGE);
        assertThat(empty.err()).contains("--source");

        Run ftp = run("geo", "update", "--source", "ftp://127.0.0.1/x.mmdb", "--dest", tmp.resolve("g.mmdb").toString());
        assertThat(ftp.exit()).as(ftp.err()).isEqualTo(Main.EXIT_USAGE);
        assertThat(ftp.err()).contains("ftp://127.0.0.1/x.mmdb").contains("http");
        try (var left = Files.list(tmp)) {
            assertThat(left).isEmpty();
        }
    }
}
