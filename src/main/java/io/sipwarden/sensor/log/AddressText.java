package io.sipwarden.sensor.log;

import io.sipwarden.event.Source;
import io.sipwarden.event.Transport;
import io.sipwarden.net.Addresses;
import java.net.InetAddress;

/**
 * Turns the address notations Asterisk prints ({@code ip:port}, {@code [v6]:port}, bare
 * addresses, {@code IPV4/UDP/ip/port}) into a {@link Source}. Only text that Asterisk formatted
 * from a socket address is ever passed here, never header text.
 */
final class AddressText {
    private AddressText() {
    }

    /** Characters that can appear in any address notation Asterisk prints. */
    static boolean isAddressChar(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')
                || c == '.' || c == ':' || c == '[' || c == ']' || c == '%';
    }

    /**
     * Parses {@code ip}, {@code ip:port}, {@code [v6]:port}, {@code [v6]} or an unbracketed IPv6
     * address optionally followed by {@code :port} (old PJSIP; only accepted when the part
     * before the last colon is itself a complete IPv6 address and the caller expects a port).
     * Returns null if malformed.
     */
    static Source hostPort(String s, int from, int to, Transport transport, boolean portExpected) {
        if (from >= to || to - from > 70) {
            return null;
        }
        int colon = s.indexOf(':', from);
        if (colon > from && colon < to) {
            int second = s.indexOf(':', colon + 1);
            if (second < 0 || second >= to) {
                // hot path: a.b.c.d:port (the only colon), checked without allocating
                long v4 = ipv4(s, from, colon);
                int p = port(s, colon + 1, to);
                if (v4 >= 0 && p >= 0) {
                    return Source.of(inet4(v4), p, transport);
                }
            }
        }
        for (int i = from; i < to; i++) {
            if (!isAddressChar(s.charAt(i))) {
                return null;
            }
        }
        if (s.charAt(from) == '[') {
            int close = s.indexOf(']', from);
            if (close < 0 || close >= to) {
                return null;
            }
            InetAddress a = literal(s.substring(from + 1, close));
            if (a == null) {
                return null;
            }
            if (close + 1 == to) {
                return Source.of(a, 0, transport);
            }
            if (s.charAt(close + 1) != ':') {
                return null;
            }
            int port = port(s, close + 2, to);
            return port < 0 ? null : Source.of(a, port, transport);
        }
        int firstColon = s.indexOf(':', from);
        if (firstColon < 0 || firstColon >= to) {
            InetAddress a = literal(s.substring(from, to));
            return a == null ? null : Source.of(a, 0, transport);
        }
        int lastColon = s.lastIndexOf(':', to - 1);
        if (firstColon == lastColon) { // IPv4 with port
            long v4 = ipv4(s, from, firstColon);
            int p = port(s, firstColon + 1, to);
            if (v4 >= 0 && p >= 0) {
                return Source.of(inet4(v4), p, transport);
            }
            InetAddress a = literal(s.substring(from, firstColon));
            int port = port(s, firstColon + 1, to);
            return a == null || port < 0 ? null : Source.of(a, port, transport);
        }
        // IPv6 without brackets: either the whole text, or address + ":port" (old PJSIP).
        InetAddress whole = literal(s.substring(from, to));
        if (whole != null && !portExpected) {
            return Source.of(whole, 0, transport);
        }
        String head = s.substring(from, lastColon);
        InetAddress a = head.endsWith(":") ? null : literal(head);
        int port = port(s, lastColon + 1, to);
        if (a != null && port >= 0 && lastColon + 1 < to && to - lastColon - 1 <= 5
                && (whole == null || head.contains("::"))) {
            return Source.of(a, port, transport);
        }
        return whole == null ? null : Source.of(whole, 0, transport);
    }

    /**
     * Parses a security-event address {@code IPV4/UDP/10.0.0.1/5060} (transport optional,
     * IPv6 unbracketed, split on the last slash). Returns null if malformed.
     */
    static Source securityAddress(String s, int from, int to) {
        if (to - from < 9 || to - from > 90 || !s.startsWith("IPV", from)) {
            return null;
        }
        char v = s.charAt(from + 3);
        if ((v != '4' && v != '6') || s.charAt(from + 4) != '/') {
            return null;
        }
        int lastSlash = s.lastIndexOf('/', to - 1);
        if (lastSlash <= from + 4) {
            return null;
        }
        int port = port(s, lastSlash + 1, to);
        if (port < 0) {
            return null;
        }
        int addrStart = from + 5;
        Transport transport = Transport.UNKNOWN;
        int slash = s.indexOf('/', addrStart);
        if (slash < lastSlash) {
            transport = transport(s, addrStart, slash);
            if (transport == Transport.UNKNOWN) {
                return null;
            }
            addrStart = slash + 1;
        }
        long v4 = ipv4(s, addrStart, lastSlash);
        if (v4 >= 0) {
            return Source.of(inet4(v4), port, transport);
        }
        for (int i = addrStart; i < lastSlash; i++) {
            char c = s.charAt(i);
            if (!isAddressChar(c) || c == '[' || c == ']') {
                return null;
            }
        }
        InetAddress a = literal(s.substring(addrStart, lastSlash));
        return a == null ? null : Source.of(a, port, transport);
    }

