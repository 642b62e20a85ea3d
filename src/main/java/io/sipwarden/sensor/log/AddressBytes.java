package io.sipwarden.sensor.log;

import io.sipwarden.event.Source;
import io.sipwarden.event.Transport;
import java.net.InetAddress;
import java.util.Arrays;

/**
 * {@link AddressText}'s notations read from the bytes of an ASCII line: the common IPv4 forms
 * without allocating, IPv6 through a cache of literals keyed by their bytes, the same steps as
 * {@link AddressText}, so the answer is always the one it gives for the same characters. Only text Asterisk
 * formatted from a socket address is passed here.
 */
final class AddressBytes {
    private static final byte[] IPV = AsciiScan.ascii("IPV");

    private AddressBytes() {
    }

    private static final int IPV4_SLASH = word("IPV4");
    private static final int UDP_SLASH = word("UDP/");

    private static int word(String four) {
        return AsciiScan.quad(AsciiScan.ascii(four), 0);
    }

    /** {@link AddressText#securityAddress} of {@code b[from, to)}. */
    static Source securityAddress(byte[] b, int from, int to) {
        return securityAddress(b, from, to, null);
    }

    /** {@link #securityAddress(byte[], int, int)}, IPv4 addresses through a parser's memo if not null. */
    static Source securityAddress(byte[] b, int from, int to, Inet4Memo memo) {
        if (to - from >= 17 && to - from <= 90 && AsciiScan.quad(b, from) == IPV4_SLASH && b[from + 4] == '/'
                && AsciiScan.quad(b, from + 5) == UDP_SLASH) {
            // "IPV4/UDP/a.b.c.d/port", nearly every address: a dotted quad, then '/' and digits to
            // the end; that slash is the first and the last after the transport, so the general
            // steps below would read the same parts.
            long q = AsciiScan.dottedQuad(b, from + 9, to);
            int slash = (int) (q >>> 32);
            if (q >= 0 && slash < to && b[slash] == '/') {
                int port = AsciiScan.port(b, slash + 1, to);
                if (port >= 0) {
                    return Source.of(inet4(q & 0xFFFF_FFFFL, memo), port, Transport.UDP);
                }
            }
        }
        if (to - from < 9 || to - from > 90 || !AsciiScan.startsWith(b, from, to, IPV)) {
            return null;
        }
        byte v = b[from + 3];
        if ((v != '4' && v != '6') || b[from + 4] != '/') {
            return null;
        }
        int lastSlash = AsciiScan.lastIndexOf(b, (byte) '/', from, to);
        if (lastSlash <= from + 4) {
            return null;
        }
        int port = AsciiScan.port(b, lastSlash + 1, to);
        if (port < 0) {
            return null;
        }
        int addrStart = from + 5;
        Transport transport = Transport.UNKNOWN;
        int slash = AsciiScan.indexOf(b, (byte) '/', addrStart, to);
        if (slash < lastSlash) {
            transport = transport(b, addrStart, slash);
            if (transport == Transport.UNKNOWN) {
                return null;
            }
            addrStart = slash + 1;
        }
        long v4 = AsciiScan.ipv4(b, addrStart, lastSlash);
        if (v4 >= 0) {
            return Source.of(AddressText.inet4(v4), port, transport);
        }
        for (int i = addrStart; i < lastSlash; i++) {
            byte c = b[i];
            if (!AddressText.isAddressChar((char) c) || c == '[' || c == ']') {
                return null;
            }
        }
        InetAddress a = literal(b, addrStart, lastSlash);
        return a == null ? null : Source.of(a, port, transport);
    }

    /** The address of {@code v4}: through the parser's memo when there is one. */
    private static InetAddress inet4(long v4, Inet4Memo memo) {
        return memo != null ? memo.get(v4) : AddressText.inet4(v4);
    }

    /** {@link AddressText#hostPort} of {@code b[from, to)}. */
    static Source hostPort(byte[] b, int from, int to, Transport transport, boolean portExpected) {
        return hostPort(b, from, to, transport, portExpected, null);
    }

