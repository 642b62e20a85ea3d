package io.sipwarden.audit.check;

import com.nulabinc.zxcvbn.matchers.Dictionary;
import com.nulabinc.zxcvbn.matchers.Keyboard;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Proves, without running zxcvbn, that zxcvbn cannot rate a secret under 10^8 guesses.
 *
 * <p>zxcvbn (4.4.2, which zxcvbn4j 1.9 ports) scores a password as l! × Π guesses(segment) over the
 * cheapest cover by l segments, where a segment shorter than the password costs at least 10 (one
 * character), 50 (a longer match) or 10^L (L characters of brute force). So with no match longer
 * than m characters, a total under 10^8 can cover at most {@link #coverage(int) coverage(m)}
 * characters (3m+1 for m ≥ 2). This class computes an upper bound for m from zxcvbn's own
 * dictionaries and keyboards — dictionary words under any l33t substitution, reversed or not,
 * keyboard walks, repeats, sequences, dates and the user's own words — and answers "strong" when
 * the secret is longer than that coverage. Anything else goes to zxcvbn. Character classes are
 * merged along zxcvbn's l33t table (1 is i or l, 7 is l or t, so i, l, t, 1, 7, !, |, + are one
 * class), which can only make the bound larger, never smaller.
 */
final class GuessBound {

    private static final String[][] L33T = {
        {"a", "4@"}, {"b", "8"}, {"c", "({[<"}, {"e", "3"}, {"g", "69"}, {"i", "1!|"}, {"l", "1|7"},
        {"o", "0"}, {"s", "$5"}, {"t", "+7"}, {"x", "%"}, {"z", "2"}};
    private static final char[] CANON = new char[65536];

    static {
        for (int c = 0; c < CANON.length; c++) {
            CANON[c] = Character.toLowerCase((char) c);
        }
        // union of each letter with its substitutes; i, l and t end up in one class through 1 and 7
        for (int round = 0; round < 3; round++) {
            for (String[] row : L33T) {
                char rep = CANON[row[0].charAt(0)];
                for (char sub : row[1].toCharArray()) {
                    char other = CANON[sub];
                    char to = (char) Math.min(rep, other);
                    for (int c = 0; c < CANON.length; c++) {
                        if (CANON[c] == rep || CANON[c] == other) {
                            CANON[c] = to;
                        }
                    }
                    rep = to;
                }
            }
        }
    }

    private final LongSet words;
    private final LongSet prefixes;
    private final Map<Character, Set<Character>> adjacent = new HashMap<>();
    private final int[] coverage = new int[65];

    GuessBound(List<Dictionary> dictionaries, List<Keyboard> keyboards) {
        int n = 0;
        int chars = 0;
        for (Dictionary d : dictionaries) {
            n += d.getFrequencies().size();
            for (String w : d.getFrequencies()) {
                chars += w.length();
            }
        }
        words = new LongSet(n);
        prefixes = new LongSet(chars);
        for (Dictionary d : dictionaries) {
            for (String w : d.getFrequencies()) {
                long h = 0;
                for (int i = 0; i < w.length(); i++) {
                    h = step(h, w.charAt(i));
                    prefixes.add(h);
                }
                words.add(h);
            }
        }
        for (Keyboard k : keyboards) {
            for (var e : k.getAdjacencyGraph().entrySet()) {
                Set<Character> to = adjacent.computeIfAbsent(e.getKey(), c -> new HashSet<>());
                for (String neighbour : e.getValue()) {
                    if (neighbour != null) {
                        for (char c : neighbour.toCharArray()) {
                            to.add(c);
                        }
                    }
                }
            }
        }
        for (int m = 0; m < coverage.length; m++) {
            coverage[m] = cover(m, 0, 1, 1.0, 0, 0);
        }
    }

    private static long step(long h, char c) {
        return h * 1_000_003L + CANON[c] + 1;
    }

    /** True when zxcvbn is certain to need at least 10^8 guesses for {@code s}. */
    boolean provablyStrong(String s, List<String> userWords) {
        int m = longestMatch(s, userWords);
        return m < coverage.length && s.length() > coverage[m];
    }

    /** Most characters a cover can span at under 10^8 guesses when no match is longer than {@code m}. */
    int coverage(int m) {
        return coverage[Math.min(m, coverage.length - 1)];
    }

    /** An upper bound on the length of any match zxcvbn could find in {@code s}. */
    int longestMatch(String s, List<String> userWords) {
        int m = Math.max(dictionary(s), dictionary(new StringBuilder(s).reverse().toString()));
        m = Math.max(m, user(s, userWords));
        m = Math.max(m, spatial(s));
        m = Math.max(m, repeat(s));
        m = Math.max(m, sequence(s));
        m = Math.max(m, date(s));
        return m;
    }

