package io.sipwarden.sensor.ami;

import io.sipwarden.decision.Texts;
import io.sipwarden.endpoint.EndpointLocations;
import io.sipwarden.event.AuthSuccess;
import io.sipwarden.event.SecurityEvent;
import io.sipwarden.sensor.EventSink;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * What the reader thread does with an event frame: map it (security, then call events), record
 * successful authentications in the endpoint map, offer the result to the bounded queue, count
 * and (rate-limited) log what it had to skip, and tell the listeners. Nothing here blocks.
 */
final class FrameDispatcher {
    private static final System.Logger LOG = System.getLogger(AmiClient.class.getName());
    private static final long BAD_LOG_NANOS = 10_000_000_000L;

    private final String name;
    private final SecurityEventMapper securityMapper;
    private final CallEventMapper callMapper;
    private final EndpointLocations locations;
    private final List<Consumer<AmiFrame>> listeners;
    private final AtomicLong securityEvents = new AtomicLong();
    private final AtomicLong callEvents = new AtomicLong();
    private final AtomicLong badEvents = new AtomicLong();
    private long lastBadLog = System.nanoTime() - BAD_LOG_NANOS;
    private volatile EventSink sink = e -> { };

    FrameDispatcher(String name, SecurityEventMapper securityMapper, CallEventMapper callMapper,
                    EndpointLocations locations, List<Consumer<AmiFrame>> listeners) {
        this.name = name;
        this.securityMapper = securityMapper;
        this.callMapper = callMapper;
        this.locations = locations;
        this.listeners = listeners;
    }

    void sink(EventSink s) {
        this.sink = s;
    }

    void dispatch(AmiFrame f, Instant now) {
        SecurityEvent e = securityMapper.map(f, now);
        switch (securityMapper.lastOutcome()) {
            case MAPPED, BAD_TIME -> {
                securityEvents.incrementAndGet();
                if (e instanceof AuthSuccess ok) {
                    locations.record(ok);
                }
                sink.accept(e);
            }
            case NOT_SECURITY -> {
                SecurityEvent call = callMapper.map(f, now);
                if (call != null) {
                    callEvents.incrementAndGet();
                    sink.accept(call);
                } else if (f.is("Event", "Shutdown")) {
                    LOG.log(Level.WARNING, name + ": Asterisk announced shutdown (Shutdown: "
                            + Texts.safe(f.getOrEmpty("Shutdown"), 20) + ", Restart: "
                            + Texts.safe(f.getOrEmpty("Restart"), 20) + "); will reconnect");
                }
            }
            case IGNORED -> {
                // ChallengeSent: every normal authenticated request produces one.
            }
            case UNKNOWN_SERVICE, BAD_ADDRESS -> skipped(f);
        }
        for (Consumer<AmiFrame> l : listeners) {
            try {
                l.accept(f);
            } catch (RuntimeException ex) {
                LOG.log(Level.ERROR, name + ": event listener failed", ex);
            }
        }
    }

    private void skipped(AmiFrame f) {
        long n = badEvents.incrementAndGet();
        long t = System.nanoTime();
        if (t - lastBadLog >= BAD_LOG_NANOS) {
            lastBadLog = t;
            LOG.log(Level.WARNING, name + ": security event " + Texts.safe(f.event(), 40) + " skipped ("
                    + securityMapper.lastOutcome() + ", Service '" + Texts.safe(f.getOrEmpty("Service"), 20)
                    + "', RemoteAddress '" + Texts.safe(f.getOrEmpty("RemoteAddress"), 80) + "'); " + n
                    + " skipped so far");
        }
    }

    long securityEvents() {
        return securityEvents.get();
    }

    long callEvents() {
        return callEvents.get();
    }

    long badEvents() {
        return badEvents.get();
    }
}
