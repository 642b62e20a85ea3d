package io.sipwarden.geo.tor;

import io.sipwarden.geo.Countries;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads one of Tor's {@code low,high,CC} range files into sorted primitive arrays. Addresses are
 * kept as unsigned values with the sign bit flipped, so plain signed comparisons order them.
 *
 * <p>The files are read as bytes, a line at a time without a String per line: the two files
 * hold 660,000 lines, and every command that looks up a country (replay, lookup, explain, the
 * daemon's start and reload) reads them first, in a JVM whose JIT has not started. Decoding each
 * line, cutting it up and upper-casing its code took 1.0–1.5 s of every start-up.
 */
final class RangeFile {

    private static final System.Logger LOG = System.getLogger(RangeFile.class.getName());
    private static final int MAX_REPORTED = 3;

    /** Sorted, non-adjacent-same-country ranges; for IPv4 only {@code loLo/hiLo} are used. */
    record Ranges(long[] loHi, long[] loLo, long[] hiHi, long[] hiLo, short[] country, int size,
                  int skipped, Instant generated) {
    }

    private final Path path;
    private final boolean v6;
    private final CountryIndex countries;
    private long[] loHi = new long[0];
    private long[] loLo = new long[1024];
    private long[] hiHi = new long[0];
    private long[] hiLo = new long[1024];
    private short[] cc = new short[1024];
    private int n;
    private int skipped;
    private final List<String> problems = new ArrayList<>();

    private RangeFile(Path path, boolean v6, CountryIndex countries) {
        this.path = path;
        this.v6 = v6;
        this.countries = countries;
        if (v6) {
            loHi = new long[1024];
            hiHi = new long[1024];
        }
    }

    static Ranges read(Path path, boolean v6, CountryIndex countries) throws IOException {
        return new RangeFile(path, v6, countries).run();
    }

    /** Far above the real files (10 and 16 MB): a bigger one is not a Tor geoip file. */
    static final int MAX_FILE_BYTES = 256 << 20;

    private Ranges run() throws IOException {
        byte[] b;
        try (InputStream in = Files.newInputStream(path)) {
            b = in.readNBytes(MAX_FILE_BYTES + 1);
        } catch (IOException e) {
            // The JDK's message ("Is a directory", "Input/output error") names no file.
            throw new IOException(path + ": cannot read: " + e.getMessage(), e);
        }
        if (b.length > MAX_FILE_BYTES) {
            throw new IOException(path + ": larger than " + (MAX_FILE_BYTES >> 20) + " MB, not a Tor geoip"
                    + (v6 ? "6" : "") + " file");
        }
        Instant generated = null;
        int lineNo = 0;
        for (int start = 0; start < b.length; ) {
            int nl = indexOf(b, (byte) '\n', start, b.length);
            int next = nl < 0 ? b.length : nl + 1;
            int end = nl < 0 ? b.length : nl;
            if (end > start && b[end - 1] == '\r') {
                end--;
            }
            lineNo++;
            if (end > start) {
                if (b[start] == '#') {
                    if (generated == null && startsWith(b, start, end, GENERATED)) {
                        generated = parseDate(new String(b, start + GENERATED.length, end - start - GENERATED.length,
                                StandardCharsets.ISO_8859_1).strip());
                    }
                } else {
                    parseLine(b, start, end, lineNo);
                }
            }
            start = next;
        }
        if (!problems.isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "{0}: skipped {1} malformed line(s), e.g. {2}",
                    path, skipped, String.join("; ", problems));
        }
        if (n == 0) {
            throw new IOException(path + ": no address ranges found (not a Tor geoip" + (v6 ? "6" : "") + " file?)");
        }
        sortIfNeeded();
        merge();
        return new Ranges(v6 ? Arrays.copyOf(loHi, n) : null, Arrays.copyOf(loLo, n),
                v6 ? Arrays.copyOf(hiHi, n) : null, Arrays.copyOf(hiLo, n), Arrays.copyOf(cc, n),
                n, skipped, generated);
    }

    private static final byte[] GENERATED = "# Generated:".getBytes(StandardCharsets.ISO_8859_1);

    /** The canonical code of each two-byte code met so far (index {@code b0 << 8 | b1}), "" for "unknown". */
    private final String[] codes = new String[1 << 16];
    private final long[] words = new long[2];
    private final int[] groups = new int[8];

    private void parseLine(byte[] b, int from, int to, int lineNo) {
        int c1 = indexOf(b, (byte) ',', from, to);
        int c2 = c1 < 0 ? -1 : indexOf(b, (byte) ',', c1 + 1, to);
        if (c2 < 0) {
            bad(lineNo, "expected low,high,CC");
            return;
        }
        String code = country(b, c2 + 1, to);
        if (code.isEmpty()) {
            return; // "??": the file says it does not know; a gap answers the same
        }
        grow();
        try {
            if (v6) {
                ipv6(b, from, c1, words, groups);
                loHi[n] = flip(words[0]);
                loLo[n] = flip(words[1]);
                ipv6(b, c1 + 1, c2, words, groups);
                hiHi[n] = flip(words[0]);
                hiLo[n] = flip(words[1]);
            } else {
                loLo[n] = ipv4(b, from, c1);
                hiLo[n] = ipv4(b, c1 + 1, c2);
            }
        } catch (IllegalArgumentException e) {
            bad(lineNo, e.getMessage());
            return;
        }
        if (compare(n, n, true) > 0) {
            bad(lineNo, "low above high");
            return;
        }
        cc[n] = countries.index(code);
        n++;
    }

    /** {@link Countries#canonical} of the code in {@code b[from, to)} (blanks around it ignored). */
    private String country(byte[] b, int from, int to) {
        while (from < to && isBlank(b[from])) {
            from++;
        }
        while (to > from && isBlank(b[to - 1])) {
            to--;
        }
        if (to - from != 2) {
            return ""; // canonical() knows only two-letter codes
        }
        int key = (b[from] & 0xFF) << 8 | (b[from + 1] & 0xFF);
        String code = codes[key];
        if (code == null) {
            code = Countries.canonical(new String(b, from, 2, StandardCharsets.ISO_8859_1));
            codes[key] = code;
        }
        return code;
    }

    /** {@link String#strip}'s whitespace for a Latin-1 byte. */
    private static boolean isBlank(byte c) {
        return c == ' ' || (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F);
    }

    /** An unsigned 32-bit decimal in {@code b[from, to)}. */
    private static long ipv4(byte[] b, int from, int to) {
        if (to - from < 1 || to - from > 10) {
            throw new IllegalArgumentException(to == from ? "empty address" : "address out of range");
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                throw new IllegalArgumentException("not a decimal address");
            }
            v = v * 10 + d;
        }
        if (v > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("address out of range");
        }
        return v;
    }

    private static int indexOf(byte[] b, byte c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private static boolean startsWith(byte[] b, int from, int to, byte[] prefix) {
        if (to - from < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[from + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** {@link #ipv6(byte[], int, int, long[], int[])} of a String (tests, benchmarks). */
    static void ipv6(String s, int from, int to, long[] out) {
        ipv6(s.getBytes(StandardCharsets.ISO_8859_1), from, to, out, new int[8]);
    }

    /**
     * Parses an IPv6 literal in {@code s[from, to)} into two 64-bit words, using {@code groups}
     * (eight ints) as scratch. Hand-written because the JDK's parser, at a quarter of a million
     * lines, costs seconds at every start.
     */
    static void ipv6(byte[] s, int from, int to, long[] out, int[] groups) {
        int n = 0;
        int gap = -1;
        int i = from;
        if (to - from >= 2 && s[i] == ':' && s[i + 1] == ':') {
            gap = 0;
            i += 2;
        }
        while (i < to) {
            int start = i;
            int v = 0;
            while (i < to && i - start < 5) {
                int d = Character.digit(s[i] & 0xFF, 16); // Latin-1 has no other digits than 0-9
                if (d < 0) {
                    break;
                }
                v = (v << 4) | d;
                i++;
            }
            if (i < to && s[i] == '.') {
                parseEmbeddedV4(new String(s, start, to - start, StandardCharsets.ISO_8859_1), groups, n);
                n += 2;
                i = to;
                break;
            }
            if (i == start || i - start > 4 || n == 8) {
                throw new IllegalArgumentException("not an IPv6 address");
            }
            groups[n++] = v;
            if (i == to) {
                break;
            }
            if (s[i] != ':') {
                throw new IllegalArgumentException("not an IPv6 address");
            }
            i++;
            if (i < to && s[i] == ':') {
                if (gap >= 0) {
                    throw new IllegalArgumentException("not an IPv6 address (two '::')");
                }
                gap = n;
                i++;
            } else if (i == to) {
                throw new IllegalArgumentException("not an IPv6 address");
            }
        }
        if (n > 8 || (gap < 0 && n != 8) || (gap >= 0 && n == 8)) {
            throw new IllegalArgumentException("not an IPv6 address");
        }
        if (gap >= 0) {
            // the groups after "::" move to the end; the zeros it stands for fill the middle
            int tail = n - gap;
            System.arraycopy(groups, gap, groups, 8 - tail, tail);
            Arrays.fill(groups, gap, 8 - tail, 0);
        }
        out[0] = ((long) groups[0] << 48) | ((long) groups[1] << 32) | ((long) groups[2] << 16) | groups[3];
        out[1] = ((long) groups[4] << 48) | ((long) groups[5] << 32) | ((long) groups[6] << 16) | groups[7];
    }

    private static void parseEmbeddedV4(String dotted, int[] groups, int n) {
        if (n > 6) {
            throw new IllegalArgumentException("not an IPv6 address");
        }
        byte[] b = InetAddress.ofLiteral(dotted).getAddress();
        if (b.length != 4) {
            throw new IllegalArgumentException("not an IPv6 address");
        }
        groups[n] = ((b[0] & 0xFF) << 8) | (b[1] & 0xFF);
        groups[n + 1] = ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
    }

    static long word(byte[] b, int from) {
        long v = 0;
        for (int i = from; i < from + 8; i++) {
            v = (v << 8) | (b[i] & 0xFF);
        }
        return v;
    }

    static long flip(long unsigned) {
        return unsigned ^ Long.MIN_VALUE;
    }

    /** Compares low(i) with high(j) when {@code lowVsHigh}, else low(i) with low(j). */
    private int compare(int i, int j, boolean lowVsHigh) {
        long aHi = v6 ? loHi[i] : 0;
        long aLo = loLo[i];
        long bHi = v6 ? (lowVsHigh ? hiHi[j] : loHi[j]) : 0;
        long bLo = lowVsHigh ? hiLo[j] : loLo[j];
        int c = Long.compare(aHi, bHi);
        return c != 0 ? c : Long.compare(aLo, bLo);
    }

    private void sortIfNeeded() {
        boolean sorted = true;
        for (int i = 1; i < n && sorted; i++) {
            sorted = compare(i - 1, i, false) <= 0;
        }
        if (sorted) {
            return;
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> compare(a, b, false));
        loLo = permute(loLo, order);
        hiLo = permute(hiLo, order);
        if (v6) {
            loHi = permute(loHi, order);
            hiHi = permute(hiHi, order);
        }
        short[] c = new short[n];
        for (int i = 0; i < n; i++) {
            c[i] = cc[order[i]];
        }
        cc = c;
    }

    private long[] permute(long[] a, Integer[] order) {
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = a[order[i]];
        }
        return out;
    }

    /** Joins ranges that touch and share a country: fewer entries, shallower search. */
    private void merge() {
        int w = 0;
        for (int i = 1; i < n; i++) {
            if (cc[i] == cc[w] && touches(w, i)) {
                hiLo[w] = hiLo[i];
                if (v6) {
                    hiHi[w] = hiHi[i];
                }
            } else {
                w++;
                loLo[w] = loLo[i];
                hiLo[w] = hiLo[i];
                if (v6) {
                    loHi[w] = loHi[i];
                    hiHi[w] = hiHi[i];
                }
                cc[w] = cc[i];
            }
        }
        n = w + 1;
    }

    /** True if low(i) == high(w) + 1. */
    private boolean touches(int w, int i) {
        if (!v6) {
            return loLo[i] == hiLo[w] + 1;
        }
        long lo = flip(hiLo[w]) + 1;
        long hi = flip(hiHi[w]) + (lo == 0 ? 1 : 0);
        return flip(lo) == loLo[i] && flip(hi) == loHi[i];
    }

    private void grow() {
        if (n < loLo.length) {
            return;
        }
        int size = loLo.length * 2;
        loLo = Arrays.copyOf(loLo, size);
        hiLo = Arrays.copyOf(hiLo, size);
        cc = Arrays.copyOf(cc, size);
        if (v6) {
            loHi = Arrays.copyOf(loHi, size);
            hiHi = Arrays.copyOf(hiHi, size);
        }
    }

    private void bad(int lineNo, String why) {
        skipped++;
        if (problems.size() < MAX_REPORTED) {
            problems.add("line " + lineNo + ": " + why);
        }
    }

    private static Instant parseDate(String text) {
        try {
            return ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
