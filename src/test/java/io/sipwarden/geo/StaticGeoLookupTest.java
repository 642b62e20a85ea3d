package io.sipwarden.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sipwarden.net.Addresses;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StaticGeoLookupTest {

    @Test
    void longestPrefixWins() {
        StaticGeoLookup g = StaticGeoLookup.of(Map.of(
                "198.51.100.0/24", StaticGeoLookup.country("FR"),
                "198.51.100.128/25", StaticGeoLookup.country("DE"),
                "198.51.100.200", StaticGeoLookup.country("it"),
                "2001:db8::/32", StaticGeoLookup.country("JP")));
        assertThat(g.lookup(Addresses.parse("198.51.100.1")).country()).isEqualTo("FR");
        assertThat(g.lookup(Addresses.parse("198.51.100.129")).country()).isEqualTo("DE");
        assertThat(g.lookup(Addresses.parse("198.51.100.200")).country()).isEqualTo("IT");
        assertThat(g.lookup(Addresses.parse("198.51.100.200")).continent()).isEqualTo("EU");
        assertThat(g.lookup(Addresses.parse("2001:db8:1::1")).continent()).isEqualTo("AS");
        assertThat(g.lookup(Addresses.parse("203.0.113.1"))).isEqualTo(GeoLocation.UNKNOWN);
        assertThat(g.describe()).contains("4 prefixes");
    }

    @Test
    void aBadPrefixIsNamed() {
        assertThatThrownBy(() -> StaticGeoLookup.of(Map.of("example.com", StaticGeoLookup.country("FR"))))
                .hasMessageContaining("example.com");
    }
}