    private int dictionary(String s) {
        int best = 0;
        for (int i = 0; i < s.length(); i++) {
            long h = 0;
            for (int j = i; j < s.length(); j++) {
                h = step(h, s.charAt(j));
                if (!prefixes.contains(h)) {
                    break;
                }
                if (words.contains(h)) {
                    best = Math.max(best, j - i + 1);
                }
            }
        }
        return best;
    }

    private static int user(String s, List<String> userWords) {
        String cs = canon(s);
        String rs = new StringBuilder(cs).reverse().toString();
        int best = 0;
        for (String w : userWords) {
            String cw = canon(w);
            if (!cw.isEmpty() && (cs.contains(cw) || rs.contains(cw))) {
                best = Math.max(best, cw.length());
            }
        }
        return best;
    }

    private static String canon(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            b.append(CANON[s.charAt(i)]);
        }
        return b.toString();
    }

    private int spatial(String s) {
        int best = 1;
        int run = 1;
        for (int i = 1; i < s.length(); i++) {
            Set<Character> next = adjacent.get(s.charAt(i - 1));
            run = next != null && next.contains(s.charAt(i)) ? run + 1 : 1;
            best = Math.max(best, run);
        }
        return best;
    }

    private static int repeat(String s) {
        int best = 0;
        int n = s.length();
        for (int p = 1; p <= n / 2; p++) {
            int run = 0;
            for (int j = 0; j + p < n; j++) {
                run = s.charAt(j) == s.charAt(j + p) ? run + 1 : 0;
                if (run >= p) {
                    best = Math.max(best, run + p);
                }
            }
        }
        return best;
    }

    private static int sequence(String s) {
        int best = 1;
        int run = 1;
        int delta = Integer.MIN_VALUE;
        for (int i = 1; i < s.length(); i++) {
            int d = s.charAt(i) - s.charAt(i - 1);
            if (Math.abs(d) <= 5 && d == delta) {
                run++;
            } else {
                run = Math.abs(d) <= 5 ? 2 : 1;
            }
            delta = d;
            best = Math.max(best, run);
        }
        return best;
    }

    /** Dates are 4–8 digits, or up to 10 characters with separators; years are 4 digits. */
    private static int date(String s) {
        int best = 0;
        int run = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean part = (c >= '0' && c <= '9') || " /\\_.-".indexOf(c) >= 0;
            run = part ? run + 1 : 0;
            if (run >= 4) {
                best = Math.max(best, Math.min(run, 10));
            }
        }
        return best;
    }

    /**
     * Largest span coverable by {@code l} more segments with total guesses (times l!) under 10^8:
     * one-character matches (10), matches of up to m characters (50), brute force (10^L, at least 11 or 51).
     */
    private static int cover(int m, int type, int l, double product, int length, int depth) {
        int best = length;
        if (depth == 7) {
            return best;
        }
        for (int t = type; t < 10; t++) {
            int len;
            double cost;
            if (t == 0) {
                len = 1;
                cost = 10;
            } else if (t == 1) {
                if (m < 2) {
                    continue;
                }
                len = m;
                cost = 50;
            } else {
                len = t - 1;
                cost = Math.max(Math.pow(10, len), len == 1 ? 11 : 51);
            }
            double total = product * cost * l;
            if (total < 1e8) {
                best = Math.max(best, cover(m, t, l + 1, product * cost * l, length + len, depth + 1));
            }
        }
        return best;
    }

    /** Open-addressing set of 64-bit hashes; a collision only makes the bound looser. */
    private static final class LongSet {
        private final long[] slots;
        private final int mask;

        /** At most half full, so probes stay short. */
        LongSet(int expected) {
            int cap = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
            slots = new long[cap];
            mask = cap - 1;
        }

        void add(long h) {
            long k = h == 0 ? 1 : h;
            int i = (int) mix(k) & mask;
            while (slots[i] != 0 && slots[i] != k) {
                i = (i + 1) & mask;
            }
            slots[i] = k;
        }

        boolean contains(long h) {
            long k = h == 0 ? 1 : h;
            int i = (int) mix(k) & mask;
            while (slots[i] != 0) {
                if (slots[i] == k) {
                    return true;
                }
                i = (i + 1) & mask;
            }
            return false;
        }

        private static long mix(long x) {
            x ^= x >>> 33;
            x *= 0xff51afd7ed558ccdL;
            x ^= x >>> 33;
            return x;
        }
    }

    /** Slots allocated (for the memory note in docs/audit.md). */
    long footprintBytes() {
        return 8L * (words.slots.length + prefixes.slots.length);
    }
}
