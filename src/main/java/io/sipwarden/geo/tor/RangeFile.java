package io.sipwarden.geo.tor;

import io.sipwarden.geo.Countries;
import java.io.BufferedReader;
import java.io.IOException;
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

    private Ranges run() throws IOException {
        Instant generated = null;
        int lineNo = 0;
        try (BufferedReader r = Files.newBufferedReader(path, StandardCharsets.ISO_8859_1)) {
            for (String line; (line = r.readLine()) != null; ) {
                lineNo++;
                if (line.isEmpty()) {
                    continue;
                }
                if (line.charAt(0) == '#') {
                    if (generated == null && line.startsWith("# Generated:")) {
                        generated = parseDate(line.substring("# Generated:".length()).strip());
                    }
                    continue;
                }
                parseLine(line, lineNo);
            }
        } catch (IOException e) {
            // The JDK's message ("Is a directory", "Input/output error") names no file.
            throw new IOException(path + ": cannot read" + (lineNo > 0 ? " after line " + lineNo : "") + ": "
                    + e.getMessage(), e);
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

    private void parseLine(String line, int lineNo) {
        int c1 = line.indexOf(',');
        int c2 = c1 < 0 ? -1 : line.indexOf(',', c1 + 1);
        if (c2 < 0) {
            bad(lineNo, "expected low,high,CC");
            return;
        }
        String code = Countries.canonical(line.substring(c2 + 1).strip());
        if (code.isEmpty()) {
            return; // "??": the file says it does not know; a gap answers the same
        }
        grow();
        try {
            if (v6) {
                long[] w = new long[2];
                ipv6(line, 0, c1, w);
                loHi[n] = flip(w[0]);
                loLo[n] = flip(w[1]);
                ipv6(line, c1 + 1, c2, w);
                hiHi[n] = flip(w[0]);
                hiLo[n] = flip(w[1]);
            } else {
                long lo = Long.parseLong(line, 0, c1, 10);
                long hi = Long.parseLong(line, c1 + 1, c2, 10);
                if (lo < 0 || lo > 0xFFFF_FFFFL || hi < 0 || hi > 0xFFFF_FFFFL) {
                    throw new IllegalArgumentException("address out of range");
                }
                loLo[n] = lo;
                hiLo[n] = hi;
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

    /**
     * Parses an IPv6 literal in {@code s[from, to)} into two 64-bit words. Hand-written because
     * the JDK's parser, at a quarter of a million lines, costs seconds at every start.
     */
    static void ipv6(String s, int from, int to, long[] out) {
        int[] groups = new int[8];
        int n = 0;
        int gap = -1;
        int i = from;
        if (to - from >= 2 && s.charAt(i) == ':' && s.charAt(i + 1) == ':') {
            gap = 0;
            i += 2;
        }
        while (i < to) {
            int start = i;
            int v = 0;
            while (i < to && i - start < 5) {
                int d = Character.digit(s.charAt(i), 16);
                if (d < 0) {
                    break;
                }
                v = (v << 4) | d;
                i++;
            }
            if (i < to && s.charAt(i) == '.') {
                parseEmbeddedV4(s, start, to, groups, n);
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
            if (s.charAt(i) != ':') {
                throw new IllegalArgumentException("not an IPv6 address");
            }
            i++;
            if (i < to && s.charAt(i) == ':') {
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
        int[] full = new int[8];
        if (gap < 0) {
            full = groups;
        } else {
            System.arraycopy(groups, 0, full, 0, gap);
            System.arraycopy(groups, gap, full, 8 - (n - gap), n - gap);
        }
        out[0] = ((long) full[0] << 48) | ((long) full[1] << 32) | ((long) full[2] << 16) | full[3];
        out[1] = ((long) full[4] << 48) | ((long) full[5] << 32) | ((long) full[6] << 16) | full[7];
    }

    private static void parseEmbeddedV4(String s, int from, int to, int[] groups, int n) {
        if (n > 6) {
            throw new IllegalArgumentException("not an IPv6 address");
        }
        byte[] b = InetAddress.ofLiteral(s.substring(from, to)).getAddress();
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
