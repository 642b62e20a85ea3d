package io.sipwarden.sensor.dedup;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The de-duplicator on its primitive {@link KeyTable} must decide exactly as the access-ordered
 * {@code LinkedHashMap} version it replaced (kept here as the model): seeded random streams with
 * few addresses and Call-IDs (many hits), out-of-order times, up to nine channels, a small key
 * cap (least-recently-used eviction on every event) and a short window (idle sweeps).
 */
class KeyTableModelTest {
    private static final Instant T0 = Instant.parse("2026-11-21T19:19:53Z");

    /** The previous implementation, verbatim in behaviour. */
    private static final class Model {
        private record Key(Stack stack, java.net.InetAddress address, String correlation, boolean success) {
        }

        private static final class Entry {
            int[] counts = new int[4];
            long lastMillis;
        }

        private final long windowMillis;
        private final int maxKeys;
        private final LinkedHashMap<Key, Entry> keys = new LinkedHashMap<>(16, 0.75f, true);
        private final Map<List<Object>, Integer> channels = new HashMap<>();
        private long latestMillis = Long.MIN_VALUE;
        private long lastEvictionMillis = Long.MIN_VALUE;

        Model(long windowMillis, int maxKeys) {
            this.windowMillis = windowMillis;
            this.maxKeys = maxKeys;
        }

        boolean isNew(SecurityEvent e) {
            long t = e.time().toEpochMilli();
            latestMillis = Math.max(latestMillis, t);
            Key key = new Key(e.meta().stack(), e.address(), e.meta().correlation(), e instanceof AuthSuccess);
            int channel = channels.computeIfAbsent(List.of(e.meta().sensor(), e.meta().channel()), k -> channels.size());
            Entry entry = keys.get(key);
            if (entry == null || Math.abs(t - entry.lastMillis) > windowMillis) {
                entry = new Entry();
                entry.lastMillis = t;
                keys.put(key, entry);
            }
            entry.lastMillis = Math.max(entry.lastMillis, t);
            if (channel >= entry.counts.length) {
                entry.counts = java.util.Arrays.copyOf(entry.counts, Math.max(channel + 1, entry.counts.length * 2));
            }
            int mine = ++entry.counts[channel];
            boolean fresh = true;
            for (int c = 0; c < entry.counts.length; c++) {
                if (c != channel && entry.counts[c] >= mine) {
                    fresh = false;
                    break;
                }
            }
            if (keys.size() > maxKeys || lastEvictionMillis == Long.MIN_VALUE
                    || latestMillis - lastEvictionMillis >= windowMillis / 8) {
                lastEvictionMillis = latestMillis;
                Iterator<Map.Entry<Key, Entry>> it = keys.entrySet().iterator();
                while (it.hasNext()) {
                    Map.Entry<Key, Entry> oldest = it.next();
                    if (keys.size() > maxKeys || latestMillis - oldest.getValue().lastMillis > windowMillis) {
                        it.remove();
                    } else {
                        break;
                    }
                }
            }
            return fresh;
        }
    }

    private static SecurityEvent event(Random rnd, long millis, Sensor[] sensors, String[] channels) {
        Stack stack = rnd.nextInt(5) == 0 ? Stack.CHAN_SIP : Stack.PJSIP;
        String ip = rnd.nextInt(6) == 0 ? "2001:db8::" + Integer.toHexString(rnd.nextInt(8)) : "192.0.2." + rnd.nextInt(24);
        String correlation = rnd.nextInt(4) == 0 ? "" : "cid-" + rnd.nextInt(30);
        var meta = new EventMeta(T0.plusMillis(millis), stack, Source.of(Addresses.parse(ip), 5060, Transport.UDP),
                sensors[rnd.nextInt(sensors.length)], correlation, channels[rnd.nextInt(channels.length)]);
        return rnd.nextInt(7) == 0 ? new AuthSuccess(meta, "1001", true)
                : new AuthFailure(meta, "1001", AuthFailure.Reason.WRONG_PASSWORD, "");
    }

    @Test
    void decidesExactlyAsTheLinkedHashMapVersion() {
        Sensor[] sensors = {new Sensor(Sensor.Kind.LOG, "messages"), new Sensor(Sensor.Kind.LOG, "security"),
            new Sensor(Sensor.Kind.AMI, "pbx1")};
        String[] channels = {"notice", "security-event", "a", "b"};
        int[][] settings = {{5000, 100_000}, {200, 40}, {50, 7}, {1000, 1}, {30, 300}};
        for (int[] s : settings) {
            for (long seed = 1; seed <= 6; seed++) {
                Random rnd = new Random(seed * 31 + s[1]);
                Model model = new Model(s[0], s[1]);
                Deduplicator dedup = Deduplicator.create(Duration.ofMillis(s[0]), s[1]);
                long time = 0;
                List<Boolean> expected = new ArrayList<>();
                List<Boolean> got = new ArrayList<>();
                for (int i = 0; i < 20_000; i++) {
                    time += rnd.nextInt(40) - 8; // mostly forward, sometimes back
                    SecurityEvent e = event(rnd, Math.max(0, time), sensors, channels);
                    expected.add(model.isNew(e));
                    got.add(dedup.isNew(e));
                    if (!Objects.equals(expected.get(i), got.get(i))) {
                        break; // report the first difference below
                    }
                }
                assertThat(got).as("window %d ms, %d keys, seed %d", s[0], s[1], seed).isEqualTo(expected);
                assertThat(dedup.size()).isEqualTo(model.keys.size());
            }
        }
    }
}
