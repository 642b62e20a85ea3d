package io.sipwarden.decision;

import io.sipwarden.net.Cidr;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The last line of defence for "trust is absolute": every ban, whoever asks for it (a detector,
 * the CLI, an import, a peer), passes here and is refused when its scope is or contains a
 * trusted, loopback, unspecified, multicast or own address, or is implausibly wide. Each refusal
 * is logged and counted.
 */
public final class TrustGuard {
    private static final Logger LOG = System.getLogger(TrustGuard.class.getName());

    private final Predicate<InetAddress> trusted;
    private final Supplier<? extends Collection<Cidr>> trustedNetworks;
    private final AtomicLong refused = new AtomicLong();

    /** @param trusted usually {@code policy::isTrusted}; checked in addition to the built-in rules */
    public TrustGuard(Predicate<InetAddress> trusted) {
        this(trusted, List.of());
    }

    /**
     * @param trustedNetworks the configured trusted networks and host addresses, so that a prefix
     *                        ban that merely overlaps one (say a /16 around a trunk) is refused too;
     *                        {@code trusted} alone can only answer for single addresses
     */
    public TrustGuard(Predicate<InetAddress> trusted, Collection<Cidr> trustedNetworks) {
        this(trusted, constant(trustedNetworks));
    }

    /**
     * @param trustedNetworks asked on every check, for what is trusted now (usually
     *                        {@code policy::trustedScopes}: host addresses and trusted host names change)
     */
    public TrustGuard(Predicate<InetAddress> trusted, Supplier<? extends Collection<Cidr>> trustedNetworks) {
        this.trusted = Objects.requireNonNull(trusted, "trusted");
        this.trustedNetworks = Objects.requireNonNull(trustedNetworks, "trustedNetworks");
    }

    private static Supplier<List<Cidr>> constant(Collection<Cidr> networks) {
        List<Cidr> copy = List.copyOf(networks);
        return () -> copy;
    }

    /** Built-in rules plus this host's own interface addresses: for tools that run without a policy. */
    public static TrustGuard builtIn() {
        List<InetAddress> own = ownAddresses();
        return new TrustGuard(own::contains, own.stream().map(Cidr::of).toList());
    }

    static List<InetAddress> ownAddresses() {
        return ownAddresses(NetworkInterface::getNetworkInterfaces);
    }

    /** Lists the interfaces; a parameter so that a test can make the listing fail. */
    @FunctionalInterface
    interface Interfaces {
        Enumeration<NetworkInterface> list() throws SocketException;
    }

    static List<InetAddress> ownAddresses(Interfaces interfaces) {
        List<InetAddress> out = new ArrayList<>();
        try {
            for (NetworkInterface ni : Collections.list(interfaces.list())) {
                for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                    // From the bytes, not getHostAddress(): that names a link-local zone (fe80::1%eth0),
                    // and the zone-less address is the one a ban scope is compared with.
                    out.add(io.sipwarden.net.Addresses.unmap(InetAddress.getByAddress(a.getAddress())));
                }
            }
        } catch (SocketException | UnknownHostException | RuntimeException e) {
            // '' is an apostrophe: java.util.logging formats with MessageFormat, where ' quotes, and {0} was printed as is.
            LOG.log(Level.WARNING, "cannot list this host''s addresses ({0}); only loopback is protected by default", e.toString());
        }
        return List.copyOf(out);
    }

    /** Why a ban on {@code scope} must not be made, or null when it may. Counts and logs refusals. */
    public String check(Cidr scope, String requestedBy) {
        String why = refusal(scope);
        if (why != null) {
            refused.incrementAndGet();
            LOG.log(Level.WARNING, "refused to ban {0} (asked by {1}): {2}", scope, requestedBy, why);
        }
        return why;
    }

    /** Whether {@link #check} would refuse {@code scope}, without logging or counting. */
    public boolean wouldRefuse(Cidr scope) {
        return refusal(scope) != null;
    }

    public long refusedCount() {
        return refused.get();
    }

    private String refusal(Cidr scope) {
        InetAddress n = scope.network();
        int bits = n.getAddress().length * 8;
        if (scope.isIpv4() ? scope.length() < 8 : scope.length() < 16) {
            return "prefix /" + scope.length() + " is wider than allowed (/8 for IPv4, /16 for IPv6)";
        }
        InetAddress last = scope.isSingleAddress() ? n : lastAddress(scope, bits);
        for (InetAddress a : new InetAddress[] {n, last}) {
            if (a.isLoopbackAddress()) {
                return "loopback address";
            }
            if (a.isAnyLocalAddress()) {
                return "unspecified address";
            }
            if (a.isMulticastAddress()) {
                return "multicast address";
            }
            if (trusted.test(a)) {
                return "trusted address (policy: trusted networks, own addresses)";
            }
        }
        for (Cidr t : trustedNetworks.get()) {
            if (t.isIpv4() == scope.isIpv4() && (scope.contains(t.network()) || t.contains(n))) {
                return "overlaps trusted network " + t;
            }
        }
        if (!scope.isSingleAddress()) {
            for (String probe : scope.isIpv4() ? new String[] {"127.0.0.1"} : new String[] {"::1"}) {
                if (scope.contains(io.sipwarden.net.Addresses.parse(probe))) {
                    return "prefix contains loopback";
                }
            }
        }
        return null;
    }

    private static InetAddress lastAddress(Cidr scope, int bits) {
        BigInteger net = new BigInteger(1, scope.network().getAddress());
        BigInteger host = BigInteger.ONE.shiftLeft(bits - scope.length()).subtract(BigInteger.ONE);
        byte[] raw = net.or(host).toByteArray();
        byte[] out = new byte[bits / 8];
        int copy = Math.min(raw.length, out.length);
        System.arraycopy(raw, raw.length - copy, out, out.length - copy, copy);
        try {
            return InetAddress.getByAddress(out);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
