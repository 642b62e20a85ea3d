package io.sipwarden.sensor.ami;

import io.sipwarden.endpoint.EndpointLocations;
import io.sipwarden.event.CallEnded;
import io.sipwarden.event.CallStarted;
import io.sipwarden.event.EventMeta;
import io.sipwarden.event.SecurityEvent;
import io.sipwarden.event.Sensor;
import io.sipwarden.event.Source;
import io.sipwarden.event.Stack;
import io.sipwarden.event.Transport;
import java.net.InetAddress;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Maps call events ({@code Newchannel}, {@code DialBegin}, {@code Hangup}, {@code Cdr}) to
 * {@link CallStarted}/{@link CallEnded} when the calling endpoint's address is known from
 * {@link EndpointLocations}. Channel events carry no address, and a guest channel's name comes
 * from the attacker's From header, so a channel whose endpoint was never seen authenticating
 * yields nothing. Time is the {@code Timestamp} header when Asterisk sends one
 * ({@code timestampevents=yes}), else the arrival time. One per reader thread.
 */
public final class CallEventMapper {

    static final String CHANNEL = "call-event";
    private static final int MAX_LIVE = 10_000;

    private final Sensor sensor;
    private final EndpointLocations locations;
    /** Channels we reported as started and not yet ended: channel name to endpoint key. */
    private final Map<String, Live> live = new LinkedHashMap<>(64, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Live> eldest) {
            return size() > MAX_LIVE;
        }
    };

    private record Live(String endpoint, InetAddress address) {
    }

    public CallEventMapper(String connectionName, EndpointLocations locations) {
        this.sensor = new Sensor(Sensor.Kind.AMI, connectionName);
        this.locations = locations;
    }

    /** Returns the call event, or null when the frame is not one or its address is unknown. */
    public SecurityEvent map(AmiFrame f, Instant receivedAt) {
        String event = f.event();
        if (event == null) {
            return null;
        }
        return switch (event) {
            case "Newchannel" -> started(f, f.getOrEmpty("Exten"), receivedAt);
            case "DialBegin" -> started(f, f.getOrEmpty("DialString"), receivedAt);
            case "Hangup" -> ended(f, parseCause(f.get("Cause")), receivedAt);
            case "Cdr" -> cdr(f, receivedAt);
            default -> null;
        };
    }

    private SecurityEvent started(AmiFrame f, String destination, Instant receivedAt) {
        String channel = f.get("Channel");
        if (channel == null || live.containsKey(channel)) {
            return null; // DialBegin after Newchannel: one call, one start
        }
        String endpoint = EndpointLocations.endpointOfChannel(channel);
        if (endpoint == null) {
            return null;
        }
        InetAddress address = locations.lastAuth(endpoint).map(EndpointLocations.Sighting::address).orElse(null);
        if (address == null) {
            return null;
        }
        live.put(channel, new Live(endpoint, address));
        return new CallStarted(meta(f, endpoint, address, receivedAt), channel, name(endpoint), destination,
                f.getOrEmpty("Context"));
    }

    private SecurityEvent ended(AmiFrame f, int cause, Instant receivedAt) {
        String channel = f.get("Channel");
        if (channel == null) {
            return null;
        }
        Live l = live.remove(channel);
        if (l == null) {
            return null;
        }
        return new CallEnded(meta(f, l.endpoint(), l.address(), receivedAt), channel, name(l.endpoint()), cause);
    }

    /**
     * A Cdr precedes the Hangup of a call we saw start (the Hangup ends it, with its cause); it
     * only speaks for calls whose start we missed (connected mid-call, or class call not granted).
     */
    private SecurityEvent cdr(AmiFrame f, Instant receivedAt) {
        String channel = f.get("Channel");
        if (channel == null || live.containsKey(channel)) {
            return null;
        }
        String endpoint = EndpointLocations.endpointOfChannel(channel);
        InetAddress address = endpoint == null ? null
                : locations.lastAuth(endpoint).map(EndpointLocations.Sighting::address).orElse(null);
        if (address == null) {
            return null;
        }
        return new CallEnded(meta(f, endpoint, address, receivedAt), channel, name(endpoint), 0);
    }

    private EventMeta meta(AmiFrame f, String endpoint, InetAddress address, Instant receivedAt) {
        Instant t = EventTimes.parseTimestamp(f.get("Timestamp"));
        Stack stack = endpoint.startsWith("PJSIP/") ? Stack.PJSIP
                : endpoint.startsWith("IAX2/") ? Stack.IAX2 : Stack.CHAN_SIP;
        int port = locations.sightings(endpoint).stream()
                .filter(s -> s.address().equals(address)).mapToInt(EndpointLocations.Sighting::port).findFirst().orElse(0);
        return new EventMeta(t == null ? receivedAt : t, stack, new Source(address, port, Transport.UNKNOWN), sensor,
                f.getOrEmpty("Uniqueid"), CHANNEL);
    }

    private static String name(String endpoint) {
        return endpoint.substring(endpoint.indexOf('/') + 1);
    }

    private static int parseCause(String s) {
        if (s == null || s.isEmpty() || s.length() > 4) {
            return 0;
        }
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    int liveCalls() {
        return live.size();
    }
}
