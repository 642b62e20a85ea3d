package io.sipwarden.enforce.ami;

import io.sipwarden.decision.Decision;
import io.sipwarden.decision.Origin;
import io.sipwarden.decision.Texts;
import io.sipwarden.endpoint.EndpointLocations;
import io.sipwarden.net.Addresses;
import io.sipwarden.net.Cidr;
import io.sipwarden.sensor.ami.AmiAction;
import io.sipwarden.sensor.ami.AmiClient;
import io.sipwarden.sensor.ami.AmiResponse;
import io.sipwarden.sensor.ami.AmiSettings;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Hangs up the live calls of a banned address: lists the channels ({@code CoreShowChannels}),
 * asks Asterisk for each SIP/IAX2 channel's real remote address ({@code Getvar} of
 * {@code CHANNEL(pjsip,remote_addr)}, {@code CHANNEL(recvip)}, {@code CHANNEL(peerip)}) and
 * hangs up those inside the decision's scope. Where Asterisk will not tell (no {@code call}
 * write permission for Getvar), it falls back to the endpoint map: a channel is hung up only when
 * every address its endpoint recently authenticated from is inside the scope, so a legitimate
 * user of the same account elsewhere keeps the call. Channel names are never parsed for
 * addresses (a guest channel is named after the attacker's From host). Blocks on AMI answers:
 * never call it on an AMI reader thread.
 */
public final class CallControl {
    private static final System.Logger LOG = System.getLogger(CallControl.class.getName());
    static final int MAX_CHANNELS = 2000;

    /** What was done to one channel. */
    public enum Outcome { HUNG_UP, OTHER_ADDRESS, AMBIGUOUS, FAILED }

    /** One channel looked at, and why it was (not) hung up. */
    public record Action(String channel, String endpoint, Outcome outcome, String detail) {
    }

    /** Everything done for one decision. */
    public record Report(String decisionId, String scope, String rule, List<Action> actions, String error) {
        public long hungUp() {
            return actions.stream().filter(a -> a.outcome() == Outcome.HUNG_UP).count();
        }
    }

    private final AmiSettings.CallControl settings;
    private final EndpointLocations locations;
    private final Duration timeout;

    public CallControl(AmiSettings.CallControl settings, EndpointLocations locations, Duration timeout) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.locations = Objects.requireNonNull(locations, "locations");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /** Whether this decision should hang up calls: a ban by a detector rule listed in {@code on_rules}. */
    public boolean appliesTo(Decision d) {
        return d.type() == Decision.Type.BAN && d.origin().kind() == Origin.Kind.DETECTOR
                && settings.appliesTo(d.origin().name());
    }

    /** Hangs up the calls of the decision's scope on one PBX, and says what it did. */
    public Report apply(Decision d, AmiClient ami) {
        String rule = d.origin().name();
        if (!appliesTo(d)) {
            return new Report(d.id(), d.scope().toString(), rule, List.of(), "");
        }
        List<String> channels;
        try {
            AmiResponse r = get(ami.send(AmiAction.of("CoreShowChannels")));
            if (!r.isSuccess()) {
                return failed(d, "CoreShowChannels refused: " + Texts.safe(r.message(), 80)
                        + " (the AMI user needs write=reporting or system)");
            }
            channels = r.items().stream().map(f -> f.get("Channel")).filter(Objects::nonNull)
                    .filter(c -> EndpointLocations.endpointOfChannel(c) != null).limit(MAX_CHANNELS).toList();
        } catch (Exception e) {
            return failed(d, ami.name() + ": cannot list channels: " + e.getMessage());
        }
        // Ask for every candidate's remote address at once; Asterisk answers in order.
        Map<String, CompletableFuture<AmiResponse>> asks = new LinkedHashMap<>();
        for (String ch : channels) {
            asks.put(ch, ami.send(AmiAction.of("Getvar").with("Channel", ch).with("Variable", addressVariable(ch))));
        }
        List<Action> actions = new ArrayList<>();
        for (var e : asks.entrySet()) {
            Action a = decide(d.scope(), e.getKey(), e.getValue());
            if (a.outcome() == Outcome.HUNG_UP) {
                a = hangup(ami, a);
            }
            if (a.outcome() != Outcome.OTHER_ADDRESS) {
                LOG.log(a.outcome() == Outcome.HUNG_UP ? Level.INFO : Level.WARNING,
                        "call control ({0} {1}, decision {2}): {3} {4}: {5}", rule, d.scope(), d.id(),
                        a.outcome(), Texts.safe(a.channel(), 80), a.detail());
            }
            actions.add(a);
        }
        return new Report(d.id(), d.scope().toString(), rule, actions, "");
    }

    private Action decide(Cidr scope, String channel, CompletableFuture<AmiResponse> ask) {
        String endpoint = EndpointLocations.endpointOfChannel(channel);
        InetAddress remote = null;
        try {
            AmiResponse r = get(ask);
            if (r.isSuccess()) {
                remote = parseRemote(r.response().getOrEmpty("Value"));
            }
        } catch (Exception e) {
            // fall back to the endpoint map below
        }
        if (remote != null) {
            return scope.contains(remote)
                    ? new Action(channel, endpoint, Outcome.HUNG_UP, "remote address " + remote.getHostAddress())
                    : new Action(channel, endpoint, Outcome.OTHER_ADDRESS, "remote address " + remote.getHostAddress());
        }
        List<EndpointLocations.Sighting> seen = locations.sightings(endpoint).stream()
                .filter(s -> s.via() == EndpointLocations.Via.AUTH).toList();
        long inside = seen.stream().filter(s -> scope.contains(s.address())).count();
        if (inside == 0) {
            return new Action(channel, endpoint, Outcome.OTHER_ADDRESS, "remote address unknown; endpoint not seen there");
        }
        if (inside < seen.size()) {
            return new Action(channel, endpoint, Outcome.AMBIGUOUS,
                    "remote address unknown and the endpoint was also seen elsewhere: left up");
        }
        return new Action(channel, endpoint, Outcome.HUNG_UP, "endpoint only seen from the banned scope");
    }

    private Action hangup(AmiClient ami, Action a) {
        try {
            AmiResponse r = get(ami.send(AmiAction.of("Hangup").with("Channel", a.channel()).with("Cause", "21")));
            if (r.isSuccess()) {
                return a;
            }
            return new Action(a.channel(), a.endpoint(), Outcome.FAILED, "Hangup refused: " + Texts.safe(r.message(), 80)
                    + " (" + a.detail() + ")");
        } catch (Exception e) {
            return new Action(a.channel(), a.endpoint(), Outcome.FAILED, "Hangup failed: " + e.getMessage());
        }
    }

    private Report failed(Decision d, String error) {
        LOG.log(Level.WARNING, "call control ({0} {1}, decision {2}): {3}", d.origin().name(), d.scope(), d.id(), error);
        return new Report(d.id(), d.scope().toString(), d.origin().name(), List.of(), error);
    }

    private AmiResponse get(CompletableFuture<AmiResponse> f) throws Exception {
        try {
            return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception x ? x : e;
        } catch (TimeoutException e) {
            throw new TimeoutException("no answer within " + timeout.toMillis() + " ms");
        }
    }

    /** The dialplan function that holds a channel's real peer address, by technology. */
    static String addressVariable(String channel) {
        if (channel.startsWith("PJSIP/")) {
            return "CHANNEL(pjsip,remote_addr)";
        }
        if (channel.startsWith("IAX2/")) {
            return "CHANNEL(peerip)";
        }
        return "CHANNEL(recvip)";
    }

    /** {@code 10.77.0.2:5060}, {@code [fd77::2]:5060}, {@code fd77::2} or {@code 10.77.0.2}; null if none. */
    static InetAddress parseRemote(String v) {
        String s = v.strip();
        if (s.isEmpty()) {
            return null;
        }
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            return close < 0 ? null : Addresses.tryParse(s.substring(1, close));
        }
        int colon = s.indexOf(':');
        if (colon >= 0 && colon == s.lastIndexOf(':')) {
            s = s.substring(0, colon); // v4 with port
        }
        return Addresses.tryParse(s);
    }
}
