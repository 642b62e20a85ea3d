package io.sipwarden.sensor.ami;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipwarden.event.AuthFailure;
import io.sipwarden.event.EventMeta;
import io.sipwarden.event.SecurityEvent;
import io.sipwarden.event.Sensor;
import io.sipwarden.event.Source;
import io.sipwarden.event.Stack;
import io.sipwarden.event.Transport;
import io.sipwarden.net.Addresses;
import io.sipwarden.sensor.EventSink;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The AMI reader's hand-off queue. */
class QueueingSinkTest {

    private static SecurityEvent failure(int port) {
        return new AuthFailure(new EventMeta(Instant.parse("2026-11-21T19:20:18Z"), Stack.PJSIP,
                Source.of(Addresses.parse("198.51.100.1"), port, Transport.UDP), new Sensor(Sensor.Kind.AMI, "pbx1"), "", "notice"),
                "1001", AuthFailure.Reason.WRONG_PASSWORD, "");
    }

    @Test
    void afterPreviousReachesTheSinkBehindInOrderWithTheEvents() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        EventSink behind = new EventSink() {
            @Override
            public void accept(SecurityEvent e) {
                seen.add("event " + e.meta().source().port());
            }

            @Override
            public void afterPrevious(Runnable action) {
                seen.add("after");
                action.run();
            }
        };
        List<String> ran = new CopyOnWriteArrayList<>();
        try (QueueingSink q = new QueueingSink("t", 16, behind)) {
            q.accept(failure(5001));
            q.afterPrevious(() -> ran.add("action"));
            q.accept(failure(5002));
        } // close delivers what is queued
        assertThat(seen).containsExactly("event 5001", "after", "event 5002");
        assertThat(ran).containsExactly("action");
    }
}
