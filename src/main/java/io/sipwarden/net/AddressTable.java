package io.sipwarden.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * A compact map from IP address to a dense slot number, for per-source state that must stay
 * small with millions of sources. Keys are two longs (IPv4 as IPv4-mapped IPv6), slots index
 * the caller's own primitive arrays ({@link Columns}), and the table never holds more than
 * {@code maxEntries}: when full, it evicts the least recently stamped of a few sampled entries
 * (sampled LRU, as Redis does), so no linked list costs memory. Not thread-safe: one owner thread.
 */
public final class AddressTable {

    /** The owner's per-slot arrays; grown with the table and cleared when a slot is reused. */
    public interface Columns {
        void grow(int capacity);

        void clear(int slot);
    }

    private static final int SAMPLES = 8;
    private static final int FIRST_CAPACITY = 1024;

    private final int maxEntries;
    private final Columns columns;
    private int[] index = new int[0];      // linear probing; value = slot + 1, 0 = empty
    private long[] hi = new long[0];
    private long[] lo = new long[0];
    private int[] stamp = new int[0];       // caller's time stamp (seconds), for LRU eviction
    private boolean[] live = new boolean[0];
    private int[] free = new int[16];
    private int freeTop;
    private int highWater;
    private int size;
    private long evictions;
    private long random = 0x2545F4914F6CDD1DL;
    private static final java.security.SecureRandom SEEDS = new java.security.SecureRandom();
    private final long seedHi = SEEDS.nextLong();
    private final long seedLo = SEEDS.nextLong();

