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
        assertThat(hits).isGreaterThan(49_500); // eight ways: a set overflows only rarely
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
            if (g != null && !g.equals(locs[i])) {
                wrong.incrementAndGet();
            }
        }
        stop.set(true);
        writer.join();
        assertThat(wrong.get()).isZero();
    }

    @Test
    void ipv4AndIpv6KeysNeverMeet() throws Exception {
        AnswerCache c = new AnswerCache(1000);
        InetAddress v4 = InetAddress.ofLiteral("1.2.3.4");
        InetAddress compatible = InetAddress.ofLiteral("::1.2.3.4"); // IPv6 whose low 32 bits are v4's
        InetAddress mapped = java.net.Inet6Address.getByAddress(null,
                new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xFF, (byte) 0xFF, 1, 2, 3, 4}, -1);
        assertThat(mapped).isInstanceOf(java.net.Inet6Address.class);
        InetAddress zero = InetAddress.ofLiteral("0.0.0.0"); // key bits 0: must not read as an empty slot
        InetAddress zero6 = InetAddress.ofLiteral("::");
        c.put(v4, at("FR"));
        assertThat(c.get(compatible)).isNull();
        assertThat(c.get(mapped)).isNull();
        assertThat(c.get(zero)).isNull();
        assertThat(c.get(zero6)).isNull();
        c.put(compatible, at("DE"));
        c.put(mapped, at("IT"));
        c.put(zero, at("ES"));
        c.put(zero6, at("PT"));
        assertThat(c.get(v4)).isEqualTo(at("FR"));
        assertThat(c.get(compatible)).isEqualTo(at("DE"));
        assertThat(c.get(mapped)).isEqualTo(at("IT"));
        assertThat(c.get(zero)).isEqualTo(at("ES"));
        assertThat(c.get(zero6)).isEqualTo(at("PT"));
    }

    @Test
    void unknownIsAnAnswerAndEqualAnswersAreOneObject() {
        AnswerCache c = new AnswerCache(100);
        c.put(Addresses.parse("192.0.2.1"), GeoLocation.UNKNOWN);
        assertThat(c.get(Addresses.parse("192.0.2.1"))).isSameAs(GeoLocation.UNKNOWN);
        c.put(Addresses.parse("192.0.2.2"), at("FR"));
        c.put(Addresses.parse("2001:db8::2"), at("FR"));
        assertThat(c.get(Addresses.parse("2001:db8::2"))).isSameAs(c.get(Addresses.parse("192.0.2.2")));
        c.put(Addresses.parse("192.0.2.2"), at("DE")); // a new answer for a cached address replaces it
        assertThat(c.get(Addresses.parse("192.0.2.2"))).isEqualTo(at("DE"));
    }

    @Test
    void moreDistinctAnswersThanTheSizeStartANewGenerationAndStayCorrect() throws Exception {
        AnswerCache c = new AnswerCache(16);
        int wrong = 0;
        int recentMisses = 0;
        for (int i = 0; i < 2_000; i++) {
            InetAddress a = InetAddress.getByAddress(new byte[] {(byte) 198, 51, (byte) (i >> 8), (byte) i});
            InetAddress b = InetAddress.ofLiteral("2001:db8::" + Integer.toHexString(i));
            c.put(a, at("A" + i));
            c.put(b, at("B" + i));
            recentMisses += c.get(a) == null || c.get(b) == null ? 1 : 0;
            for (int j = Math.max(0, i - 40); j <= i; j++) { // earlier ones: absent or right, never another's
                GeoLocation g = c.get(InetAddress.getByAddress(new byte[] {(byte) 198, 51, (byte) (j >> 8), (byte) j}));
                GeoLocation h = c.get(InetAddress.ofLiteral("2001:db8::" + Integer.toHexString(j)));
                wrong += g != null && !g.equals(at("A" + j)) ? 1 : 0;
                wrong += h != null && !h.equals(at("B" + j)) ? 1 : 0;
            }
        }
        assertThat(wrong).isZero();
        assertThat(recentMisses).isZero(); // the answer just put is always there
    }

    @Test
    void concurrentIpv6ReadersNeverSeeAnotherAddresssAnswer() throws Exception {
        AnswerCache c = new AnswerCache(16);
        InetAddress[] addrs = new InetAddress[256];
        GeoLocation[] locs = new GeoLocation[256];
        for (int i = 0; i < addrs.length; i++) {
            addrs[i] = InetAddress.ofLiteral("2001:db8::" + Integer.toHexString(i));
            locs[i] = at("C" + i);
        }
        AtomicBoolean stop = new AtomicBoolean();
        Thread writer = Thread.ofPlatform().start(() -> {
            Random r = new Random(1);
            while (!stop.get()) {
                int i = r.nextInt(addrs.length);
                c.put(addrs[i], locs[i]);
            }
        });
        int wrong = 0;
        Random r = new Random(2);
        for (int n = 0; n < 1_000_000; n++) {
            int i = r.nextInt(addrs.length);
            GeoLocation g = c.get(addrs[i]);
            wrong += g != null && !g.equals(locs[i]) ? 1 : 0;
        }
        stop.set(true);
        writer.join();
        assertThat(wrong).isZero();
    }
}
