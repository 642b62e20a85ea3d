package io.sipwarden.sensor.ami;

import io.sipwarden.event.AuthFailure;
import io.sipwarden.event.AuthSuccess;
import io.sipwarden.event.EventMeta;
import io.sipwarden.event.SecurityEvent;
import io.sipwarden.event.Sensor;
import io.sipwarden.event.Source;
import io.sipwarden.event.Stack;
import io.sipwarden.event.Transport;
import io.sipwarden.net.Addresses;
import java.net.InetAddress;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Maps Asterisk security events (AMI class {@code security}) to {@link SecurityEvent}s.
 * The address comes only from {@code RemoteAddress}; {@code AccountID} and {@code SessionID}
 * (the SIP Call-ID) are attacker-controlled and only carried as data. Not thread-safe (one per
 * reader thread): it keeps a small cache of parsed addresses, since floods repeat a few sources.
 */
public final class SecurityEventMapper {

    /** The {@link EventMeta#channel()} of everything this mapper produces. */
    public static final String CHANNEL = "security-event";

    /** What happened to one frame; lets the caller count without exceptions on the hot path. */
    public enum Outcome { MAPPED, NOT_SECURITY, IGNORED, UNKNOWN_SERVICE, BAD_ADDRESS, BAD_TIME }

    private static final int CACHE_MAX = 4096;

    private final Sensor sensor;
    private final Map<String, InetAddress> addressCache = new HashMap<>();
    private Outcome lastOutcome = Outcome.NOT_SECURITY;

    public SecurityEventMapper(String connectionName) {
        this.sensor = new Sensor(Sensor.Kind.AMI, connectionName);
    }

    public Sensor sensor() {
        return sensor;
    }

    /** Why the last {@link #map} returned what it did. */
    public Outcome lastOutcome() {
        return lastOutcome;
    }

    /**
     * @param frame      an AMI event
     * @param receivedAt when it arrived, used only if the event carries no usable {@code EventTV}
     * @return the event, or null (see {@link #lastOutcome()} for why)
     */
    public SecurityEvent map(AmiFrame frame, Instant receivedAt) {
        String name = frame.event();
        Kind kind = name == null ? null : KINDS.get(name);
        if (kind == null) {
            lastOutcome = Outcome.NOT_SECURITY;
            return null;
        }
        if (kind == Kind.NONE) {
            lastOutcome = Outcome.IGNORED;
            return null;
        }
        Stack stack = stack(frame);
        if (stack == null) {
            lastOutcome = Outcome.UNKNOWN_SERVICE;
            return null;
        }
        Source source = source(frame.get("RemoteAddress"));
        if (source == null) {
            lastOutcome = Outcome.BAD_ADDRESS;
            return null;
        }
        Instant time = EventTimes.parseEventTv(frame.get("EventTV"));
        lastOutcome = Outcome.MAPPED;
        if (time == null) {
            time = EventTimes.parseTimestamp(frame.get("Timestamp"));
            if (time == null) {
                time = receivedAt;
            }
            lastOutcome = Outcome.BAD_TIME; // still mapped, with the fallback time
        }
        String correlation = stack == Stack.PJSIP ? frame.getOrEmpty("SessionID") : "";
        EventMeta meta = new EventMeta(time, stack, source, sensor, correlation, CHANNEL);
        String account = frame.getOrEmpty("AccountID");
        return switch (kind) {
            case SUCCESS -> new AuthSuccess(meta, account, frame.is("UsingPassword", "1"));
            case WRONG_PASSWORD -> new AuthFailure(meta, account, AuthFailure.Reason.WRONG_PASSWORD, "");
            case UNKNOWN_ACCOUNT -> new AuthFailure(meta, account, AuthFailure.Reason.UNKNOWN_ACCOUNT, "");
            case ACL_DENIED -> new AuthFailure(meta, account, AuthFailure.Reason.ACL_DENIED, "");
            case BAD_REQUEST -> new AuthFailure(meta, account, AuthFailure.Reason.BAD_REQUEST, "");
            case OTHER -> new AuthFailure(meta, account, AuthFailure.Reason.OTHER, "");
            case NONE -> throw new IllegalStateException("unreachable");
        };
    }

    private static Stack stack(AmiFrame f) {
        if (f.is("Service", "PJSIP")) {
            return Stack.PJSIP;
        }
        if (f.is("Service", "SIP")) {
            return Stack.CHAN_SIP;
        }
        if (f.is("Service", "AMI")) {
            return Stack.MANAGER;
        }
        return null;
    }

    /**
     * Parses {@code IPV4|IPV6[/transport]/<addr>/<port>}. IPv6 comes without brackets and holds
     * no '/', so the port is after the last '/', the address after the one before it.
     */
    Source source(String remote) {
        if (remote == null) {
            return null;
        }
        int last = remote.lastIndexOf('/');
        if (last <= 0) {
            return null;
        }
        int prev = remote.lastIndexOf('/', last - 1);
        if (prev < 0) {
            return null;
        }
        int port = port(remote, last + 1);
        if (port < 0) {
            return null;
        }
        int first = remote.indexOf('/');
        Transport transport = first < prev
                ? Transport.parse(remote.substring(first + 1, prev))
                : Transport.UNKNOWN;
        String family = remote.substring(0, first);
        if (!family.equalsIgnoreCase("IPV4") && !family.equalsIgnoreCase("IPV6")) {
            return null;
        }
        InetAddress address = address(remote.substring(prev + 1, last));
        return address == null ? null : new Source(address, port, transport);
    }

    private InetAddress address(String text) {
        InetAddress a = addressCache.get(text);
        if (a == null) {
            a = Addresses.tryParse(text);
            if (a == null) {
                return null;
            }
            if (addressCache.size() >= CACHE_MAX) {
                addressCache.clear();
            }
            addressCache.put(text, a);
        }
        return a;
    }

    private static int port(String s, int from) {
        int n = s.length() - from;
        if (n < 1 || n > 5) {
            return -1;
        }
        int v = 0;
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v <= 65535 ? v : -1;
    }

    private enum Kind { SUCCESS, WRONG_PASSWORD, UNKNOWN_ACCOUNT, ACL_DENIED, BAD_REQUEST, OTHER, NONE }

    /** Every security event of Asterisk's framework (reference §2), and what it becomes. */
    private static final Map<String, Kind> KINDS = Map.ofEntries(
            Map.entry("FailedACL", Kind.ACL_DENIED),
            Map.entry("InvalidAccountID", Kind.UNKNOWN_ACCOUNT),
            Map.entry("SessionLimit", Kind.OTHER),
            Map.entry("MemoryLimit", Kind.OTHER),
            Map.entry("LoadAverageLimit", Kind.OTHER),
            Map.entry("RequestNotSupported", Kind.BAD_REQUEST),
            Map.entry("RequestNotAllowed", Kind.BAD_REQUEST),
            Map.entry("AuthMethodNotAllowed", Kind.BAD_REQUEST),
            Map.entry("RequestBadFormat", Kind.BAD_REQUEST),
            Map.entry("SuccessfulAuth", Kind.SUCCESS),
            Map.entry("UnexpectedAddress", Kind.ACL_DENIED),
            Map.entry("ChallengeResponseFailed", Kind.WRONG_PASSWORD),
            Map.entry("InvalidPassword", Kind.WRONG_PASSWORD),
            // Every normal authenticated request produces one: never a failure.
            Map.entry("ChallengeSent", Kind.NONE),
            Map.entry("InvalidTransport", Kind.BAD_REQUEST));
}
