package io.sipwarden.audit.dialplan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * An Asterisk extension pattern ({@code _NXX.}, {@code _011!}, {@code _[+0-9].}) or a literal
 * extension, as the set of strings it matches. Only the questions the reachability analysis
 * asks are answered: can two patterns match a common number, can a pattern match a number starting
 * with a prefix.
 */
public final class Pattern {

    /** One position: a set of allowed characters, or "any number of any characters". */
    private record El(BitSet chars, boolean star) {
        boolean overlaps(El o) {
            return chars.intersects(o.chars);
        }
    }

    private static final BitSet ANY = new BitSet(128);
    private static final El STAR = new El(ANY, true);

    static {
        ANY.set(0, 128);
    }

    private final String text;
    private final List<El> els;

    private Pattern(String text, List<El> els) {
        this.text = text;
        this.els = List.copyOf(els);
    }

    public static Pattern any() {
        return new Pattern("_!", List.of(STAR));
    }

    /** Compiles an extension as written after {@code exten =>}. Dashes in patterns are ignored, as Asterisk does. */
    public static Pattern of(String ext) {
        List<El> els = new ArrayList<>();
        if (!ext.startsWith("_")) {
            for (char c : ext.toCharArray()) {
                els.add(new El(single(c), false));
            }
            return new Pattern(ext, els);
        }
        for (int i = 1; i < ext.length(); i++) {
            char c = ext.charAt(i);
            switch (Character.toUpperCase(c)) {
                case 'X' -> els.add(new El(range('0', '9'), false));
                case 'Z' -> els.add(new El(range('1', '9'), false));
                case 'N' -> els.add(new El(range('2', '9'), false));
                case '.' -> {
                    els.add(new El(ANY, false));
                    els.add(STAR);
                }
                case '!' -> els.add(STAR);
                case '-' -> { }
                case '[' -> {
                    int end = ext.indexOf(']', i);
                    if (end < 0) {
                        els.add(new El(single('['), false));
                    } else {
                        els.add(new El(set(ext.substring(i + 1, end)), false));
                        i = end;
                    }
                }
                default -> els.add(new El(single(c), false));
            }
        }
        return new Pattern(ext, els);
    }

    /** The numbers left after the first {@code k} characters are cut off ({@code ${EXTEN:k}}). */
    public Pattern shift(int k) {
        if (k <= 0) {
            return this;
        }
        List<El> rest = new ArrayList<>();
        int dropped = 0;
        for (El e : els) {
            if (dropped < k && !e.star()) {
                dropped++;
                continue;
            }
            rest.add(e);
        }
        return new Pattern(text + "[" + k + ":]", rest);
    }

    /** A literal prefix followed by this pattern (Dial(SIP/trunk/011${EXTEN})). */
    public Pattern prepend(String literal) {
        if (literal.isEmpty()) {
            return this;
        }
        List<El> l = new ArrayList<>();
        for (char c : literal.toCharArray()) {
            l.add(new El(single(c), false));
        }
        l.addAll(els);
        return new Pattern(literal + "+" + text, l);
    }

    /**
     * True when some number matches both. Computed bottom-up over two rows instead of by recursion
     * over a full memo table: an extension is text from the config, and one a few ten thousand
     * characters long overflowed the stack (an Error the audit does not catch) and made the table
     * quadratic in memory.
     */
    public boolean intersects(Pattern o) {
        int n = els.size();
        int m = o.els.size();
        // next[j] is the answer for (i + 1, j), row[j] for (i, j); (i, j) means "els from i and o.els from j".
        boolean[] next = new boolean[m + 1];
        boolean[] row = new boolean[m + 1];
        for (int i = n; i >= 0; i--) {
            for (int j = m; j >= 0; j--) {
                boolean r;
                if (i == n && j == m) {
                    r = true;
                } else if (i < n && els.get(i).star()) {
                    r = next[j] || (j < m && row[j + 1]);
                } else if (j < m && o.els.get(j).star()) {
                    r = row[j + 1] || (i < n && next[j]);
                } else if (i < n && j < m) {
                    r = els.get(i).overlaps(o.els.get(j)) && next[j + 1];
                } else {
                    r = false;
                }
                row[j] = r;
            }
            boolean[] t = next;
            next = row;
            row = t;
        }
        return next[0];
    }

    /** True when this pattern matches some number beginning with {@code prefix}. */
    public boolean canStartWith(String prefix) {
        return canStartWith(prefix, 0);
    }

    /** True when this pattern matches some number of {@code prefix} followed by at least {@code digits} digits. */
    public boolean canStartWith(String prefix, int digits) {
        return intersects(of("_" + prefix + "X".repeat(digits)).withTrailingStar());
    }

    /** True when every number this pattern matches begins with {@code prefix} (its first positions are those literals). */
    public boolean startsLiterally(String prefix) {
        if (els.size() < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            El e = els.get(i);
            if (e.star() || e.chars().cardinality() != 1 || !e.chars().get(prefix.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    public boolean isLiteral() {
        return els.stream().noneMatch(e -> e.star() || e.chars().cardinality() != 1);
    }

    private Pattern withTrailingStar() {
        List<El> l = new ArrayList<>(els);
        l.add(STAR);
        return new Pattern(text + "!", l);
    }

    private static BitSet single(char c) {
        BitSet b = new BitSet(128);
        b.set(c < 128 ? c : 127);
        return b;
    }

    private static BitSet range(char a, char z) {
        BitSet b = new BitSet(128);
        b.set(a, z + 1);
        return b;
    }

    private static BitSet set(String body) {
        BitSet b = new BitSet(128);
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (i + 2 < body.length() && body.charAt(i + 1) == '-') {
                char z = body.charAt(i + 2);
                if (c <= z && z < 128) {
                    b.set(c, z + 1);
                }
                i += 2;
            } else if (c < 128) {
                b.set(c);
            }
        }
        return b;
    }

    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Pattern p && p.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode() ^ Arrays.hashCode(new int[] {els.size()});
    }
}
