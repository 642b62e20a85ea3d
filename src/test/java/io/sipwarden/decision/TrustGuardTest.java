package io.sipwarden.decision;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipwarden.testing.LogCapture;
import java.net.SocketException;
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
}
