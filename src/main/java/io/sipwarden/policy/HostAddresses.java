package io.sipwarden.policy;

import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * This host's own addresses: those on its interfaces (enumerated again on a schedule, since
 * DHCP and hotplug change them) plus the configured ones. Reading is lock-free.
 */
final class HostAddresses {

    private static final System.Logger LOG = System.getLogger(HostAddresses.class.getName());

    /** Enumerates the interfaces; throws if the system cannot tell. */
    interface Source {
        Set<InetAddress> addresses() throws SocketException;
    }

    private final Source source;
    private final List<InetAddress> configured;
    private volatile Set<InetAddress> current;
    private boolean failing;

    HostAddresses(Source source, List<InetAddress> configured) {
        this.source = source;
        this.configured = List.copyOf(configured);
        this.current = Set.copyOf(configured);
    }

    /** The interfaces of this machine, via {@link NetworkInterface}. */
    static Source system() {
        return () -> {
            Set<InetAddress> out = new HashSet<>();
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                    out.add(withoutScope(a));
                }
            }
            return out;
        };
    }

    static Source fixed(Supplier<Set<InetAddress>> addresses) {
        return addresses::get;
    }

    boolean contains(InetAddress address) {
        return current.contains(address);
    }

    Set<InetAddress> current() {
        return current;
    }

    /** Enumerates again; on failure keeps the last known addresses and logs once. */
    synchronized void refresh() {
        try {
            Set<InetAddress> found = new HashSet<>(source.addresses());
            found.addAll(configured);
            current = Set.copyOf(found);
            if (failing) {
                LOG.log(Level.INFO, "host addresses can be enumerated again: {0} found", found.size());
                failing = false;
            }
        } catch (SocketException | RuntimeException e) {
            if (!failing) {
                LOG.log(Level.WARNING, "cannot enumerate this host''s addresses, keeping the last {0}: {1}",
                        current.size(), e.toString());
                failing = true;
            }
        }
    }

    /** fe80::1%eth0 and fe80::1 are the same source for the policy. */
    private static InetAddress withoutScope(InetAddress a) {
        if (a instanceof java.net.Inet6Address six && six.getScopeId() != 0) {
            try {
                return InetAddress.getByAddress(six.getAddress());
            } catch (java.net.UnknownHostException e) {
                return a;
            }
        }
        return a;
    }
}
