package io.sipwarden.policy;

import io.sipwarden.config.Configuration;
import io.sipwarden.config.HostName;
import io.sipwarden.decision.Texts;
import io.sipwarden.event.Service;
import io.sipwarden.geo.GeoLocation;
import io.sipwarden.net.Addresses;
import io.sipwarden.net.Cidr;
import io.sipwarden.policy.Verdict.Outcome;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The policy compiled from {@code policy.*} settings, evaluated in DESIGN.md's order (first
 * match wins): trusted, explicit deny, local, geofence of the service, area of the endpoint,
 * then detectors. Every list is precompiled to hash sets and prefix tables; evaluation reads
 * only immutable data and volatile snapshots, so it is thread-safe and does no I/O.
 */
public final class StandardPolicy implements Policy {

    private final HostAddresses host;
    private final TrustedHosts trustedHosts;
    private final PrefixSet<String> trustedNetworks;
    private final List<Cidr> configuredTrusted;
    private final Map<HostName, String> hostSettings = new HashMap<>();
    private final PlaceMatcher deny;
    private final Map<Service, Area> geofence = new EnumMap<>(Service.class);
    private final Map<String, Area> endpoints = new HashMap<>();
    private final Area defaultEndpointArea;

    private static final Verdict NO_RULE = new Verdict(Outcome.ALLOWED, "detectors", "no policy rule applies; detectors decide");

    StandardPolicy(PolicySettings settings, Function<String, String> where, HostAddresses host, TrustedHosts trustedHosts) {
        this.host = host;
        this.trustedHosts = trustedHosts;
        List<Map.Entry<Cidr, String>> nets = new ArrayList<>();
        List<Cidr> configured = settings.trusted().networks();
        this.configuredTrusted = List.copyOf(configured);
        for (int i = 0; i < configured.size(); i++) {
            String setting = "policy.trusted.networks[" + i + "]";
            nets.add(new AbstractMap.SimpleImmutableEntry<>(configured.get(i),
                    "network " + Shown.cidr(configured.get(i)) + " in policy.trusted.networks (" + where.apply(setting) + ")"));
        }
        this.trustedNetworks = PrefixSet.of(nets);
        List<HostName> hosts = settings.trusted().hosts();
        for (int i = 0; i < hosts.size(); i++) {
            hostSettings.putIfAbsent(hosts.get(i), "policy.trusted.hosts (" + where.apply("policy.trusted.hosts[" + i + "]") + ")");
        }
        DenySettings d = settings.deny();
        this.deny = new PlaceMatcher(new PlaceList(d.continents(), d.countries(), null, null, d.asns(), d.networks()), "policy.deny", where);
        for (Service s : Service.values()) {
            String key = GeofenceSettings.key(s);
            geofence.put(s, new Area(settings.geofence().of(s), "policy.geofence." + key, "geofence." + key,
                    Outcome.OUTSIDE_GEOFENCE, where));
        }
        settings.endpoints().forEach((name, area) -> endpoints.put(name, new Area(area, "policy.endpoints." + name,
                "endpoint." + Texts.safe(name, 64), Outcome.OUTSIDE_ENDPOINT_AREA, where)));
        this.defaultEndpointArea = new Area(settings.defaultEndpointArea(), "policy.default_endpoint_area",
                "default_endpoint_area", Outcome.OUTSIDE_ENDPOINT_AREA, where);
    }

    /** Compiles the policy section of a loaded configuration; host data comes from the runtime. */
    static StandardPolicy compile(Configuration config, HostAddresses host, TrustedHosts trustedHosts) {
        return new StandardPolicy(config.section(io.sipwarden.config.Sections.POLICY), config::describe, host, trustedHosts);
    }

    @Override
    public Verdict evaluate(InetAddress address, Service service, String endpoint, GeoLocation location) {
        return decide(address, service, endpoint, location, null);
    }

    /** Like {@link #evaluate} but records every step: for {@code explain}, not for the hot path. */
    public Explanation explain(InetAddress address, Service service, String endpoint, GeoLocation location) {
        List<Explanation.Step> steps = new ArrayList<>();
        GeoLocation at = location == null ? GeoLocation.UNKNOWN : location;
        String who = endpoint == null ? "" : endpoint;
        Verdict v = decide(address, service, who, at, steps);
        return new Explanation(Addresses.unmap(address), service, who, at, steps, v);
    }

    @Override
    public boolean isTrusted(InetAddress address) {
        return trusted(Addresses.unmap(address)) != null;
    }

    @Override
    public List<Cidr> trustedScopes() {
        List<Cidr> out = new ArrayList<>(configuredTrusted);
        host.current().forEach(a -> out.add(Cidr.of(Addresses.unmap(a))));
        trustedHosts.addresses().forEach(a -> out.add(Cidr.of(a)));
        return out;
    }

