package io.sipwarden.sensor.dedup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sipwarden.event.AuthFailure;
import io.sipwarden.event.AuthSuccess;
import io.sipwarden.event.EventMeta;
import io.sipwarden.event.SecurityEvent;
import io.sipwarden.event.Sensor;
import io.sipwarden.event.Source;
import io.sipwarden.event.Stack;
import io.sipwarden.event.Transport;
import io.sipwarden.net.Addresses;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeduplicatorTest {
    private static final Instant T0 = Instant.parse("2026-11-21T19:19:53Z");

    static SecurityEvent failure(String sensor, String channel, String ip, String correlation, long millis) {
        var meta = new EventMeta(T0.plusMillis(millis), Stack.PJSIP,
                Source.of(Addresses.parse(ip), 5060, Transport.UDP), new Sensor(Sensor.Kind.LOG, sensor), correlation, channel);
        return new AuthFailure(meta, "1001", AuthFailure.Reason.WRONG_PASSWORD, "");
    }

    @Test
    void threeReportsOfEachOfNineteenGuessesOnOneCallIdCountNineteen() {
        Deduplicator d = Deduplicator.withDefaults();
        int fresh = 0;
        for (int g = 0; g < 19; g++) {
            // each guess: NOTICE, SECURITY in messages, SECURITY in security — in varying order
            List<SecurityEvent> reports = new ArrayList<>(List.of(
                    failure("messages", "notice", "10.77.0.2", "cid", g * 100),
                    failure("messages", "security-event", "10.77.0.2", "cid", g * 100 + 1),
                    failure("security", "security-event", "10.77.0.2", "cid", g * 100 + 1)));
            if (g % 2 == 1) {
                java.util.Collections.reverse(reports);
            }
            for (SecurityEvent e : reports) {
                fresh += d.isNew(e) ? 1 : 0;
            }
        }
        assertThat(fresh).isEqualTo(19);
        assertThat(d.duplicates()).isEqualTo(38);
    }

    @Test
    void sharedObjectsGiveTheSameAnswersAsEqualCopies() {
        // Keys are compared by value: the same address and Call-ID objects, as a parser's cache
        // may hand out, and equal copies give the same answers, through the lock or without it.
        java.util.Random rnd = new java.util.Random(31);
        String[] ips = {"10.77.0.2", "10.77.0.3", "fd77::2", "192.0.2.9"};
        String[] ids = {"a", "b", "c", ""};
        java.net.InetAddress[] addresses = java.util.Arrays.stream(ips).map(Addresses::parse)
                .toArray(java.net.InetAddress[]::new);
        Deduplicator shared = Deduplicator.create(Duration.ofMillis(300), 3);
        Deduplicator copied = Deduplicator.create(Duration.ofMillis(300), 3);
        Sensor messages = new Sensor(Sensor.Kind.LOG, "messages");
        long millis = 0;
        for (int i = 0; i < 20_000; i++) {
            int k = rnd.nextInt(ips.length);
            int c = rnd.nextInt(ids.length);
            String channel = rnd.nextBoolean() ? "notice" : "security-event";
            millis += rnd.nextInt(10) == 0 ? 400 : rnd.nextInt(20) - 5; // sometimes idle, sometimes out of order
            Instant at = T0.plusMillis(millis);
            var a = new AuthFailure(new EventMeta(at, Stack.PJSIP, Source.of(addresses[k], 5060, Transport.UDP), messages,
                    ids[c], channel), "1001", AuthFailure.Reason.WRONG_PASSWORD, "");
            var b = new AuthFailure(new EventMeta(at, Stack.PJSIP, Source.of(Addresses.parse(ips[k]), 5060, Transport.UDP),
                    messages, new String(ids[c]), channel), "1001", AuthFailure.Reason.WRONG_PASSWORD, "");
            assertThat(shared.isNewUnshared(a)).as("report %d", i).isEqualTo(copied.isNew(b));
        }
        assertThat(shared.duplicates()).isEqualTo(copied.duplicates()).isPositive();
    }

    @Test
    void oneChannelRunningAheadStillCountsEachAttemptOnce() {
        Deduplicator d = Deduplicator.withDefaults();
        int fresh = 0;
        for (int i = 0; i < 5; i++) {
            fresh += d.isNew(failure("security", "security-event", "192.0.2.1", "", i * 10)) ? 1 : 0;
        }
        for (int i = 0; i < 5; i++) {
            fresh += d.isNew(failure("messages", "notice", "192.0.2.1", "", 50 + i * 10)) ? 1 : 0;
        }
        assertThat(fresh).isEqualTo(5);
    }

    @Test
    void differentAddressesCorrelationsAndClassesAreDifferentAttempts() {
        Deduplicator d = Deduplicator.withDefaults();
        assertThat(d.isNew(failure("messages", "notice", "192.0.2.1", "a", 0))).isTrue();
        assertThat(d.isNew(failure("security", "security-event", "192.0.2.2", "a", 0))).isTrue();
        assertThat(d.isNew(failure("security", "security-event", "192.0.2.1", "b", 0))).isTrue();
        var ok = new AuthSuccess(failure("security", "security-event", "192.0.2.1", "a", 0).meta(), "1001", true);
        assertThat(d.isNew(ok)).isTrue();
        assertThat(d.isNew(failure("security", "security-event", "192.0.2.1", "a", 0))).isFalse();
    }

    @Test
    void keysExpireAfterTheIdleWindowInEventTime() {
        Deduplicator d = Deduplicator.create(Duration.ofSeconds(5), 1000);
        assertThat(d.isNew(failure("messages", "notice", "192.0.2.1", "", 0))).isTrue();
        // the other channel's report arrives after the window: it is a new attempt
        assertThat(d.isNew(failure("security", "security-event", "192.0.2.1", "", 5_001))).isTrue();
        assertThat(d.isNew(failure("messages", "notice", "192.0.2.1", "", 6_000))).isFalse();
        d.isNew(failure("messages", "notice", "192.0.2.9", "", 60_000));
        assertThat(d.size()).isEqualTo(1); // idle keys are gone
    }

    @Test
    void memoryIsBoundedByTheKeyCap() {
        Deduplicator d = Deduplicator.create(Duration.ofSeconds(5), 100);
        for (int i = 0; i < 10_000; i++) {
            d.isNew(failure("messages", "notice", "10.0." + (i / 250) + "." + (i % 250), "", 0));
        }
        assertThat(d.size()).isEqualTo(100);
    }

    @Test
    void disabledLetsEverythingThroughAndBadSettingsAreRefused() {
        Deduplicator d = Deduplicator.disabled();
        assertThat(d.isNew(failure("a", "notice", "192.0.2.1", "", 0))).isTrue();
        assertThat(d.isNew(failure("b", "notice", "192.0.2.1", "", 0))).isTrue();
        assertThatThrownBy(() -> Deduplicator.create(Duration.ZERO, 10)).hasMessageContaining("window");
        assertThatThrownBy(() -> Deduplicator.create(Duration.ofSeconds(1), 0)).hasMessageContaining("max keys");
        List<SecurityEvent> passed = new ArrayList<>();
        var sink = Deduplicator.withDefaults().filter(passed::add);
        sink.accept(failure("a", "notice", "192.0.2.1", "", 0));
        sink.accept(failure("b", "notice", "192.0.2.1", "", 0));
        assertThat(passed).hasSize(1);
    }

    /** A log cursor saved behind the filter must still wait for the engine behind it. */
    @Test
    void theFilterHandsAfterPreviousOnToTheSinkBehindIt() {
        List<Runnable> held = new ArrayList<>();
        var sink = Deduplicator.withDefaults().filter(new io.sipwarden.sensor.EventSink() {
            @Override
            public void accept(SecurityEvent e) {
            }

            @Override
            public void afterPrevious(Runnable action) {
                held.add(action);
            }
        });
        boolean[] ran = {false};
        sink.afterPrevious(() -> ran[0] = true);
        assertThat(ran[0]).as("not run by the filter itself").isFalse();
        assertThat(held).hasSize(1);
    }

    /** {@code 2^bits} distinct Call-IDs with one {@code String.hashCode}: blocks of "Aa" or "BB". */
    private static List<String> collidingCallIds(int bits) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 1 << bits; i++) {
            StringBuilder sb = new StringBuilder();
            for (int k = 0; k < bits; k++) {
                sb.append(((i >> k) & 1) == 0 ? "Aa" : "BB");
            }
            ids.add(sb.toString());
        }
        return ids;
    }

    @Test
    void craftedCallIdsThatCollideCostLinearWorkAndTheSameAnswers() {
        List<String> ids = collidingCallIds(14);
        assertThat(ids.get(0).hashCode()).isEqualTo(ids.get(ids.size() - 1).hashCode());
        Deduplicator d = Deduplicator.withDefaults();
        int fresh = 0;
        for (int i = 0; i < ids.size(); i++) { // 16,384 attempts within one window, one source
            fresh += d.isNew(failure("messages", "notice", "203.0.113.9", ids.get(i), i / 10)) ? 1 : 0;
        }
        for (int i = 0; i < ids.size(); i++) { // the second report of each: the keys survived the switch
            fresh += d.isNew(failure("messages", "security-event", "203.0.113.9", ids.get(i), i / 10 + 1)) ? 1 : 0;
        }
        assertThat(fresh).isEqualTo(ids.size());
        assertThat(d.duplicates()).isEqualTo(ids.size());
        assertThat(d.keyedHash()).isTrue();
        // without the switch one run holds every key: looking all 16,384 up would visit ≈ 1.3e8 slots
        assertThat(d.probes()).isLessThan(50L * 2 * ids.size());
    }

    @Test
    void ipv6SourcesWhoseHashCodesCollideAreNoBetterAttack() throws Exception {
        // InetAddress.hashCode adds an IPv6 address's four 32-bit words: a, K - a, 0, 1 all collide
        Deduplicator d = Deduplicator.withDefaults();
        int n = 8192;
        for (int i = 0; i < n; i++) {
            int a = 0x20010000 + i;
            java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(16).putInt(a).putInt(0x40000000 - a).putInt(0).putInt(1);
            String ip = java.net.InetAddress.getByAddress(bytes.array()).getHostAddress();
            assertThat(d.isNew(failure("messages", "notice", ip, "same-call-id", i / 10))).isTrue();
        }
        assertThat(d.keyedHash()).isTrue();
        assertThat(d.probes()).isLessThan(50L * n);
    }

    @Test
    void ordinaryTrafficKeepsTheFastHash() {
        Deduplicator d = Deduplicator.create(Duration.ofSeconds(5), 100_000);
        java.util.Random rnd = new java.util.Random(41);
        for (int i = 0; i < 100_000; i++) {
            String ip = "198.51." + rnd.nextInt(256) + "." + rnd.nextInt(256);
            d.isNew(failure("messages", "notice", ip, Long.toHexString(rnd.nextLong()), i / 100));
        }
        assertThat(d.keyedHash()).isFalse();
    }
}
