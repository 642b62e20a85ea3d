package io.sipwarden.sensor.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The per-parser memo answers exactly what the shared cache answers, whatever evicts what. */
class Inet4MemoTest {

    @Test
    void everyValueGetsItsOwnAddress() throws Exception {
        Inet4Memo memo = new Inet4Memo();
        Random rnd = new Random(31);
        long[] hot = {0xC6336405L, 0xC6336407L, 0x0A4D0002L}; // 198.51.100.5, .7, 10.77.0.2
        for (int i = 0; i < 200_000; i++) {
            // hot sources between a long tail, as in an attack log; values 0 and 2^32-1 included
            long v = switch (rnd.nextInt(4)) {
                case 0 -> hot[rnd.nextInt(hot.length)];
                case 1 -> rnd.nextBoolean() ? 0L : 0xFFFF_FFFFL;
                default -> rnd.nextLong() & 0xFFFF_FFFFL;
            };
            InetAddress a = memo.get(v);
            byte[] expected = {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
            assertThat(a.getAddress()).as("value %08x", v).isEqualTo(expected);
            assertThat(a).isEqualTo(InetAddress.getByAddress(expected));
        }
    }

    @Test
    void aRepeatedSourceIsTheSameObject() {
        Inet4Memo memo = new Inet4Memo();
        InetAddress first = memo.get(0xC6336405L); // slot 4
        memo.get(0x01020304L); // slot 3: both stay
        assertThat(memo.get(0xC6336405L)).isSameAs(first);
    }
}
