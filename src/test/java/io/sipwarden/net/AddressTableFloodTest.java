package io.sipwarden.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/**
 * Source addresses chosen to share one probe start cost no more than any others: the table's
 * hash is keyed per table. An attacker with an IPv6 /64 picks the low 64 bits freely; against
 * the unkeyed mixer the table used before, he can compute as many as he likes for one slot.
 */
class AddressTableFloodTest {
    private static final long K = 0x9E3779B97F4A7C15L;
    private static final long C = 0xD6E8FEB86659FD93L;
    private static final long C_INVERSE = BigInteger.valueOf(C).modInverse(BigInteger.TWO.pow(64)).longValue();

    /** The unkeyed probe start the table used before. */
    private static int unkeyedHome(long h, long l, int mask) {
        long x = h * K ^ l;
        x ^= x >>> 32;
        x *= C;
        x ^= x >>> 32;
        return (int) x & mask;
    }

    /** Low halves that all start at slot 0 of any index up to 2^20 slots under {@link #unkeyedHome}. */
    private static long aimedLow(long h, int i) {
        long x = (long) i << 40; // the final value: low 40 bits zero, so slot 0
        x ^= x >>> 32;           // x ^= x >>> 32 undoes itself
        x *= C_INVERSE;
        x ^= x >>> 32;
        return x ^ h * K;
    }

    @Test
    void addressesAimedAtOneSlotCostLinearWork() {
        long prefix = 0x2001_0db8_0bad_0001L; // one /64
        int n = 20_000;
        for (int i = 0; i < 100; i++) {
            assertThat(unkeyedHome(prefix, aimedLow(prefix, i), (1 << 20) - 1)).isZero(); // the attack works on the old mixer
        }
        AddressTable t = new AddressTable(100_000, null);
        for (int i = 0; i < n; i++) {
            int slot = t.findOrAdd(prefix, aimedLow(prefix, i), i);
            assertThat(t.find(prefix, aimedLow(prefix, i))).isEqualTo(slot);
        }
        assertThat(t.size()).isEqualTo(n);
        // unkeyed, one run would hold all 20,000: looking them all up would visit ≈ 2e8 slots
        assertThat(t.probes()).isLessThan(20L * 3 * n);
    }
}
