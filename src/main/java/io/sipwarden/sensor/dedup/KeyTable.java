package io.sipwarden.sensor.dedup;

import java.net.InetAddress;
import java.util.Arrays;

/**
 * The de-duplicator's keys and their per-channel counts, without an object per key: entries
 * live in parallel arrays (a slab with a free list), an open-addressing index (linear probing,
 * backward-shift deletion) finds them by a hash of the key and compares the key's parts exactly,
 * and an intrusive doubly-linked list keeps them in access order, oldest first — the order of
 * an access-ordered {@code LinkedHashMap}, which this replaces. Not thread-safe.
 */
final class KeyTable {
    private static final int NONE = -1;

    /** Open-addressing index: entry number + 1, or 0 for an empty slot. */
    private int[] index = new int[256];
    private int[] hashes = new int[64];
    /** Stack ordinal and event class of the key, in one int. */
    private int[] kinds = new int[64];
    private InetAddress[] addresses = new InetAddress[64];
    private String[] correlations = new String[64];
    private long[] lastMillis = new long[64];
    /** Counts by channel, {@link #stride} per entry. */
    private int[] counts = new int[64 * 4];
    private int stride = 4;
    private int[] older = new int[64];
    private int[] newer = new int[64];
    private int oldest = NONE;
    private int newest = NONE;
    private int freeList = NONE;
    private int used;
    private int size;

    /**
     * Probes past which an insert switches the table to its keyed hash. With at most half the
     * slots used, linear probing's longest run over 100,000 random keys stays far below this.
     */
    static final int PROBE_LIMIT = 64;

    /**
     * Whether keys are hashed with {@link #keyedHash} (secret per table) rather than with the
     * fast hash built on {@code String.hashCode}. The Call-ID is chosen by whoever sends the
     * request, and strings with equal {@code String.hashCode} are trivial to make ("Aa" and
     * "BB"): 32,768 such Call-IDs from one source took 4.6 s instead of 20 ms. Such runs are
     * noticed on insert and the table switches, once, for good.
     */
    private boolean keyed;
    private final long seed;
    private final long multiplier;

    private static final java.security.SecureRandom SEEDS = new java.security.SecureRandom();

    KeyTable() {
        this.seed = SEEDS.nextLong();
        this.multiplier = SEEDS.nextLong() | 1; // odd: a bijection of the running value
    }

    int size() {
        return size;
    }

    /**
     * The slots a lookup of every key visits now: derived from the index (each key's distance
     * from its hash's slot, plus one), so the lookups themselves count nothing. For tests.
     */
    long probes() {
        int mask = index.length - 1;
        long total = 0;
        for (int slot = 0; slot < index.length; slot++) {
            int e = index[slot] - 1;
            if (e >= 0) {
                total += ((slot - hashes[e]) & mask) + 1;
            }
        }
        return total;
    }

    /** Whether the table hashes with its secret key (it met a run of colliding keys). */
    boolean keyed() {
        return keyed;
    }

    /** The hash of a key in the table's current mode. */
    int hash(int kind, InetAddress address, String correlation) {
        if (keyed) {
            return keyedHash(kind, address, correlation);
        }
        int h = (kind * 31 + address.hashCode()) * 31 + correlation.hashCode();
        h *= 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    /**
     * A hash the sender cannot aim at: the address bytes and the Call-ID's characters through a
     * polynomial with a secret odd multiplier and a secret start (the collisions of
     * {@code String.hashCode} are collisions for its multiplier 31 only, and
     * {@code InetAddress.hashCode} adds an IPv6 address's words, so both are left out), then
     * MurmurHash3's finalizer so every bit of it reaches the slot bits.
     */
    private int keyedHash(int kind, InetAddress address, String correlation) {
        long h = seed ^ kind;
        for (byte b : address.getAddress()) {
            h = (h + (b & 0xFF)) * multiplier;
        }
        h = (h + 0x100) * multiplier; // ends the address: no shift between address and Call-ID
        for (int i = 0; i < correlation.length(); i++) {
            h = (h + correlation.charAt(i)) * multiplier;
        }
        h ^= seed;
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return (int) h;
    }

    /** The entry of the key, or -1. Does not change the access order. */
    int find(int hash, int kind, InetAddress address, String correlation) {
        int mask = index.length - 1;
        for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
            int e = index[slot] - 1;
            if (e < 0) {
                return NONE;
            }
            InetAddress a = addresses[e];
            if (hashes[e] == hash && kinds[e] == kind && (a == address || a.equals(address))
                    && correlations[e].equals(correlation)) {
                return e;
            }
        }
    }

