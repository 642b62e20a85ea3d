package io.sipwarden.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Objects;

/**
 * An address prefix (a single address is a /32 or /128). The network bits are normalised, so
 * {@code 10.0.0.7/8} and {@code 10.0.0.0/8} are equal. Parsing accepts only numeric literals:
 * a host name is rejected, never resolved (libnftables and the JDK would both resolve it).
 */
public record Cidr(InetAddress network, int length) {

    public Cidr {
        Objects.requireNonNull(network, "network");
        int max = network.getAddress().length * 8;
        if (length < 0 || length > max) {
            throw new IllegalArgumentException("prefix length " + length + " out of range for " + network.getHostAddress());
        }
        network = mask(network, length);
    }

    /** A single address. IPv4-mapped IPv6 addresses are folded to IPv4 by {@link Addresses#parse}. */
    public static Cidr of(InetAddress address) {
        return new Cidr(address, address.getAddress().length * 8);
    }

    /** Parses {@code 192.0.2.0/24}, {@code 2001:db8::/32}, or a bare address. */
    public static Cidr parse(String text) {
        Objects.requireNonNull(text, "text");
        String s = text.strip();
        int slash = s.indexOf('/');
        InetAddress address = Addresses.parse(slash < 0 ? s : s.substring(0, slash));
        int max = address.getAddress().length * 8;
        int len = max;
        if (slash >= 0) {
            String bits = s.substring(slash + 1);
            if (bits.isEmpty() || bits.length() > 3 || !bits.chars().allMatch(Character::isDigit)) {
                throw new IllegalArgumentException("bad prefix length in '" + text + "'");
            }
            len = Integer.parseInt(bits);
            if (len > max) {
                throw new IllegalArgumentException("prefix length " + len + " too long in '" + text + "'");
            }
        }
        return new Cidr(address, len);
    }

    public boolean isIpv4() {
        return network instanceof Inet4Address;
    }

    public boolean isSingleAddress() {
        return length == network.getAddress().length * 8;
    }

    public boolean contains(InetAddress address) {
        byte[] a = address.getAddress();
        byte[] n = network.getAddress();
        if (a.length != n.length) {
            return false;
        }
        int full = length / 8;
        for (int i = 0; i < full; i++) {
            if (a[i] != n[i]) {
                return false;
            }
        }
        int rest = length % 8;
        if (rest == 0) {
            return true;
        }
        int m = (0xFF << (8 - rest)) & 0xFF;
        return (a[full] & m) == (n[full] & m);
    }

    @Override
    public String toString() {
        String text = Addresses.format(network);
        return isSingleAddress() ? text : text + "/" + length;
    }

    private static InetAddress mask(InetAddress address, int length) {
        byte[] b = address.getAddress();
        byte[] out = Arrays.copyOf(b, b.length);
        for (int i = 0; i < out.length; i++) {
            int bitsHere = Math.max(0, Math.min(8, length - i * 8));
            out[i] = (byte) (out[i] & ((0xFF << (8 - bitsHere)) & 0xFF));
        }
        try {
            return address instanceof Inet6Address ? Inet6Address.getByAddress(null, out, null) : InetAddress.getByAddress(out);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
