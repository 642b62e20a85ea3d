package io.sipwarden.policy;

import io.sipwarden.config.HostName;
import io.sipwarden.net.Addresses;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Trusted host names (dynamic DNS) and the addresses they last resolved to. {@link #refresh}
 * runs in the background; lookups read an immutable snapshot and never resolve anything. A
 * failed resolution keeps the host's last good addresses and is logged once until it recovers.
 */
final class TrustedHosts {

    private static final System.Logger LOG = System.getLogger(TrustedHosts.class.getName());

    /** Resolves a name to its current addresses (the system resolver in production). */
    @FunctionalInterface
    interface Resolver {
        List<InetAddress> resolve(String host) throws IOException;
    }

    private final List<HostName> hosts;
    private final Resolver resolver;
    private final Map<HostName, List<InetAddress>> lastGood = new LinkedHashMap<>();
    private final Set<HostName> failing = new HashSet<>();
    private volatile Map<InetAddress, HostName> byAddress = Map.of();

    TrustedHosts(List<HostName> hosts, Resolver resolver) {
        this.hosts = List.copyOf(hosts);
        this.resolver = resolver;
    }

    static Resolver system() {
        return host -> List.of(InetAddress.getAllByName(host));
    }

    /** The trusted name that currently resolves to this address, or null. */
    HostName match(InetAddress address) {
        return byAddress.get(address);
    }

    /** Every address a trusted name currently resolves to. */
    Set<InetAddress> addresses() {
        return byAddress.keySet();
    }

    boolean isEmpty() {
        return hosts.isEmpty();
    }

    /** Host name to its last good addresses, for {@code explain} and {@code config check}. */
    synchronized Map<HostName, List<InetAddress>> resolved() {
        return Map.copyOf(lastGood);
    }

    private static String shown(List<InetAddress> addresses) {
        return String.join(", ", addresses.stream().map(Shown::address).toList());
    }

    /** Resolves every host once; safe to call from any thread. */
    synchronized void refresh() {
        for (HostName h : hosts) {
            try {
                List<InetAddress> found = resolver.resolve(h.name()).stream().map(Addresses::unmap).toList();
                if (found.isEmpty()) {
                    throw new IOException("no addresses");
                }
                lastGood.put(h, found);
                if (failing.remove(h)) {
                    LOG.log(Level.INFO, "trusted host {0} resolves again: {1}", h, shown(found));
                }
            } catch (IOException | RuntimeException e) {
                if (failing.add(h)) {
                    LOG.log(Level.WARNING, "cannot resolve trusted host {0}, keeping its last addresses {1}: {2}",
                            h, shown(lastGood.getOrDefault(h, List.of())), e.toString());
                }
            }
        }
        Map<InetAddress, HostName> next = new HashMap<>();
        lastGood.forEach((h, addresses) -> addresses.forEach(a -> next.putIfAbsent(a, h)));
        byAddress = Map.copyOf(next);
    }
}
