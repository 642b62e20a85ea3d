package io.sipwarden.engine;

import io.sipwarden.event.Service;
import io.sipwarden.geo.GeoLocation;
import io.sipwarden.net.Addresses;
import io.sipwarden.policy.Policy;
import io.sipwarden.policy.Verdict;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** A policy written out as data for tests: trusted addresses and fixed verdicts per address (and endpoint). */
public final class MapPolicy implements Policy {
    private final Set<InetAddress> trusted = new HashSet<>();
    private final Map<String, Verdict> verdicts = new HashMap<>();

    public MapPolicy trust(String address) {
        trusted.add(Addresses.parse(address));
        return this;
    }

    /** @param endpoint "" for any attempt from the address, else only for that authenticated endpoint */
    public MapPolicy verdict(String address, String endpoint, Verdict.Outcome outcome, String why) {
        verdicts.put(Addresses.parse(address).getHostAddress() + "|" + endpoint, new Verdict(outcome, "test", why));
        return this;
    }

    @Override
    public Verdict evaluate(InetAddress address, Service service, String endpoint, GeoLocation location) {
        if (isTrusted(address)) {
            return new Verdict(Verdict.Outcome.TRUSTED, "trusted", "test trusted list");
        }
        String a = address.getHostAddress();
        Verdict v = endpoint.isEmpty() ? null : verdicts.get(a + "|" + endpoint);
        if (v == null) {
            v = verdicts.get(a + "|");
        }
        if (v != null) {
            return v;
        }
        return Addresses.isLocal(address) ? new Verdict(Verdict.Outcome.LOCAL, "local", "private address")
                : new Verdict(Verdict.Outcome.ALLOWED, "geofence", "inside");
    }

    @Override
    public java.util.List<io.sipwarden.net.Cidr> trustedScopes() {
        return trusted.stream().map(io.sipwarden.net.Cidr::of).toList();
    }

    @Override
    public boolean isTrusted(InetAddress address) {
        return address.isLoopbackAddress() || trusted.contains(address);
    }
}
