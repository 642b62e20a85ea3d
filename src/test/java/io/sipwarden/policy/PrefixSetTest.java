package io.sipwarden.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipwarden.net.Addresses;
import io.sipwarden.net.Cidr;
import java.net.InetAddress;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PrefixSetTest {

    private static Map.Entry<Cidr, String> e(String cidr) {
        return new AbstractMap.SimpleImmutableEntry<>(Cidr.parse(cidr), cidr);
    }

    @Test
    void longestPrefixWinsInBothFamilies() {
        PrefixSet<String> s = PrefixSet.of(List.of(e("10.0.0.0/8"), e("10.1.0.0/16"), e("10.1.2.3"), e("0.0.0.0/0"),
                e("2001:db8::/32"), e("2001:db8:1::/48"), e("::/0")));
        assertThat(s.match(Addresses.parse("10.1.2.3"))).isEqualTo("10.1.2.3");
        assertThat(s.match(Addresses.parse("10.1.2.4"))).isEqualTo("10.1.0.0/16");
        assertThat(s.match(Addresses.parse("10.200.0.1"))).isEqualTo("10.0.0.0/8");
        assertThat(s.match(Addresses.parse("192.0.2.1"))).isEqualTo("0.0.0.0/0");
        assertThat(s.match(Addresses.parse("2001:db8:1::5"))).isEqualTo("2001:db8:1::/48");
        assertThat(s.match(Addresses.parse("2001:db8:2::5"))).isEqualTo("2001:db8::/32");
        assertThat(s.match(Addresses.parse("2001:db9::5"))).isEqualTo("::/0");
        assertThat(s.size()).isEqualTo(7);
    }

    @Test
    void highBitAddressesCompareUnsigned() {
        PrefixSet<String> s = PrefixSet.of(List.of(e("255.255.255.0/24"), e("128.0.0.0/1"), e("ff00::/8"), e("8000::/1")));
        assertThat(s.match(Addresses.parse("255.255.255.9"))).isEqualTo("255.255.255.0/24");
        assertThat(s.match(Addresses.parse("200.1.1.1"))).isEqualTo("128.0.0.0/1");
        assertThat(s.match(Addresses.parse("127.255.255.255"))).isNull();
        assertThat(s.match(Addresses.parse("ff02::1"))).isEqualTo("ff00::/8");
        assertThat(s.match(Addresses.parse("9000::1"))).isEqualTo("8000::/1");
        assertThat(s.match(Addresses.parse("7fff::1"))).isNull();
    }

    @Test
    void agreesWithALinearScanOnRandomPrefixes() throws Exception {
        Random r = new Random(42);
        List<Map.Entry<Cidr, String>> entries = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            boolean six = r.nextInt(4) == 0;
            byte[] b = new byte[six ? 16 : 4];
            r.nextBytes(b);
            b[0] = (byte) (six ? 0x20 : 10 + r.nextInt(3)); // crowd the space so prefixes nest
            int len = six ? 16 + r.nextInt(113) : 8 + r.nextInt(25);
            Cidr c = new Cidr(InetAddress.getByAddress(b), len);
            entries.add(new AbstractMap.SimpleImmutableEntry<>(c, c.toString()));
        }
        PrefixSet<String> s = PrefixSet.of(entries);
        for (int i = 0; i < 20000; i++) {
            boolean six = r.nextInt(4) == 0;
            InetAddress a;
            if (r.nextBoolean()) {
                Cidr inside = entries.get(r.nextInt(entries.size())).getKey();
                byte[] b = inside.network().getAddress();
                b[b.length - 1] ^= (byte) r.nextInt(4);
                a = InetAddress.getByAddress(b);
            } else {
                byte[] b = new byte[six ? 16 : 4];
                r.nextBytes(b);
                b[0] = (byte) (six ? 0x20 : 10 + r.nextInt(3));
                a = InetAddress.getByAddress(b);
            }
            Cidr best = null;
            for (Map.Entry<Cidr, String> e : entries) {
                if (e.getKey().contains(a) && (best == null || e.getKey().length() > best.length())) {
                    best = e.getKey();
                }
            }
            assertThat(s.match(a)).as(a.toString()).isEqualTo(best == null ? null : best.toString());
        }
    }

    @Test
    void emptySetMatchesNothing() {
        assertThat(PrefixSet.<String>empty().match(Addresses.parse("192.0.2.1"))).isNull();
        assertThat(PrefixSet.<String>empty().isEmpty()).isTrue();
    }
}
