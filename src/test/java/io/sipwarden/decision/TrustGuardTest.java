package io.sipwarden.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.SocketException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.Test;

class TrustGuardTest {

    /** The apostrophe in "host's" is MessageFormat's quote: the log showed "({0})" instead of the error. */
    @Test
    void theWarningWhenTheHostsAddressesCannotBeListedShowsTheError() {
        Logger jul = Logger.getLogger(TrustGuard.class.getName());
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                records.add(r);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        jul.addHandler(capture);
        try {
            assertThat(TrustGuard.ownAddresses(() -> {
                throw new SocketException("Operation not permitted (netlink)");
            })).isEmpty();
        } finally {
            jul.removeHandler(capture);
        }
        // Formatted as the console handler formats it.
        assertThat(records).extracting(r -> new SimpleFormatter().formatMessage(r)).containsExactly(
                "cannot list this host's addresses (java.net.SocketException: Operation not permitted (netlink));"
                        + " only loopback is protected by default");
    }
}
