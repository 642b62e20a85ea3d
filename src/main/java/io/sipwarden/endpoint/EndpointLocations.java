package io.sipwarden.endpoint;

import io.sipwarden.event.AuthSuccess;
import io.sipwarden.event.Stack;
import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where each endpoint is: the addresses it recently authenticated from ({@code SuccessfulAuth},
 * the source of truth) or was listed at by the PBX's inventory at connect. Endpoints are keyed
 * as channel technology plus name ({@code PJSIP/alice}, {@code SIP/bob}, {@code AMI/idsmon}) so
 * a channel name leads to its endpoint. Bounded in endpoints and addresses per endpoint;
 * thread-safe (the AMI reader writes, call control reads).
 */
public final class EndpointLocations {

    /** How an address became known for an endpoint. */
    public enum Via { AUTH, INVENTORY }

    /** One sighting of an endpoint at an address. */
    public record Sighting(String endpoint, InetAddress address, int port, Instant time, Via via) {
        public Sighting {
            Objects.requireNonNull(endpoint, "endpoint");
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(via, "via");
        }
    }

    /** Addresses kept per endpoint (a phone and a softphone, v4 and v6). */
    static final int PER_ENDPOINT = 8;

    private final int maxEndpoints;
    private final Map<String, List<Sighting>> byEndpoint;

    public EndpointLocations(int maxEndpoints) {
        if (maxEndpoints < 1) {
            throw new IllegalArgumentException("maxEndpoints must be positive: " + maxEndpoints);
        }
        this.maxEndpoints = maxEndpoints;
        this.byEndpoint = new LinkedHashMap<>(256, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, List<Sighting>> eldest) {
                return size() > EndpointLocations.this.maxEndpoints;
            }
        };
    }

    /** The endpoint key of an account reported by a stack: {@code PJSIP/alice}. */
    public static String key(Stack stack, String account) {
        return switch (stack) {
            case PJSIP -> "PJSIP/" + account;
            case CHAN_SIP -> "SIP/" + account;
            case IAX2 -> "IAX2/" + account;
            case MANAGER -> "AMI/" + account;
            case HTTP -> "HTTP/" + account;
            case NETWORK -> "NET/" + account;
        };
    }

    /**
     * The endpoint key of a channel name ({@code PJSIP/alice-0000002a} gives {@code PJSIP/alice}),
     * or null for channels that belong to no endpoint (Local, bridges, malformed names).
     */
    public static String endpointOfChannel(String channel) {
        if (channel == null) {
            return null;
        }
        int slash = channel.indexOf('/');
        int dash = channel.lastIndexOf('-');
        if (slash <= 0 || dash <= slash + 1) {
            return null;
        }
        String tech = channel.substring(0, slash);
        if (!tech.equals("PJSIP") && !tech.equals("SIP") && !tech.equals("IAX2")) {
            return null;
        }
        return channel.substring(0, dash);
    }

    /** Records a successful authentication (any stack). */
    public void record(AuthSuccess e) {
        put(new Sighting(key(e.meta().stack(), e.account()), e.address(), e.meta().source().port(), e.time(), Via.AUTH));
    }

    /** Records what the PBX's inventory ({@code PJSIPShowContacts}, {@code SIPpeers}) says. */
    public void inventory(String endpoint, InetAddress address, int port, Instant at) {
        put(new Sighting(endpoint, address, port, at, Via.INVENTORY));
    }

    private synchronized void put(Sighting s) {
        List<Sighting> list = byEndpoint.computeIfAbsent(s.endpoint(), k -> new ArrayList<>(2));
        list.removeIf(old -> old.address().equals(s.address()));
        list.addFirst(s);
        if (list.size() > PER_ENDPOINT) {
            list.removeLast();
        }
    }

    /** Recent sightings of an endpoint, newest first. */
    public synchronized List<Sighting> sightings(String endpoint) {
        List<Sighting> list = byEndpoint.get(endpoint);
        return list == null ? List.of() : List.copyOf(list);
    }

    /** The address an endpoint was last seen at. */
    public Optional<InetAddress> lastAddress(String endpoint) {
        List<Sighting> list = sightings(endpoint);
        return list.isEmpty() ? Optional.empty() : Optional.of(list.getFirst().address());
    }

    /**
     * The address an endpoint last authenticated from; inventory entries do not count (the
     * PBX may have taken them from the client's own Contact or Via headers).
     */
    public Optional<Sighting> lastAuth(String endpoint) {
        for (Sighting s : sightings(endpoint)) {
            if (s.via() == Via.AUTH) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** Endpoints recently seen at this address. */
    public synchronized Set<String> endpointsAt(InetAddress address) {
        Set<String> out = new TreeSet<>();
        for (var e : byEndpoint.entrySet()) {
            for (Sighting s : e.getValue()) {
                if (s.address().equals(address)) {
                    out.add(e.getKey());
                }
            }
        }
        return out;
    }

    public synchronized int size() {
        return byEndpoint.size();
    }
}
