package io.sipwarden.geo.tor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sipwarden.geo.Countries;
import io.sipwarden.geo.GeoLocation;
import io.sipwarden.net.Addresses;
import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against the files Debian's tor-geoipdb installs: every sampled line must read back. */
class TorGeoipTableTest {

    private static TorGeoipTable table;

    @TempDir
    Path tmp;

    @BeforeAll
    static void load() throws IOException {
        table = TorGeoipTable.loadDefault();
    }

    @Test
    void knownAddressesGetCountryAndContinent() {
        GeoLocation g = table.lookup(Addresses.parse("8.8.8.8"));
        assertThat(g.country()).isEqualTo("US");
        assertThat(g.continent()).isEqualTo("NA");
        assertThat(g.city()).isEmpty();
        assertThat(table.lookup(Addresses.parse("2001:4860:4860::8888")).country()).isEqualTo("US");
        assertThat(table.ranges4()).isGreaterThan(100_000);
        assertThat(table.ranges6()).isGreaterThan(50_000);
        assertThat(table.generated()).isNotNull();
        assertThat(table.describe()).contains("/usr/share/tor/geoip", "IPv6 ranges");
    }

    @Test
    void everySampledIpv4LineReadsBackAtBothEnds() throws IOException {
        int checked = sample(TorGeoipTable.DEFAULT_V4, 97, (lo, hi) -> new InetAddress[] {v4(lo), v4(hi)});
        assertThat(checked).isGreaterThan(3_000);
    }

    @Test
    void everySampledIpv6LineReadsBackAtBothEnds() throws IOException {
        int checked = sample(TorGeoipTable.DEFAULT_V6, 97,
                (lo, hi) -> new InetAddress[] {InetAddress.ofLiteral(lo), InetAddress.ofLiteral(hi)});
        assertThat(checked).isGreaterThan(2_000);
    }

    /** The byte reader against the file's text, every line at both ends (not only a sample). */
    @Test
    void everyLineOfBothFilesReadsBack() throws IOException {
        assertThat(sample(TorGeoipTable.DEFAULT_V4, 1, (lo, hi) -> new InetAddress[] {v4(lo), v4(hi)})).isGreaterThan(300_000);
        assertThat(sample(TorGeoipTable.DEFAULT_V6, 1,
                (lo, hi) -> new InetAddress[] {InetAddress.ofLiteral(lo), InetAddress.ofLiteral(hi)})).isGreaterThan(200_000);
    }

    @Test
    void linesWithCarriageReturnsBlanksAroundTheCodeAndLowerCaseReadAsDebian() throws IOException {
        Path f = tmp.resolve("geoip");
        Files.writeString(f, "# Generated: Thu, 26 Jun 2025 20:15:00 GMT\r\n16777216,16777471,au\r\n\r\n16777472,16778239, CN \n"
                + "16778240,16779263,U\n16779264,16781311,USA\n+16781312,16785407,JP\n16785408,1,JP\n,,\n1,2\n16785408,16793599,JP");
        TorGeoipTable t = TorGeoipTable.load(f, null);
        assertThat(t.lookup(Addresses.parse("1.0.0.1")).country()).isEqualTo("AU");
        assertThat(t.lookup(Addresses.parse("1.0.2.1")).country()).isEqualTo("CN");
        assertThat(t.lookup(Addresses.parse("1.0.4.1"))).isEqualTo(GeoLocation.UNKNOWN); // "U": not a code
        assertThat(t.lookup(Addresses.parse("1.0.8.1"))).isEqualTo(GeoLocation.UNKNOWN); // "USA": not a code
        assertThat(t.lookup(Addresses.parse("1.0.16.1"))).isEqualTo(GeoLocation.UNKNOWN); // "+…": skipped
        assertThat(t.lookup(Addresses.parse("1.0.32.1")).country()).isEqualTo("JP"); // last line, no newline
        assertThat(t.ranges4()).isEqualTo(3);
        assertThat(t.generated()).isEqualTo(java.time.Instant.parse("2025-06-26T20:15:00Z"));
    }

    @Test
    void unknownMarkersAndGapsAreUnknown() throws IOException {
        Path f = tmp.resolve("geoip");
        Files.writeString(f, "# test\n16777216,16777471,AU\n16777472,16778239,??\n16778240,16779263,ZZ\n");
        TorGeoipTable t = TorGeoipTable.load(f, null);
        assertThat(t.lookup(Addresses.parse("1.0.0.1")).country()).isEqualTo("AU");
        assertThat(t.lookup(Addresses.parse("1.0.1.1"))).isEqualTo(GeoLocation.UNKNOWN);
        assertThat(t.lookup(Addresses.parse("1.0.4.1"))).isEqualTo(GeoLocation.UNKNOWN);
        assertThat(t.lookup(Addresses.parse("0.255.255.255"))).isEqualTo(GeoLocation.UNKNOWN);
        assertThat(t.lookup(Addresses.parse("2001:db8::1"))).isEqualTo(GeoLocation.UNKNOWN); // no v6 file
    }

