package io.sipwarden.enforce;

import io.sipwarden.decision.Decision;
import io.sipwarden.net.Cidr;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The enforcer-side trust check (defence in depth behind the decision stage): a ban that covers
 * loopback, the unspecified address, multicast, IPv6 link-local, a configured trusted prefix or
 * one of the host's own addresses is refused. Private ranges are deliberately bannable — an
 * attacker on the LAN or a VPN is still an attacker.
 */
public final class BanGuard {
    private static final List<Protected> ALWAYS = List.of(
            new Protected(Cidr.parse("127.0.0.0/8"), "loopback"),
            new Protected(Cidr.parse("::1"), "loopback"),
            new Protected(Cidr.parse("0.0.0.0/8"), "unspecified/this-network"),
            new Protected(Cidr.parse("::"), "unspecified"),
            new Protected(Cidr.parse("224.0.0.0/4"), "multicast"),
            new Protected(Cidr.parse("255.255.255.255"), "broadcast"),
            new Protected(Cidr.parse("ff00::/8"), "multicast"),
            new Protected(Cidr.parse("fe80::/10"), "IPv6 link-local (neighbour discovery)"));

    private final List<Protected> protectedRanges;

    private record Protected(Cidr cidr, String why) {
    }

    /**
     * @param trusted configured trusted prefixes
     * @param own     the host's own addresses (see {@link #ownAddresses()})
     */
    public BanGuard(List<Cidr> trusted, List<Cidr> own) {
        List<Protected> all = new ArrayList<>(ALWAYS);
        trusted.forEach(c -> all.add(new Protected(c, "trusted " + c)));
        own.forEach(c -> all.add(new Protected(c, "this host's own address " + c)));
        protectedRanges = List.copyOf(all);
    }

    /**
     * The guard for settings: trusted prefixes, plus own addresses when enabled — those of the
     * namespace the backend enforces in, which is where "own" means something.
     */
    public static BanGuard of(EnforceSettings s) {
        List<Cidr> own = List.of();
        if (s.trustOwnAddresses()) {
            if (s.netns().isEmpty()) {
                own = ownAddresses();
            } else {
                try (Netns ns = Netns.join(s.netns())) {
                    own = ns.call(BanGuard::ownAddresses);
                } catch (RuntimeException e) {
                    System.getLogger(BanGuard.class.getName()).log(System.Logger.Level.WARNING,
                            "cannot list the addresses of network namespace " + s.netns() + ": " + e.getMessage());
                }
            }
        }
        return new BanGuard(s.trustedCidrs(), own);
    }

    /** Why {@code d} must not reach the kernel, or empty if it may. Allows are never refused. */
    public Optional<String> refusal(Decision d) {
        if (d.type() == Decision.Type.ALLOW) {
            return Optional.empty();
        }
        Cidr scope = d.scope();
        for (Protected p : protectedRanges) {
            if (overlaps(scope, p.cidr())) {
                return Optional.of(scope + " covers " + p.why());
            }
        }
        return Optional.empty();
    }

    static boolean overlaps(Cidr a, Cidr b) {
        return a.isIpv4() == b.isIpv4() && (a.contains(b.network()) || b.contains(a.network()));
    }

    /** Addresses on this host's interfaces (in the daemon's network namespace), excluding loopback. */
    public static List<Cidr> ownAddresses() {
        List<Cidr> out = new ArrayList<>();
        try {
            for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                    if (!a.isLoopbackAddress() && !a.isLinkLocalAddress()) {
                        out.add(Cidr.of(a));
                    }
                }
            }
        } catch (SocketException e) {
            System.getLogger(BanGuard.class.getName()).log(System.Logger.Level.WARNING,
                    "cannot list this host's addresses; own addresses are not protected by the enforcer guard: " + e);
        }
        return List.copyOf(out);
    }
}
