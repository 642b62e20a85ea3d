package io.sipwarden.enforce.nftables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sipwarden.enforce.EnforcementException;
import io.sipwarden.enforce.KernelSet;
import io.sipwarden.net.Cidr;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Reading nft's JSON back: every element through Cidr.parse, foreign ones counted and left alone. */
class NftListingTest {
    @Test
    void readsElementsTimeoutsRulesAndCounter() throws Exception {
        String json = """
                {"nftables": [{"metainfo": {"version": "1.0.6"}},
                 {"table": {"family": "inet", "name": "sipwarden"}},
                 {"set": {"name": "trust4", "elem": ["192.0.2.10", {"prefix": {"addr": "198.51.100.0", "len": 24}}]}},
                 {"set": {"name": "ban4", "elem": [{"elem": {"val": "10.77.0.2", "timeout": 3600, "expires": 3581}}]}},
                 {"set": {"name": "ban4_net", "elem": [{"elem": {"val": {"range": ["10.1.0.1", "10.1.0.9"]}, "timeout": 60, "expires": 5}},
                                                       {"elem": {"val": {"prefix": {"addr": "10.60.0.0", "len": 16}}, "timeout": 600, "expires": 599}}]}},
                 {"set": {"name": "ban6", "elem": ["pbx.example.com"]}},
                 {"set": {"name": "someone_elses"}},
                 {"counter": {"name": "dropped", "packets": 42, "bytes": 1000}},
                 {"chain": {"name": "pre"}},
                 {"rule": {"chain": "pre"}}, {"rule": {"chain": "pre"}}]}
                """;
        NftListing l = NftListing.parse(json);
        assertThat(l.sets().get(KernelSet.TRUST4)).containsEntry(Cidr.parse("192.0.2.10"), null)
                .containsEntry(Cidr.parse("198.51.100.0/24"), null);
        assertThat(l.sets().get(KernelSet.BAN4)).containsEntry(Cidr.parse("10.77.0.2"), Duration.ofSeconds(3581));
        assertThat(l.sets().get(KernelSet.BAN4_NET)).containsOnlyKeys(Cidr.parse("10.60.0.0/16"));
        assertThat(l.sets().get(KernelSet.BAN6)).isEmpty();
        assertThat(l.foreign()).as("a range and a name").isEqualTo(2);
        assertThat(l.counter()).isEqualTo(42);
        assertThat(l.rules()).isEqualTo(2);
        assertThat(l.sets()).doesNotContainKey(KernelSet.TRUST6);
    }

    @Test
    void unreadableJsonIsAnEnforcementError() {
        assertThatThrownBy(() -> NftListing.parse("{nope")).isInstanceOf(EnforcementException.class)
                .hasMessageContaining("unreadable JSON");
    }

    @Test
    void commandTextCarriesTimeoutsAndOnlyLiterals() {
        assertThat(NftText.timeout(Duration.ofMillis(3_600_500))).isEqualTo(" timeout 3600s500ms");
        assertThat(NftText.timeout(Duration.ofMillis(250))).isEqualTo(" timeout 250ms");
        assertThat(NftText.timeout(Duration.ofDays(4000))).isEqualTo(" timeout 31536000s");
        assertThat(NftText.timeout(null)).isEmpty();
        NftText t = new NftText("sipwarden");
        assertThat(t.remove(KernelSet.BAN4, java.util.List.of(Cidr.parse("192.0.2.1"))))
                .isEqualTo("add element inet sipwarden ban4 { 192.0.2.1 }\ndelete element inet sipwarden ban4 { 192.0.2.1 }\n");
    }
}
