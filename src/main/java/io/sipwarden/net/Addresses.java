package io.sipwarden.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * Parsing and classifying IP addresses without ever touching DNS. Every address that enters
 * SIPWarden from text goes through {@link #parse}.
 */
public final class Addresses {
    private Addresses() {
    }

    /**
     * Parses an IPv4 dotted quad or an IPv6 literal (optionally in brackets, optionally with a
     * zone). Rejects anything else, including host names. IPv4-mapped IPv6 becomes IPv4.
     *
     * @throws IllegalArgumentException with the offending text (truncated) if it is not an address
     */
    public static InetAddress parse(String text) {
        Objects.requireNonNull(text, "text");
        String s = text.strip();
        if (s.length() > 2 && s.charAt(0) == '[' && s.charAt(s.length() - 1) == ']') {
            s = s.substring(1, s.length() - 1);
        }
        if (s.isEmpty() || s.length() > 64) {
            throw bad(text);
        }
        boolean v6 = s.indexOf(':') >= 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= '0' && c <= '9') || c == '.'
                    || (v6 && (c == ':' || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == '%'));
            if (!ok) {
                throw bad(text);
            }
        }
        if (!v6 && !isDottedQuad(s)) {
            throw bad(text);
        }
        try {
            // Only literals reach here, so getByName does not resolve anything.
            InetAddress a = InetAddress.getByName(s);
            return unmap(a);
        } catch (UnknownHostException e) {
            throw bad(text);
        }
    }

    /**
     * The canonical text of an address: dotted quad, or RFC 5952 IPv6 (lower case, longest run
     * of zero groups compressed to {@code ::}, no zone) — {@code fd77::2}, not {@code fd77:0:0:0:0:0:0:2}.
     */
    public static String format(InetAddress a) {
        if (!(a instanceof Inet6Address)) {
            return a.getHostAddress();
        }
        byte[] b = a.getAddress();
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = ((b[2 * i] & 0xFF) << 8) | (b[2 * i + 1] & 0xFF);
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder out = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLen - 1;
                continue;
            }
            if (!out.isEmpty() && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(g[i]));
        }
        return out.toString();
    }

    /** Like {@link #parse} but returns null instead of throwing: for hot parser paths. */
    public static InetAddress tryParse(String text) {
        try {
            return parse(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Folds {@code ::ffff:a.b.c.d} to the IPv4 address, so one source has one identity. */
    public static InetAddress unmap(InetAddress a) {
        if (a instanceof Inet6Address) {
            byte[] b = a.getAddress();
            boolean mapped = true;
            for (int i = 0; i < 10; i++) {
                mapped &= b[i] == 0;
            }
            mapped &= (b[10] & 0xFF) == 0xFF && (b[11] & 0xFF) == 0xFF;
            if (mapped) {
                try {
                    return InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
                } catch (UnknownHostException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return a;
    }

    /**
     * Loopback, private (RFC 1918, ULA), link-local, CGNAT, unspecified and multicast: never
     * "foreign", never geofenced. The host's own addresses are added by the policy.
     */
    public static boolean isLocal(InetAddress a) {
        if (a.isLoopbackAddress() || a.isAnyLocalAddress() || a.isLinkLocalAddress()
                || a.isSiteLocalAddress() || a.isMulticastAddress()) {
            return true;
        }
        if (a instanceof Inet4Address) {
            int v = a.hashCode(); // an Inet4Address's hash is its address: no array copy on this hot path
            int b0 = v >>> 24;
            int b1 = (v >>> 16) & 0xFF;
            return (b0 == 100 && b1 >= 64 && b1 <= 127) // CGNAT 100.64/10
                    || b0 == 0;
        }
        return (a.getAddress()[0] & 0xFE) == 0xFC; // ULA fc00::/7
    }

    private static boolean isDottedQuad(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            // A leading zero is octal to inet_aton (010 = 8) and decimal to Java: ambiguous, refused.
            if (p.isEmpty() || p.length() > 3 || (p.length() > 1 && p.charAt(0) == '0')) {
                return false;
            }
            if (Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    private static IllegalArgumentException bad(String text) {
        String shown = text.length() > 60 ? text.substring(0, 60) + "…" : text;
        return new IllegalArgumentException("not an IP address: '" + shown + "'");
    }
}