    /** {@link #hostPort(byte[], int, int, Transport, boolean)}, IPv4 through a parser's memo if not null. */
    static Source hostPort(byte[] b, int from, int to, Transport transport, boolean portExpected, Inet4Memo memo) {
        if (from >= to || to - from > 70) {
            return null;
        }
        // a.b.c.d:port, read in one pass: a dotted quad holds no ':' and a port only digits, so
        // that colon is the only one, as AddressText requires for this form
        long q = AsciiScan.dottedQuad(b, from, to);
        int colon = (int) (q >>> 32);
        if (q >= 0 && colon < to && b[colon] == ':') {
            int p = AsciiScan.port(b, colon + 1, to);
            if (p >= 0) {
                if (memo != null) {
                    memo.colon = colon;
                }
                return Source.of(inet4(q & 0xFFFF_FFFFL, memo), p, transport);
            }
        }
        if (memo != null) {
            memo.colon = -1;
        }
        return notIpv4Port(b, from, to, transport, portExpected);
    }

    /** The rest of {@link AddressText#hostPort}, step for step: IPv6 and the rare notations. */
    private static Source notIpv4Port(byte[] b, int from, int to, Transport transport, boolean portExpected) {
        for (int i = from; i < to; i++) {
            if (!AddressText.isAddressChar((char) b[i])) {
                return null;
            }
        }
        if (b[from] == '[') {
            int close = AsciiScan.indexOf(b, (byte) ']', from, to);
            if (close < 0) {
                return null;
            }
            InetAddress a = literal(b, from + 1, close);
            if (a == null) {
                return null;
            }
            if (close + 1 == to) {
                return Source.of(a, 0, transport);
            }
            if (b[close + 1] != ':') {
                return null;
            }
            int port = AsciiScan.port(b, close + 2, to);
            return port < 0 ? null : Source.of(a, port, transport);
        }
        int firstColon = AsciiScan.indexOf(b, (byte) ':', from, to);
        if (firstColon < 0) {
            InetAddress a = literal(b, from, to);
            return a == null ? null : Source.of(a, 0, transport);
        }
        int lastColon = AsciiScan.lastIndexOf(b, (byte) ':', from, to);
        if (firstColon == lastColon) { // IPv4 with port
            long v4 = AsciiScan.ipv4(b, from, firstColon);
            int port = AsciiScan.port(b, firstColon + 1, to);
            if (v4 >= 0 && port >= 0) {
                return Source.of(AddressText.inet4(v4), port, transport);
            }
            InetAddress a = literal(b, from, firstColon);
            return a == null || port < 0 ? null : Source.of(a, port, transport);
        }
        // IPv6 without brackets: either the whole text, or address + ":port" (old PJSIP).
        InetAddress whole = literal(b, from, to);
        if (whole != null && !portExpected) {
            return Source.of(whole, 0, transport);
        }
        InetAddress a = b[lastColon - 1] == ':' ? null : literal(b, from, lastColon);
        int port = AsciiScan.port(b, lastColon + 1, to);
        if (a != null && port >= 0 && lastColon + 1 < to && to - lastColon - 1 <= 5
                && (whole == null || AsciiScan.indexOf(b, DOUBLE_COLON, from, lastColon) >= 0)) {
            return Source.of(a, port, transport);
        }
        return whole == null ? null : Source.of(whole, 0, transport);
    }

