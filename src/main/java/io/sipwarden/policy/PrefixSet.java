package io.sipwarden.policy;

import io.sipwarden.net.Cidr;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A set of prefixes answering "which entry contains this address" (longest match) with one
 * binary search and no allocation beyond the address bytes. At build time the prefixes are cut
 * into disjoint ranges, each labelled with its longest matching prefix (found through one
 * sorted key array per prefix length); a lookup finds the range that starts at or below the
 * address.
 *
 * @param <V> what each prefix carries (its "why" text, its host name)
 */
final class PrefixSet<V> {

    private final Ranges<V> v4;
    private final Ranges<V> v6;

    private PrefixSet(Ranges<V> v4, Ranges<V> v6) {
        this.v4 = v4;
        this.v6 = v6;
    }

    /** Later duplicates of a prefix are ignored: the first entry names the setting. */
    static <V> PrefixSet<V> of(Collection<Map.Entry<Cidr, V>> entries) {
        List<Map.Entry<Cidr, V>> four = new ArrayList<>();
        List<Map.Entry<Cidr, V>> six = new ArrayList<>();
        for (Map.Entry<Cidr, V> e : entries) {
            (e.getKey().isIpv4() ? four : six).add(e);
        }
        return new PrefixSet<>(Ranges.build(four, 32), Ranges.build(six, 128));
    }

    static <V> PrefixSet<V> empty() {
        return of(List.of());
    }

    boolean isEmpty() {
        return v4.size() == 0 && v6.size() == 0;
    }

    int size() {
        return v4.size() + v6.size();
    }

