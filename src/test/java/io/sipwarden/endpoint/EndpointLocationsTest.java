package io.sipwarden.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipwarden.event.Stack;
import io.sipwarden.net.Addresses;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EndpointLocationsTest {

    @Test
    void channelNamesLeadToEndpoints() {
        assertThat(EndpointLocations.endpointOfChannel("PJSIP/alice-0000002a")).isEqualTo("PJSIP/alice");
        assertThat(EndpointLocations.endpointOfChannel("PJSIP/my-phone-0000002a")).isEqualTo("PJSIP/my-phone");
        assertThat(EndpointLocations.endpointOfChannel("SIP/bob-00000001")).isEqualTo("SIP/bob");
        assertThat(EndpointLocations.endpointOfChannel("IAX2/trunk-1234")).isEqualTo("IAX2/trunk");
        assertThat(EndpointLocations.endpointOfChannel("Local/600@internal-00000001;1")).isNull();
        assertThat(EndpointLocations.endpointOfChannel("PJSIP/-1")).isNull();
        assertThat(EndpointLocations.endpointOfChannel("garbage")).isNull();
        assertThat(EndpointLocations.key(Stack.CHAN_SIP, "bob")).isEqualTo("SIP/bob");
        assertThat(EndpointLocations.key(Stack.MANAGER, "idsmon")).isEqualTo("AMI/idsmon");
    }

    @Test
    void authCountsInventoryOnlyHints() {
        EndpointLocations l = new EndpointLocations(10);
        l.inventory("PJSIP/alice", Addresses.parse("10.0.0.9"), 5060, Instant.EPOCH);
        assertThat(l.lastAuth("PJSIP/alice")).isEmpty();
        assertThat(l.lastAddress("PJSIP/alice")).contains(Addresses.parse("10.0.0.9"));
        l.record(ImpossibleTravelTest.auth("alice", "81.2.69.142", Instant.EPOCH.plusSeconds(1)));
        assertThat(l.lastAuth("PJSIP/alice").orElseThrow().address()).isEqualTo(Addresses.parse("81.2.69.142"));
        assertThat(l.endpointsAt(Addresses.parse("81.2.69.142"))).containsExactly("PJSIP/alice");
        // Seeing the same address again moves it to the front instead of duplicating it.
        l.record(ImpossibleTravelTest.auth("alice", "10.0.0.9", Instant.EPOCH.plusSeconds(2)));
        assertThat(l.sightings("PJSIP/alice")).hasSize(2);
        assertThat(l.sightings("PJSIP/alice").getFirst().via()).isEqualTo(EndpointLocations.Via.AUTH);
    }

    @Test
    void boundedInEndpointsAndAddresses() {
        EndpointLocations l = new EndpointLocations(5);
        for (int i = 0; i < 50; i++) {
            l.record(ImpossibleTravelTest.auth("u" + i, "192.0.2." + (i + 1), Instant.EPOCH));
            l.record(ImpossibleTravelTest.auth("roamer", "198.51.100." + (i + 1), Instant.EPOCH));
        }
        assertThat(l.size()).isEqualTo(5);
        assertThat(l.sightings("PJSIP/roamer")).hasSize(EndpointLocations.PER_ENDPOINT);
    }
}