    /**
     * Parses an address literal, refusing IPv4 octets with leading zeros ("010" is 8 to
     * inet_aton but 10 to Java; Asterisk never prints them, so such text is not Asterisk's).
     */
    static InetAddress literal(String text) {
        long v4 = ipv4(text, 0, text.length());
        if (v4 >= 0) {
            return inet4(v4);
        }
        // IPv6: parsing is slow and attack traffic repeats its sources; the answer depends on
        // the text alone, so it is cached by the exact text.
        int slot = text.hashCode() & (LITERALS.length - 1);
        Literal c = LITERALS[slot];
        if (c != null && c.text().equals(text)) {
            return c.address();
        }
        InetAddress a = parseLiteral(text);
        LITERALS[slot] = new Literal(text, a);
        return a;
    }

    /** One cached IPv6 literal (address null: not an address); immutable, so racy publication is safe. */
    private record Literal(String text, InetAddress address) {
    }

    private static final Literal[] LITERALS = new Literal[1024];

    private static InetAddress parseLiteral(String text) {
        for (int i = 0; i + 1 < text.length(); i++) {
            char c = text.charAt(i);
            boolean octetStart = i == 0 || text.charAt(i - 1) == '.' || text.charAt(i - 1) == ':';
            if (c == '0' && octetStart && Character.isDigit(text.charAt(i + 1)) && text.indexOf('.') >= 0) {
                return null;
            }
        }
        return Addresses.tryParse(text);
    }

    /**
     * The value of a strict dotted quad (no leading zeros, each octet 0..255) in
     * {@code s[from, to)}, or -1. The hot path: no allocation, no exceptions.
     */
    static long ipv4(String s, int from, int to) {
        if (to - from < 7 || to - from > 15) {
            return -1;
        }
        long value = 0;
        int octet = -1;
        int digits = 0;
        int dots = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                if (digits > 0 && octet == 0) {
                    return -1; // leading zero
                }
                octet = (digits == 0 ? 0 : octet) * 10 + (c - '0');
                if (++digits > 3 || octet > 255) {
                    return -1;
                }
            } else if (c == '.' && digits > 0 && dots < 3) {
                value = (value << 8) | octet;
                dots++;
                digits = 0;
            } else {
                return -1;
            }
        }
        if (dots != 3 || digits == 0) {
            return -1;
        }
        return (value << 8) | octet;
    }

    /** One cached address; immutable, so racy publication through the array is safe. */
    private record Cached(long value, InetAddress address) {
    }

    /** Direct-mapped cache: attack traffic repeats its sources, and InetAddress is immutable. */
    private static final Cached[] CACHE = new Cached[4096];
    /**
     * The value last stored in each slot, in one compact array, so a miss (a long tail of
     * sources) costs no pointer chase. Only a hint: the record is still checked, so a racy
     * read can cost a miss but never return another address.
     */
    private static final long[] HINTS = new long[CACHE.length];

    static InetAddress inet4(long v) {
        int slot = (int) ((v ^ (v >>> 12) ^ (v >>> 24)) & (CACHE.length - 1));
        if (HINTS[slot] == v) {
            Cached c = CACHE[slot];
            if (c != null && c.value() == v) {
                return c.address();
            }
        }
        try {
            InetAddress a = InetAddress.getByAddress(new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v});
            CACHE[slot] = new Cached(v, a);
            HINTS[slot] = v;
            return a;
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e); // four bytes are always a valid address
        }
    }

    /** Asterisk's transport token; the common ones without allocating. */
    static Transport transport(String s, int from, int to) {
        int n = to - from;
        if (n == 3 && s.startsWith("UDP", from)) {
            return Transport.UDP;
        }
        if (n == 3 && s.startsWith("TCP", from)) {
            return Transport.TCP;
        }
        return Transport.parse(s.substring(from, to));
    }

    /** Whether {@link #securityAddress} would accept the text (IPv4 checked without allocating). */
    static boolean isSecurityAddress(String s, int from, int to) {
        int lastSlash = s.lastIndexOf('/', to - 1);
        if (lastSlash > from && s.startsWith("IPV4/", from) && port(s, lastSlash + 1, to) >= 0) {
            int addrStart = s.lastIndexOf('/', lastSlash - 1) + 1;
            if (addrStart > from + 4 && ipv4(s, addrStart, lastSlash) >= 0
                    && (addrStart == from + 5 || transport(s, from + 5, addrStart - 1) != Transport.UNKNOWN)) {
                return true;
            }
        }
        return securityAddress(s, from, to) != null;
    }

    /** Decimal port 0..65535 spanning exactly [from, to), or -1. */
    static int port(String s, int from, int to) {
        long p = to - from > 5 ? -1 : EventTimes.number(s, from, to);
        return p <= 65535 ? (int) p : -1;
    }
}