    /** The value of the longest prefix containing the address, or null. */
    V match(InetAddress address) {
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            long lo = ((b[0] & 0xFFL) << 24) | ((b[1] & 0xFFL) << 16) | ((b[2] & 0xFFL) << 8) | (b[3] & 0xFFL);
            return v4.match(0, lo);
        }
        return v6.match(word(b, 0), word(b, 8));
    }

    private static long word(byte[] b, int from) {
        long w = 0;
        for (int i = from; i < from + 8; i++) {
            w = (w << 8) | (b[i] & 0xFFL);
        }
        return w;
    }

    /** One address family as disjoint ranges [start, next start), each with its longest prefix's value. */
    private static final class Ranges<V> {
        private final long[] his;
        private final long[] los;
        private final Object[] values; // null: no prefix covers the range
        private final int size;

        private Ranges(long[] his, long[] los, Object[] values, int size) {
            this.his = his;
            this.los = los;
            this.values = values;
            this.size = size;
        }

        static <V> Ranges<V> build(List<Map.Entry<Cidr, V>> entries, int width) {
            Table<V> table = Table.build(entries, width);
            java.math.BigInteger limit = java.math.BigInteger.ONE.shiftLeft(width);
            java.util.TreeSet<java.math.BigInteger> cuts = new java.util.TreeSet<>();
            cuts.add(java.math.BigInteger.ZERO);
            for (Map.Entry<Cidr, V> e : entries) {
                java.math.BigInteger start = new java.math.BigInteger(1, e.getKey().network().getAddress());
                cuts.add(start);
                java.math.BigInteger end = start.add(java.math.BigInteger.ONE.shiftLeft(width - e.getKey().length()));
                if (end.compareTo(limit) < 0) {
                    cuts.add(end);
                }
            }
            List<long[]> starts = new ArrayList<>();
            List<Object> values = new ArrayList<>();
            for (java.math.BigInteger cut : cuts) {
                long hi = cut.shiftRight(64).longValue();
                long lo = cut.longValue();
                V v = table.match(hi, lo);
                if (!values.isEmpty() && values.getLast() == v) {
                    continue; // same label as the range before: one range
                }
                starts.add(new long[] {hi, lo});
                values.add(v);
            }
            long[] his = new long[starts.size()];
            long[] los = new long[starts.size()];
            for (int i = 0; i < his.length; i++) {
                his[i] = starts.get(i)[0];
                los[i] = starts.get(i)[1];
            }
            return new Ranges<>(his, los, values.toArray(), table.size());
        }

        int size() {
            return size;
        }

        @SuppressWarnings("unchecked")
        V match(long hi, long lo) {
            // The last range whose start is <= the address; ranges[0] starts at 0.
            int low = 0;
            int high = his.length - 1;
            while (low < high) {
                int mid = (low + high + 1) >>> 1;
                int c = Long.compareUnsigned(his[mid], hi);
                if (c == 0) {
                    c = Long.compareUnsigned(los[mid], lo);
                }
                if (c <= 0) {
                    low = mid;
                } else {
                    high = mid - 1;
                }
            }
            return (V) values[low];
        }
    }

    /** One address family: for each prefix length present, the sorted masked networks. */
    private static final class Table<V> {
        private final int width;
        private final int[] lengths;     // longest first
        private final long[][] his;
        private final long[][] los;
        private final Object[][] values;
        private final int size;

        private Table(int width, int[] lengths, long[][] his, long[][] los, Object[][] values, int size) {
            this.width = width;
            this.lengths = lengths;
            this.his = his;
            this.los = los;
            this.values = values;
            this.size = size;
        }

        static <V> Table<V> build(List<Map.Entry<Cidr, V>> entries, int width) {
            TreeMap<Integer, TreeMap<long[], V>> byLength = new TreeMap<>(Comparator.reverseOrder());
            Comparator<long[]> unsigned = (x, y) -> x[0] != y[0] ? Long.compareUnsigned(x[0], y[0]) : Long.compareUnsigned(x[1], y[1]);
            int size = 0;
            for (Map.Entry<Cidr, V> e : entries) {
                Cidr c = e.getKey();
                byte[] b = c.network().getAddress();
                long[] key = width == 32
                        ? new long[] {0, ((b[0] & 0xFFL) << 24) | ((b[1] & 0xFFL) << 16) | ((b[2] & 0xFFL) << 8) | (b[3] & 0xFFL)}
                        : new long[] {word(b, 0), word(b, 8)};
                if (byLength.computeIfAbsent(c.length(), k -> new TreeMap<>(unsigned)).putIfAbsent(key, e.getValue()) == null) {
                    size++;
                }
            }
            int n = byLength.size();
            int[] lengths = new int[n];
            long[][] his = new long[n][];
            long[][] los = new long[n][];
            Object[][] values = new Object[n][];
            int i = 0;
            for (Map.Entry<Integer, TreeMap<long[], V>> level : byLength.entrySet()) {
                lengths[i] = level.getKey();
                int m = level.getValue().size();
                his[i] = new long[m];
                los[i] = new long[m];
                values[i] = new Object[m];
                int j = 0;
                for (Map.Entry<long[], V> e : level.getValue().entrySet()) {
                    his[i][j] = e.getKey()[0];
                    los[i][j] = e.getKey()[1];
                    values[i][j] = e.getValue();
                    j++;
                }
                i++;
            }
            return new Table<>(width, lengths, his, los, values, size);
        }

        int size() {
            return size;
        }

        @SuppressWarnings("unchecked")
        V match(long hi, long lo) {
            for (int i = 0; i < lengths.length; i++) {
                int len = lengths[i];
                long mh;
                long ml;
                if (width == 32) {
                    mh = 0;
                    ml = len == 0 ? 0 : lo & ((0xFFFFFFFFL << (32 - len)) & 0xFFFFFFFFL);
                } else {
                    mh = len == 0 ? 0 : len >= 64 ? hi : hi & (-1L << (64 - len));
                    ml = len <= 64 ? 0 : len == 128 ? lo : lo & (-1L << (128 - len));
                }
                int at = search(his[i], los[i], mh, ml);
                if (at >= 0) {
                    return (V) values[i][at];
                }
            }
            return null;
        }

        private static int search(long[] his, long[] los, long hi, long lo) {
            int low = 0;
            int high = his.length - 1;
            while (low <= high) {
                int mid = (low + high) >>> 1;
                int c = Long.compareUnsigned(his[mid], hi);
                if (c == 0) {
                    c = Long.compareUnsigned(los[mid], lo);
                }
                if (c < 0) {
                    low = mid + 1;
                } else if (c > 0) {
                    high = mid - 1;
                } else {
                    return mid;
                }
            }
            return -1;
        }

        @Override
        public String toString() {
            return "Table" + Arrays.toString(lengths);
        }
    }
}
