package io.sipwarden.policy;

import io.sipwarden.net.Addresses;
import io.sipwarden.net.Cidr;
import java.net.InetAddress;

/** Addresses as people write them: IPv6 in the RFC 5952 short form ({@code 2001:db8::1}). */
final class Shown {
    private Shown() {
    }

    static String address(InetAddress a) {
        return Addresses.format(a);
    }

    static String cidr(Cidr c) {
        return c.toString();
    }
}