    private Verdict decide(InetAddress address, Service service, String endpoint, GeoLocation location,
                           List<Explanation.Step> trace) {
        InetAddress a = Addresses.unmap(address);
        GeoLocation at = location == null ? GeoLocation.UNKNOWN : location;
        endpoint = endpoint == null ? "" : endpoint;

        String why = trusted(a);
        if (why != null) {
            return decided(trace, new Verdict(Outcome.TRUSTED, "trusted", Shown.address(a) + ": " + why));
        }
        step(trace, "trusted", () -> Shown.address(a) + " is not loopback, not an address of this host, not in policy.trusted.networks"
                + (trustedHosts.isEmpty() ? "" : " and not a current address of policy.trusted.hosts"));

        why = deny.isEmpty() ? null : deny.match(a, at);
        if (why != null) {
            return decided(trace, new Verdict(Outcome.DENIED, "deny", why));
        }
        step(trace, "deny", () -> deny.isEmpty() ? "policy.deny has no list" : deny.miss(a, at));

        String local = localKind(a);
        if (local != null) {
            return decided(trace, new Verdict(Outcome.LOCAL, "local",
                    Shown.address(a) + " is " + local + ": local, never geofenced; detectors still apply"));
        }
        step(trace, "local", () -> Shown.address(a) + " is a public address");

        Area fence = geofence.get(service);
        Verdict fenced = fence.check(a, at);
        if (fenced.outcome() != Outcome.ALLOWED) {
            return decided(trace, fenced);
        }
        step(trace, fenced.step(), fenced::why);

        Verdict allowed = fence.isEmpty() ? NO_RULE : fenced;
        if (endpoint.isEmpty()) {
            step(trace, "endpoint", () -> "no authenticated endpoint: endpoint areas do not apply");
        } else {
            Area own = endpoints.get(endpoint);
            Area area = own != null ? own : defaultEndpointArea;
            Verdict v = area.check(a, at);
            if (v.outcome() != Outcome.ALLOWED) {
                return decided(trace, own != null ? v : new Verdict(v.outcome(), "endpoint." + Texts.safe(endpoint, 64), v.why()));
            }
            if (!area.isEmpty()) {
                allowed = v;
            }
            if (trace != null) {
                step(trace, "endpoint." + Texts.safe(endpoint, 64), area.isEmpty()
                        ? () -> "no area for this endpoint (no policy.endpoints entry, policy.default_endpoint_area is empty)"
                        : v::why);
            }
        }
        if (trace != null) {
            trace.add(new Explanation.Step("detectors", true, "ALLOWED: " + (allowed == NO_RULE
                    ? NO_RULE.why() : "inside " + allowed.step() + " (" + allowed.why() + "); detectors decide")));
        }
        return allowed;
    }

    /** Why the address is trusted, or null. */
    private String trusted(InetAddress a) {
        if (a.isLoopbackAddress()) {
            return "loopback address";
        }
        if (host.contains(a)) {
            return "an address of this host";
        }
        String why = trustedNetworks.isEmpty() ? null : trustedNetworks.match(a);
        if (why != null) {
            return why;
        }
        HostName h = trustedHosts.match(a);
        return h == null ? null : "current address of trusted host " + h + " in " + hostSettings.get(h);
    }

    /** "a private address (RFC 1918)" and the like for local addresses, else null. */
    static String localKind(InetAddress a) {
        if (!Addresses.isLocal(a)) {
            return null;
        }
        if (a.isLoopbackAddress()) {
            return "a loopback address";
        }
        if (a.isLinkLocalAddress()) {
            return "a link-local address";
        }
        if (a.isSiteLocalAddress()) {
            return "a private address (RFC 1918)";
        }
        if (a.isMulticastAddress()) {
            return "a multicast address";
        }
        if (a.isAnyLocalAddress()) {
            return "the unspecified address";
        }
        if (a instanceof Inet4Address) {
            return (a.getAddress()[0] & 0xFF) == 100 ? "a shared address (CGNAT, RFC 6598)" : "a local address (0.0.0.0/8)";
        }
        return "a unique local address (ULA, RFC 4193)";
    }

    private static Verdict decided(List<Explanation.Step> trace, Verdict v) {
        if (trace != null) {
            trace.add(new Explanation.Step(v.step(), true, v.outcome() + ": " + v.why()));
        }
        return v;
    }

    private static void step(List<Explanation.Step> trace, String name, java.util.function.Supplier<String> why) {
        if (trace != null) {
            trace.add(new Explanation.Step(name, false, why.get()));
        }
    }

    /** Lines for {@code config check}: what each part of the policy does. */
    public List<String> summary() {
        List<String> out = new ArrayList<>();
        out.add("trusted: loopback, " + host.current().size() + " host address(es), "
                + trustedNetworks.size() + " network(s), " + hostSettings.size() + " host name(s)");
        out.add("deny: " + (deny.isEmpty() ? "nothing" : deny.kinds()));
        for (Service s : Service.values()) {
            out.add("geofence." + GeofenceSettings.key(s) + ": " + geofence.get(s).summary());
        }
        out.add("endpoint areas: " + endpoints.size() + " endpoint(s); default: " + defaultEndpointArea.summary());
        return out;
    }
}