    /** Adds a key known to be absent, as the newest entry with zero counts. */
    int add(int hash, int kind, InetAddress address, String correlation, long millis) {
        if ((size + 1) * 2 > index.length) {
            rehash(index.length * 2);
        }
        int e;
        if (freeList != NONE) {
            e = freeList;
            freeList = newer[e];
        } else {
            if (used == hashes.length) {
                grow(hashes.length * 2);
            }
            e = used++;
        }
        hashes[e] = hash;
        kinds[e] = kind;
        addresses[e] = address;
        correlations[e] = correlation;
        lastMillis[e] = millis;
        Arrays.fill(counts, e * stride, e * stride + stride, 0);
        int mask = index.length - 1;
        int slot = hash & mask;
        int run = 0;
        while (index[slot] != 0) {
            slot = (slot + 1) & mask;
            run++;
        }
        index[slot] = e + 1;
        link(e);
        size++;
        if (run > PROBE_LIMIT && !keyed) {
            switchToKeyedHash();
        }
        return e;
    }

    /** Rehashes every key with the keyed hash; the entries, their order and counts stay. */
    private void switchToKeyedHash() {
        keyed = true;
        for (int e = 0; e < used; e++) {
            if (addresses[e] != null) {
                hashes[e] = keyedHash(kinds[e], addresses[e], correlations[e]);
            }
        }
        rehash(index.length);
        System.getLogger(KeyTable.class.getName()).log(System.Logger.Level.WARNING,
                "de-duplication: {0} keys collided under the fast hash (crafted Call-IDs or addresses?); "
                        + "this table hashes with a secret key from now on", size);
    }

    /** Makes the entry the most recently used. */
    void touch(int e) {
        if (e != newest) {
            unlink(e);
            link(e);
        }
    }

    /** Forgets the entry's counts (a new attempt under a key seen long ago). */
    void reset(int e, long millis) {
        lastMillis[e] = millis;
        Arrays.fill(counts, e * stride, e * stride + stride, 0);
    }

    long lastMillis(int e) {
        return lastMillis[e];
    }

    void lastMillis(int e, long millis) {
        lastMillis[e] = millis;
    }

    /**
     * Adds one report of {@code channel} and tells whether its count now exceeds every other
     * channel's count for the entry.
     */
    boolean countAndCheck(int e, int channel) {
        if (channel >= stride) {
            widen(Math.max(channel + 1, stride * 2));
        }
        int base = e * stride;
        int mine = ++counts[base + channel];
        for (int c = 0; c < stride; c++) {
            if (c != channel && counts[base + c] >= mine) {
                return false;
            }
        }
        return true;
    }

    /** The least recently used entry, or -1 when empty. */
    int oldest() {
        return oldest;
    }

    void remove(int e) {
        int mask = index.length - 1;
        int slot = hashes[e] & mask;
        while (index[slot] != e + 1) {
            slot = (slot + 1) & mask;
        }
        // backward-shift deletion: move later members of the probe run into the gap
        int gap = slot;
        for (int s = (gap + 1) & mask; index[s] != 0; s = (s + 1) & mask) {
            int home = hashes[index[s] - 1] & mask;
            if (((s - home) & mask) >= ((s - gap) & mask)) {
                index[gap] = index[s];
                gap = s;
            }
        }
        index[gap] = 0;
        unlink(e);
        addresses[e] = null;
        correlations[e] = null;
        newer[e] = freeList;
        freeList = e;
        size--;
    }

    private void link(int e) {
        older[e] = newest;
        newer[e] = NONE;
        if (newest != NONE) {
            newer[newest] = e;
        } else {
            oldest = e;
        }
        newest = e;
    }

    private void unlink(int e) {
        int o = older[e];
        int n = newer[e];
        if (o != NONE) {
            newer[o] = n;
        } else {
            oldest = n;
        }
        if (n != NONE) {
            older[n] = o;
        } else {
            newest = o;
        }
    }

    private void rehash(int capacity) {
        int[] fresh = new int[capacity];
        int mask = capacity - 1;
        for (int v : index) {
            if (v != 0) {
                int slot = hashes[v - 1] & mask;
                while (fresh[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                fresh[slot] = v;
            }
        }
        index = fresh;
    }

    private void grow(int capacity) {
        hashes = Arrays.copyOf(hashes, capacity);
        kinds = Arrays.copyOf(kinds, capacity);
        addresses = Arrays.copyOf(addresses, capacity);
        correlations = Arrays.copyOf(correlations, capacity);
        lastMillis = Arrays.copyOf(lastMillis, capacity);
        counts = Arrays.copyOf(counts, capacity * stride);
        older = Arrays.copyOf(older, capacity);
        newer = Arrays.copyOf(newer, capacity);
    }

    /** More channels than the stride holds: lay the counts out again, wider. */
    private void widen(int newStride) {
        int[] wide = new int[hashes.length * newStride];
        for (int e = 0; e < used; e++) {
            System.arraycopy(counts, e * stride, wide, e * newStride, stride);
        }
        counts = wide;
        stride = newStride;
    }
}