    public AddressTable(int maxEntries, Columns columns) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be positive: " + maxEntries);
        }
        this.maxEntries = maxEntries;
        this.columns = columns == null ? NO_COLUMNS : columns;
        grow(Math.min(FIRST_CAPACITY, maxEntries));
    }

    private static final Columns NO_COLUMNS = new Columns() {
        @Override
        public void grow(int capacity) {
        }

        @Override
        public void clear(int slot) {
        }
    };

    /** High half of the key of {@code a}. */
    public static long keyHi(InetAddress a) {
        if (a instanceof Inet4Address) {
            return 0L;
        }
        byte[] b = a.getAddress();
        return bytesToLong(b, 0);
    }

    /** Low half of the key of {@code a}; IPv4 is folded into ::ffff:a.b.c.d without allocating. */
    public static long keyLo(InetAddress a) {
        if (a instanceof Inet4Address) {
            // Inet4Address.hashCode() is its address as an int: no array copy on the hot path.
            return 0xFFFF_0000_0000L | (a.hashCode() & 0xFFFF_FFFFL);
        }
        byte[] b = a.getAddress();
        return bytesToLong(b, 8);
    }

    /** The address a key stands for. */
    public static InetAddress address(long hi, long lo) {
        try {
            if (hi == 0 && (lo >>> 32) == 0xFFFFL) {
                int v = (int) lo;
                return InetAddress.getByAddress(new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v});
            }
            byte[] b = new byte[16];
            for (int i = 0; i < 8; i++) {
                b[i] = (byte) (hi >>> (56 - 8 * i));
                b[8 + i] = (byte) (lo >>> (56 - 8 * i));
            }
            return Inet6Address.getByAddress(null, b, null);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    public int size() {
        return size;
    }

    /**
     * The index slots a lookup of every key visits now: derived from the index (each key's
     * distance from its probe start, plus one), so lookups count nothing. For tests.
     */
    long probes() {
        int mask = index.length - 1;
        long total = 0;
        for (int i = 0; i < index.length; i++) {
            int v = index[i];
            if (v != 0) {
                total += ((i - home(hi[v - 1], lo[v - 1], mask)) & mask) + 1;
            }
        }
        return total;
    }

    public int maxEntries() {
        return maxEntries;
    }

    /** Entries evicted because the table was full. */
    public long evictions() {
        return evictions;
    }

    /** Slots are in [0, highWater()); use {@link #isLive} to skip free ones. */
    public int highWater() {
        return highWater;
    }

    public boolean isLive(int slot) {
        return slot >= 0 && slot < highWater && live[slot];
    }

    public long hi(int slot) {
        return hi[slot];
    }

    public long lo(int slot) {
        return lo[slot];
    }

    public InetAddress address(int slot) {
        return address(hi[slot], lo[slot]);
    }

    public int stamp(int slot) {
        return stamp[slot];
    }

    public void stamp(int slot, int value) {
        stamp[slot] = value;
    }

    /** The slot of the key, or -1. */
    public int find(long h, long l) {
        int mask = index.length - 1;
        for (int i = home(h, l, mask); ; i = (i + 1) & mask) {
            int v = index[i];
            if (v == 0) {
                return -1;
            }
            int s = v - 1;
            if (lo[s] == l && hi[s] == h) {
                return s;
            }
        }
    }

    /**
     * The slot of the key, adding it (with cleared columns and the given stamp) when absent. When
     * the table is full, the least recently stamped of a few sampled entries is evicted first.
     */
    public int findOrAdd(long h, long l, int now) {
        int found = find(h, l);
        if (found >= 0) {
            return found;
        }
        if (size >= maxEntries) {
            evictOne();
        }
        int slot;
        if (freeTop > 0) {
            slot = free[--freeTop];
        } else {
            if (highWater == hi.length) {
                grow(Math.min(maxEntries, hi.length * 2));
            }
            slot = highWater++;
        }
        hi[slot] = h;
        lo[slot] = l;
        stamp[slot] = now;
        live[slot] = true;
        columns.clear(slot);
        insertIndex(slot);
        size++;
        return slot;
    }

    /** Removes the entry in {@code slot}; its slot number may be handed out again. */
    public void remove(int slot) {
        if (!isLive(slot)) {
            return;
        }
        int mask = index.length - 1;
        int i = home(hi[slot], lo[slot], mask);
        while (index[i] != slot + 1) {
            i = (i + 1) & mask;
        }
        deleteAt(i);
        live[slot] = false;
        if (freeTop == free.length) {
            free = Arrays.copyOf(free, free.length * 2);
        }
        free[freeTop++] = slot;
        size--;
    }

    /** Removes everything. */
    public void clear() {
        Arrays.fill(index, 0);
        Arrays.fill(live, false);
        freeTop = 0;
        highWater = 0;
        size = 0;
    }

    private void evictOne() {
        int victim = -1;
        int oldest = Integer.MAX_VALUE;
        for (int tries = 0; tries < SAMPLES * 4 && (victim < 0 || tries < SAMPLES); tries++) {
            int s = (int) Long.remainderUnsigned(nextRandom(), highWater);
            if (live[s] && stamp[s] < oldest) {
                oldest = stamp[s];
                victim = s;
            }
        }
        if (victim < 0) {
            for (int s = 0; s < highWater; s++) {
                if (live[s]) {
                    victim = s;
                    break;
                }
            }
        }
        remove(victim);
        evictions++;
    }

    private long nextRandom() {
        long x = random;
        x ^= x << 13;
        x ^= x >>> 7;
        x ^= x << 17;
        random = x;
        return x;
    }

    private void grow(int capacity) {
        hi = Arrays.copyOf(hi, capacity);
        lo = Arrays.copyOf(lo, capacity);
        stamp = Arrays.copyOf(stamp, capacity);
        live = Arrays.copyOf(live, capacity);
        columns.grow(capacity);
        int indexSize = Integer.highestOneBit(Math.max(4, capacity) * 2 - 1) << 1; // >= 2 x capacity
        if (indexSize != index.length) {
            index = new int[indexSize];
            for (int s = 0; s < highWater; s++) {
                if (live[s]) {
                    insertIndex(s);
                }
            }
        }
    }

    private void insertIndex(int slot) {
        int mask = index.length - 1;
        int i = home(hi[slot], lo[slot], mask);
        while (index[i] != 0) {
            i = (i + 1) & mask;
        }
        index[i] = slot + 1;
    }

    // Backward-shift deletion keeps linear probing correct without tombstones.
    private void deleteAt(int pos) {
        int mask = index.length - 1;
        int i = pos;
        int j = pos;
        index[i] = 0;
        while (true) {
            j = (j + 1) & mask;
            int v = index[j];
            if (v == 0) {
                return;
            }
            int k = home(hi[v - 1], lo[v - 1], mask);
            boolean stays = i <= j ? (i < k && k <= j) : (i < k || k <= j);
            if (!stays) {
                index[i] = v;
                index[j] = 0;
                i = j;
            }
        }
    }

    /**
     * The probe start of a key. The secret per-table seeds matter: an attacker chooses his
     * source addresses (one IPv6 /64 holds 2^64 of them), and with a fixed public mixer he could
     * compute thousands that share a slot, turning every lookup into a walk along one run.
     */
    private int home(long h, long l, int mask) {
        long x = (h ^ seedHi) * 0x9E3779B97F4A7C15L ^ (l ^ seedLo);
        x ^= x >>> 32;
        x *= 0xD6E8FEB86659FD93L;
        x ^= x >>> 32;
        return (int) x & mask;
    }

    private static long bytesToLong(byte[] b, int off) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[off + i] & 0xFF);
        }
        return v;
    }
}