    @Test
    void malformedLinesAreSkippedAndTheRestLoads() throws IOException {
        Path f = tmp.resolve("geoip");
        Files.writeString(f, "16777216,16777471,AU\nnot,a line\n99999999999,1,US\n16777472,16778239,CN\n");
        TorGeoipTable t = TorGeoipTable.load(f, null);
        assertThat(t.lookup(Addresses.parse("1.0.0.1")).country()).isEqualTo("AU");
        assertThat(t.lookup(Addresses.parse("1.0.2.1")).country()).isEqualTo("CN");
        assertThat(t.ranges4()).isEqualTo(2);
    }

    @Test
    void unsortedAndTouchingRangesAreSortedAndJoined() throws IOException {
        Path f = tmp.resolve("geoip6");
        Files.writeString(f, "2001:2::,2001:2:0:ffff:ffff:ffff:ffff:ffff,JP\n"
                + "2001:1::,2001:1:ffff:ffff:ffff:ffff:ffff:ffff,FR\n"
                + "2001:1:1::,2001:1:ffff:ffff:ffff:ffff:ffff:ffff,FR\n"
                + "2001:0:1::,2001:0:ffff:ffff:ffff:ffff:ffff:ffff,FR\n");
        TorGeoipTable t = TorGeoipTable.load(null, f);
        assertThat(t.lookup(Addresses.parse("2001:2::5")).country()).isEqualTo("JP");
        assertThat(t.lookup(Addresses.parse("2001:0:ffff::1")).country()).isEqualTo("FR");
        assertThat(t.lookup(Addresses.parse("2001:1:5::1")).country()).isEqualTo("FR");
        assertThat(t.lookup(Addresses.parse("2001:3::1"))).isEqualTo(GeoLocation.UNKNOWN);
        assertThat(t.lookup(Addresses.parse("8.8.8.8"))).isEqualTo(GeoLocation.UNKNOWN); // no v4 file
    }

    @Test
    void aFileWithoutRangesOrNoFileAtAllIsAnError() throws IOException {
        Path f = tmp.resolve("geoip");
        Files.writeString(f, "# only comments\n");
        assertThatThrownBy(() -> TorGeoipTable.load(f, null)).hasMessageContaining("no address ranges");
        assertThatThrownBy(() -> TorGeoipTable.load(tmp.resolve("a"), tmp.resolve("b")))
                .hasMessageContaining("tor-geoipdb");
    }

    /** A read failure said only "Is a directory": the start-up and reload messages could not tell which file. */
    @Test
    void aFileThatCannotBeReadIsNamed() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("geoip6"));
        assertThatThrownBy(() -> TorGeoipTable.load(null, dir))
                .isInstanceOf(IOException.class).hasMessageStartingWith(dir + ": cannot read");
    }

    @Test
    void theIpv6ParserAgreesWithTheJdk() {
        for (String t : new String[] {"::", "::1", "2001:db8::", "2001:db8::1", "1:2:3:4:5:6:7:8", "fe80::1:2",
                "::ffff:1.2.3.4", "2001:DB8:0:0:0:0:0:FFFF", "1::8", "1:2:3:4:5:6::8", "::2:3:4:5:6:7:8"}) {
            long[] w = new long[2];
            RangeFile.ipv6(t, 0, t.length(), w);
            byte[] b = InetAddress.ofLiteral(t).getAddress();
            if (b.length == 4) { // the JDK folds ::ffff:a.b.c.d to IPv4
                assertThat(w[1] & 0xFFFF_FFFFL).as(t).isEqualTo(RangeFile.word(new byte[] {0, 0, 0, 0, b[0], b[1], b[2], b[3]}, 0));
                continue;
            }
            assertThat(w[0]).as(t).isEqualTo(RangeFile.word(b, 0));
            assertThat(w[1]).as(t).isEqualTo(RangeFile.word(b, 8));
        }
        for (String bad : new String[] {"", ":", "1:2", "1::2::3", "12345::", "1:2:3:4:5:6:7:8:9", "g::", "1:", "1:2:3:4:5:6:7::8:9"}) {
            assertThatThrownBy(() -> RangeFile.ipv6(bad, 0, bad.length(), new long[2])).as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    private interface Bounds {
        InetAddress[] of(String lo, String hi);
    }

    private static int sample(Path file, int every, Bounds bounds) throws IOException {
        int n = 0;
        int checked = 0;
        try (BufferedReader r = Files.newBufferedReader(file)) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("#") || line.isBlank() || n++ % every != 0) {
                    continue;
                }
                String[] p = line.split(",");
                String want = Countries.canonical(p[2]);
                for (InetAddress a : bounds.of(p[0], p[1])) {
                    GeoLocation g = table.lookup(a);
                    assertThat(g.country()).as(line).isEqualTo(want);
                    if (!want.isEmpty() && Countries.isKnown(want)) {
                        assertThat(g.continent()).as(line).isEqualTo(Countries.continentOf(want));
                    }
                }
                checked++;
            }
        }
        return checked;
    }

    private static InetAddress v4(String decimal) {
        byte[] b = new BigInteger(decimal).add(BigInteger.ONE.shiftLeft(32)).toByteArray();
        return InetAddress.ofLiteral((b[b.length - 4] & 0xFF) + "." + (b[b.length - 3] & 0xFF) + "."
                + (b[b.length - 2] & 0xFF) + "." + (b[b.length - 1] & 0xFF));
    }
}
