package io.sipwarden.decision;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipwarden.testing.LogCapture;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Arrays;
import java.util.Collections;
import org.junit.jupiter.api.Test;

class TrustGuardTest {

    /** The apostrophe in "host's" is MessageFormat's quote: the log showed "({0})" instead of the error. */
    @Test
    void theWarningWhenTheHostsAddressesCannotBeListedShowsTheError() {
        try (LogCapture log = LogCapture.of(TrustGuard.class)) {
            assertThat(TrustGuard.ownAddresses(() -> {
                throw new SocketException("Operation not permitted (netlink)");
            })).isEmpty();
            // Formatted as the console handler formats it.
            assertThat(log.messages()).containsExactly(
                    "cannot list this host's addresses (java.net.SocketException: Operation not permitted (netlink));"
                        + " only loopback is protected by default");
        }
    }

    /** The JDK names a link-local address's zone (fe80::1%eth0), which Addresses.parse refuses: the whole listing was lost and `bans add` banned this host's own address. */
    @Test
    void everyAddressOfThisHostIsItsOwnEvenWithALinkLocalZoneAmongThem() throws Exception {
        try (LogCapture log = LogCapture.of(TrustGuard.class)) {
            var own = TrustGuard.ownAddresses();

            for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                    assertThat(own).anyMatch(o -> Arrays.equals(o.getAddress(), a.getAddress()));
                }
            }
            assertThat(log.messages()).isEmpty();
        }
    }
}