    /**
     * {@link AddressText#literal} of {@code b[from, to)}. IPv6 literals are cached by their
     * bytes (attack traffic repeats its sources), so a repeated one costs neither a String nor
     * a parse; the answer depends on the text alone.
     */
    static InetAddress literal(byte[] b, int from, int to) {
        long v4 = AsciiScan.ipv4(b, from, to);
        if (v4 >= 0) {
            return AddressText.inet4(v4);
        }
        int h = 0;
        for (int i = from; i < to; i++) {
            h = 31 * h + b[i];
        }
        int slot = (h ^ (h >>> 10) ^ (h >>> 20)) & (LITERALS.length - 1);
        if (LITERAL_HASHES[slot] == h) {
            Literal c = LITERALS[slot];
            if (c != null && Arrays.equals(c.text(), 0, c.text().length, b, from, to)) {
                return c.address();
            }
        }
        InetAddress a = plainIpv6(b, from, to);
        if (a == null) {
            a = AddressText.literal(AsciiScan.text(b, from, to)); // zones, embedded IPv4, malformed
        }
        LITERALS[slot] = new Literal(Arrays.copyOfRange(b, from, to), a);
        LITERAL_HASHES[slot] = h;
        return a;
    }

    /**
     * The commonest IPv6 text — 8 groups of 1 to 4 hex digits, or at most 7 around one "::", no
     * zone, no dotted tail — parsed from the bytes; null for any other text (then
     * {@link AddressText#literal} decides). Every text it accepts is one the JDK's parser
     * accepts with the same 16 bytes, and {@link InetAddress#getByAddress(byte[])} folds an
     * IPv4-mapped result to IPv4 exactly as {@code Addresses.parse} does.
     */
    static InetAddress plainIpv6(byte[] b, int from, int to) {
        if (to - from < 2 || to - from > 39) {
            return null;
        }
        byte[] out = new byte[16];
        int groups = 0;
        int gap = -1; // the group index where "::" stands
        int i = from;
        if (b[i] == ':') {
            if (b[i + 1] != ':') {
                return null;
            }
            gap = 0;
            i += 2;
        }
        while (i < to) {
            int v = 0;
            int digits = 0;
            while (i < to && digits <= 4) {
                int d = hex(b[i]);
                if (d < 0) {
                    break;
                }
                v = (v << 4) | d;
                digits++;
                i++;
            }
            if (digits == 0 || digits > 4 || groups == 8) {
                return null;
            }
            out[2 * groups] = (byte) (v >>> 8);
            out[2 * groups + 1] = (byte) v;
            groups++;
            if (i == to) {
                break;
            }
            if (b[i] != ':' || i + 1 == to) {
                return null; // another character, or a single trailing ':'
            }
            i++;
            if (b[i] == ':') {
                if (gap >= 0) {
                    return null;
                }
                gap = groups;
                i++;
            }
        }
        if (gap < 0 ? groups != 8 : groups > 7) {
            return null;
        }
        if (gap >= 0) {
            int tail = groups - gap;
            System.arraycopy(out, 2 * gap, out, 16 - 2 * tail, 2 * tail);
            Arrays.fill(out, 2 * gap, 16 - 2 * tail, (byte) 0);
        }
        try {
            return InetAddress.getByAddress(out);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e); // sixteen bytes are always a valid address
        }
    }

    private static int hex(byte c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    /**
     * One cached literal (address null: not an address). Its array is never written after the
     * constructor, so publishing the record through the shared table without a lock is safe.
     */
    private record Literal(byte[] text, InetAddress address) {
    }

    private static final Literal[] LITERALS = new Literal[1024];
    /**
     * The hash of each slot's text, as a hint: a slot usually holds another address, written long
     * ago, and following it to its record and text costs two or three loads from memory (≈ 2 %
     * of a replay pass over the bench file's 5 % of IPv6 lines, docs/bench-log.md round 7); this
     * array stays in the cache and rules most of them out. Only a hint: threads may race on a
     * slot, and the text is still compared.
     */
    private static final int[] LITERAL_HASHES = new int[LITERALS.length];
    private static final byte[] DOUBLE_COLON = {':', ':'};

    /** {@link AddressText#transport}. */
    static Transport transport(byte[] b, int from, int to) {
        if (to - from == 3 && b[from + 2] == 'P') {
            if (b[from] == 'U' && b[from + 1] == 'D') {
                return Transport.UDP;
            }
            if (b[from] == 'T' && b[from + 1] == 'C') {
                return Transport.TCP;
            }
        }
        return Transport.parse(AsciiScan.text(b, from, to));
    }
}
