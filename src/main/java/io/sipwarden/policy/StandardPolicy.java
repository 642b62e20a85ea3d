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
    private final Map<HostName, String> hostSettings = new HashMap<>();
    private final PlaceMatcher deny;
    private final Map<Service, Area> geofence = new EnumMap<>(Service.class);
    private final Map<String, Area> endpoints = new HashMap<>();
    private final Area defaultEndpointArea;

    StandardPolicy(PolicySettings settings, Function<String, String> where, HostAddresses host, TrustedHosts trustedHosts) {
        this.host = host;
        this.trustedHosts = trustedHosts;
        List<Map.Entry<Cidr, String>> nets = new ArrayList<>();
        List<Cidr> configured = settings.trusted().networks();
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
            geofence.put(s, new Area(settings.geofence().of(s), "policy.geofence." + key, where));
        }
        settings.endpoints().forEach((name, area) -> endpoints.put(name, new Area(area, "policy.endpoints." + name, where)));
        this.defaultEndpointArea = new Area(settings.defaultEndpointArea(), "policy.default_endpoint_area", where);
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
        Verdict v = decide(address, service, endpoint, at, steps);
        return new Explanation(Addresses.unmap(address), service, endpoint, at, steps, v);
    }

    @Override
    public boolean isTrusted(InetAddress address) {
        return trusted(Addresses.unmap(address)) != null;
    }

    private Verdict decide(InetAddress address, Service service, String endpoint, GeoLocation location,
                           List<Explanation.Step> trace) {
        InetAddress a = Addresses.unmap(address);
        GeoLocation at = location == null ? GeoLocation.UNKNOWN : location;
        String why = trusted(a);
        if (why != null) {
            return decided(trace, "trusted", Outcome.TRUSTED, Shown.address(a) + ": " + why);
        }
        step(trace, "trusted", false, () -> Shown.address(a) + " is not loopback, not an address of this host, not in policy.trusted.networks"
                + (trustedHosts.isEmpty() ? "" : " and not a current address of policy.trusted.hosts"));

        why = deny.isEmpty() ? null : deny.match(a, at);
        if (why != null) {
            return decided(trace, "deny", Outcome.DENIED, why);
        }
        step(trace, "deny", false, () -> deny.isEmpty() ? "policy.deny has no list" : deny.miss(a, at));

        String local = localKind(a);
        if (local != null) {
            return decided(trace, "local", Outcome.LOCAL, Shown.address(a) + " is " + local + ": local, never geofenced; detectors still apply");
        }
        step(trace, "local", false, () -> Shown.address(a) + " is a public address");

        Area fence = geofence.get(service);
        Area.Check fenced = fence.check(a, at);
        String fenceStep = "geofence." + GeofenceSettings.key(service);
        if (!fenced.inside()) {
            return decided(trace, fenceStep, Outcome.OUTSIDE_GEOFENCE, fenced.why());
        }
        step(trace, fenceStep, false, fenced::why);

        Area.Check area = null;
        String areaStep = null;
        if (!endpoint.isEmpty()) {
            Area own = endpoints.get(endpoint);
            Area chosen = own != null ? own : defaultEndpointArea;
            areaStep = "endpoint." + Texts.safe(endpoint, 64);
            if (!chosen.isEmpty()) {
                area = chosen.check(a, at);
                if (!area.inside()) {
                    return decided(trace, areaStep, Outcome.OUTSIDE_ENDPOINT_AREA, area.why());
                }
                step(trace, areaStep, false, area::why);
            } else {
                step(trace, areaStep, false, () -> "no area for this endpoint (policy.endpoints has no entry, policy.default_endpoint_area is empty)");
            }
        } else {
            step(trace, "endpoint", false, () -> "no authenticated endpoint: endpoint areas do not apply");
        }

        if (area != null) {
            return decided(trace, "detectors", Outcome.ALLOWED, "inside " + areaStep + ": " + area.why() + "; detectors decide");
        }
        if (!fence.isEmpty()) {
            return decided(trace, "detectors", Outcome.ALLOWED, "inside " + fenceStep + ": " + fenced.why() + "; detectors decide");
        }
        if (trace == null) {
            return NO_RULE;
        }
        return decided(trace, "detectors", Outcome.ALLOWED, NO_RULE.why());
    }

    private static final Verdict NO_RULE = new Verdict(Outcome.ALLOWED, "detectors", "no policy rule applies; detectors decide");

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

    private static Verdict decided(List<Explanation.Step> trace, String step, Outcome outcome, String why) {
        if (trace != null) {
            trace.add(new Explanation.Step(step, true, outcome + ": " + why));
        }
        return new Verdict(outcome, step, why);
    }

    private static void step(List<Explanation.Step> trace, String name, boolean decided, java.util.function.Supplier<String> why) {
        if (trace != null) {
            trace.add(new Explanation.Step(name, decided, why.get()));
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
