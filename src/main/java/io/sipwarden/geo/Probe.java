package io.sipwarden.geo;

import java.io.IOException;
import java.net.InetAddress;
import java.util.List;

/**
 * The check a new database file must pass before it replaces one in use: it must place at least
 * one well-known public address. Catches files that open but hold nothing usable (a truncated
 * download, an error page saved as a database, an empty tree).
 */
public final class Probe {

    /** Public anycast resolvers and a MaxMind test address: every real location or ASN database places some. */
    static final List<InetAddress> ADDRESSES = List.of(
            InetAddress.ofLiteral("8.8.8.8"), InetAddress.ofLiteral("1.1.1.1"),
            InetAddress.ofLiteral("81.2.69.160"), InetAddress.ofLiteral("9.9.9.9"),
            InetAddress.ofLiteral("2001:4860:4860::8888"), InetAddress.ofLiteral("2606:4700:4700::1111"));

    private Probe() {
    }

    /**
     * @throws IOException naming the database if it answers none of the probe addresses
     */
    public static void check(GeoLookup candidate) throws IOException {
        for (InetAddress a : ADDRESSES) {
            if (candidate.lookup(a).isKnown()) {
                return;
            }
        }
        throw new IOException(candidate.describe() + ": answers none of the probe addresses "
                + ADDRESSES.stream().map(InetAddress::getHostAddress).toList());
    }
}
