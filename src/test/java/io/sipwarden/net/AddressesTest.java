package io.sipwarden.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AddressesTest {

    @ParameterizedTest
    @CsvSource({
        "fd77::2, fd77::2",
        "2001:db8:0:0:0:0:0:66, 2001:db8::66",
        "2001:DB8::1:0:0:1, 2001:db8::1:0:0:1",
        "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
        "::, ::",
        "::1, ::1",
        "[fe80::1], fe80::1",
        "::ffff:192.0.2.7, 192.0.2.7",
        "10.77.0.2, 10.77.0.2",
    })
    void formatsCanonicallyAndFoldsMappedAddresses(String in, String expected) {
        assertThat(Addresses.format(Addresses.parse(in))).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"pbx.example.com", "localhost", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1.2.3.4; flush ruleset",
        "", " ", "1.2.3.4/24", "::g", "1.2.3.4:5060", "010.1.1.1"})
    void neverResolvesOrAcceptsNonLiterals(String text) {
        assertThatThrownBy(() -> Addresses.parse(text)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Addresses.tryParse(text)).isNull();
    }

    @Test
    void privateAndSpecialRangesAreLocalPublicOnesAreNot() {
        for (String local : new String[] {"10.77.0.2", "192.168.1.1", "172.16.0.1", "127.0.0.1", "100.64.0.1", "fd77::2",
            "fe80::1", "::1", "169.254.1.1"}) {
            assertThat(Addresses.isLocal(Addresses.parse(local))).as(local).isTrue();
        }
        for (String pub : new String[] {"8.8.8.8", "81.2.69.160", "2001:4860:4860::8888"}) {
            assertThat(Addresses.isLocal(Addresses.parse(pub))).as(pub).isFalse();
        }
    }

    @Test
    void cidrNormalisesNetworkBitsAndMatches() {
        Cidr c = Cidr.parse("10.0.0.7/8");
        assertThat(c).isEqualTo(Cidr.parse("10.0.0.0/8"));
        assertThat(c.toString()).isEqualTo("10.0.0.0/8");
        assertThat(c.contains(Addresses.parse("10.200.1.1"))).isTrue();
        assertThat(c.contains(Addresses.parse("11.0.0.1"))).isFalse();
        assertThat(c.contains(Addresses.parse("::1"))).isFalse();
        Cidr v6 = Cidr.parse("2001:db8::/32");
        assertThat(v6.contains(Addresses.parse("2001:db8:ffff::1"))).isTrue();
        assertThat(Cidr.of(Addresses.parse("fd77::2")).toString()).isEqualTo("fd77::2");
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/33")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/-1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void mappedIpv6FoldsToIpv4Identity() throws Exception {
        InetAddress mapped = InetAddress.getByAddress(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xFF, (byte) 0xFF, 1, 2, 3, 4});
        assertThat(Addresses.unmap(mapped)).isEqualTo(Addresses.parse("1.2.3.4"));
    }
}
