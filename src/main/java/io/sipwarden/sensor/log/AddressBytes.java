package io.sipwarden.sensor.log;

import io.sipwarden.event.Source;
import io.sipwarden.event.Transport;

/**
 * {@link AddressText}'s notations read from the bytes of an ASCII line: the common IPv4 forms
 * without allocating, anything else handed to {@link AddressText} as text, so the answer is
 * always the one {@link AddressText} gives for the same characters. Only text Asterisk
 * formatted from a socket address is passed here.
 */
final class AddressBytes {
    private static final byte[] IPV = AsciiScan.ascii("IPV");

    private AddressBytes() {
    }

    private static final java.lang.invoke.VarHandle INTS = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
            int[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final int IPV4_SLASH = word("IPV4");
    private static final int UDP_SLASH = word("UDP/");

    private static int word(String four) {
        return (int) INTS.get(AsciiScan.ascii(four), 0);
    }

    /** {@link AddressText#securityAddress} of {@code b[from, to)}. */
    static Source securityAddress(byte[] b, int from, int to) {
        if (to - from >= 17 && to - from <= 90 && (int) INTS.get(b, from) == IPV4_SLASH && b[from + 4] == '/'
                && (int) INTS.get(b, from + 5) == UDP_SLASH) {
            // "IPV4/UDP/a.b.c.d/port", nearly every address: with digits after the next '/' that
            // slash is the last one, so the general steps below would read the same parts.
            int slash = AsciiScan.indexOf(b, (byte) '/', from + 9, to);
            int port = slash < 0 ? -1 : AsciiScan.port(b, slash + 1, to);
            long v4 = port < 0 ? -1 : AsciiScan.ipv4(b, from + 9, slash);
            if (v4 >= 0) {
                return Source.of(AddressText.inet4(v4), port, Transport.UDP);
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
        return AddressText.securityAddress(AsciiScan.text(b, from, to), 0, to - from); // IPv6: rare
    }

    /** {@link AddressText#hostPort} of {@code b[from, to)}. */
    static Source hostPort(byte[] b, int from, int to, Transport transport, boolean portExpected) {
        if (from >= to || to - from > 70) {
            return null;
        }
        int colon = AsciiScan.indexOf(b, (byte) ':', from, to);
        if (colon > from && AsciiScan.indexOf(b, (byte) ':', colon + 1, to) < 0) {
            // a.b.c.d:port, the only colon
            long v4 = AsciiScan.ipv4(b, from, colon);
            int p = AsciiScan.port(b, colon + 1, to);
            if (v4 >= 0 && p >= 0) {
                return Source.of(AddressText.inet4(v4), p, transport);
            }
        }
        return AddressText.hostPort(AsciiScan.text(b, from, to), 0, to - from, transport, portExpected);
    }

    /** {@link AddressText#transport}. */
    private static Transport transport(byte[] b, int from, int to) {
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
