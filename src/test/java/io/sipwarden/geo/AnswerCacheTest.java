package io.sipwarden.geo;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipwarden.net.Addresses;
import java.net.InetAddress;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AnswerCacheTest {

    private static GeoLocation at(String country) {
        return new GeoLocation("", country, "", "", Double.NaN, Double.NaN, 0, "");
    }

    @Test
    void returnsWhatWasPutAndNothingForOtherAddresses() {
        AnswerCache c = new AnswerCache(1000);
        InetAddress a = Addresses.parse("81.2.69.160");
        InetAddress b = Addresses.parse("::ffff:0:5102:45a0"); // IPv6 whose low bits equal a's
        c.put(a, at("GB"));
        assertThat(c.get(a)).isEqualTo(at("GB"));
        assertThat(c.get(b)).isNull();
        assertThat(c.get(Addresses.parse("81.2.69.161"))).isNull();
        c.put(b, at("US"));
        assertThat(c.get(b)).isEqualTo(at("US"));
        c.clear();
        assertThat(c.get(a)).isNull();
    }

    @Test
    void aWorkingSetOfTheConfiguredSizeMostlyStays() throws Exception {
        AnswerCache c = new AnswerCache(50_000);
        Random r = new Random(7);
        InetAddress[] set = new InetAddress[50_000];
        for (int i = 0; i < set.length; i++) {
            set[i] = InetAddress.getByAddress(new byte[] {(byte) (1 + r.nextInt(200)), (byte) r.nextInt(256),
                (byte) r.nextInt(256), (byte) r.nextInt(256)});
            c.put(set[i], at("FR"));
        }
        int hits = 0;
        for (InetAddress a : set) {
            hits += c.get(a) != null ? 1 : 0;
        }
        assertThat(hits).isGreaterThan(45_000);
    }

    @Test
    void concurrentReadersNeverSeeAnotherAddresssAnswer() throws Exception {
        AnswerCache c = new AnswerCache(16); // tiny: constant collisions
        InetAddress[] addrs = new InetAddress[256];
        GeoLocation[] locs = new GeoLocation[256];
        for (int i = 0; i < addrs.length; i++) {
            addrs[i] = InetAddress.getByAddress(new byte[] {10, 0, 0, (byte) i});
            locs[i] = at("C" + i);
        }
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger wrong = new AtomicInteger();
        Thread writer = Thread.ofPlatform().start(() -> {
            Random r = new Random(1);
            while (!stop.get()) {
                int i = r.nextInt(addrs.length);
                c.put(addrs[i], locs[i]);
            }
        });
        Random r = new Random(2);
        for (int n = 0; n < 2_000_000; n++) {
            int i = r.nextInt(addrs.length);
            GeoLocation g = c.get(addrs[i]);
            if (g != null && g != locs[i]) {
                wrong.incrementAndGet();
            }
        }
        stop.set(true);
        writer.join();
        assertThat(wrong.get()).isZero();
    }
}
