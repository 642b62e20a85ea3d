package io.sipwarden.output;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.sipwarden.decision.Decision;
import io.sipwarden.detect.EnrichedEvent;
import io.sipwarden.detect.Finding;
import io.sipwarden.event.AuthFailure;
import io.sipwarden.event.AuthSuccess;
import io.sipwarden.event.CallEnded;
import io.sipwarden.event.CallStarted;
import io.sipwarden.event.EventMeta;
import io.sipwarden.event.RequestSeen;
import io.sipwarden.event.SecurityEvent;
import io.sipwarden.event.TrapPortTouched;
import io.sipwarden.geo.GeoLocation;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Locale;

/**
 * Suricata-style EVE records (src/main/resources/schema/eve.schema.json): a common header
 * ({@code timestamp}, {@code event_type}, {@code src_ip}, {@code src_port}, {@code proto}, ...)
 * then an object named after the event type. Written by Jackson's streaming generator, which
 * escapes control characters in hostile text; lone surrogates are replaced first so a broken
 * string can never break a line. Secrets never reach events, so none can be written.
 */
public final class EveFormat {
    private static final JsonFactory JSON = new JsonFactory();

    private EveFormat() {
    }

    public static JsonFactory factory() {
        return JSON;
    }

    public static String eventType(SecurityEvent e) {
        return switch (e) {
            case AuthFailure f -> "auth_failure";
            case AuthSuccess s -> "auth_success";
            case RequestSeen r -> "request";
            case CallStarted c -> "call";
            case CallEnded c -> "call";
            case TrapPortTouched t -> "trap";
        };
    }

    /** One event record (no line end). */
    public static void writeEvent(JsonGenerator g, EnrichedEvent ee) throws IOException {
        SecurityEvent e = ee.event();
        String type = eventType(e);
        g.writeStartObject();
        header(g, e.time(), type, e.meta());
        geo(g, ee.location());
        g.writeObjectFieldStart("policy");
        g.writeStringField("outcome", lower(ee.verdict().outcome().name()));
        text(g, "step", ee.verdict().step());
        g.writeEndObject();
        g.writeObjectFieldStart(type);
        switch (e) {
            case AuthFailure f -> {
                text(g, "account", f.account());
                g.writeStringField("reason", lower(f.reason().name()));
                text(g, "client", f.client());
            }
            case AuthSuccess s -> {
                text(g, "account", s.account());
                g.writeBooleanField("using_password", s.usingPassword());
            }
            case RequestSeen r -> {
                text(g, "method", r.method());
                text(g, "target", r.target());
                text(g, "client", r.client());
            }
            case CallStarted c -> {
                g.writeStringField("state", "started");
                text(g, "channel", c.channel());
                text(g, "endpoint", c.endpoint());
                text(g, "destination", c.destination());
                text(g, "context", c.context());
            }
            case CallEnded c -> {
                g.writeStringField("state", "ended");
                text(g, "channel", c.channel());
                text(g, "endpoint", c.endpoint());
                g.writeNumberField("cause", c.cause());
            }
            case TrapPortTouched t -> g.writeNumberField("port", t.port());
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    /** One alert record: a finding of a rule configured to alert only. */
    public static void writeAlert(JsonGenerator g, Finding f, EnrichedEvent cause) throws IOException {
        g.writeStartObject();
        header(g, f.last(), "alert", cause.event().meta());
        geo(g, cause.location());
        g.writeObjectFieldStart("alert");
        g.writeStringField("rule", f.rule());
        g.writeNumberField("revision", f.revision());
        g.writeStringField("severity", lower(f.severity().name()));
        text(g, "reason", f.reason());
        text(g, "endpoint", f.endpoint());
        time(g, "first_evidence", f.first());
        g.writeNumberField("evidence", f.evidence());
        g.writeEndObject();
        g.writeEndObject();
    }

    /** One decision record; {@code src_ip} is the scope's (first) address. */
    public static void writeDecision(JsonGenerator g, Decision d) throws IOException {
        g.writeStartObject();
        time(g, "timestamp", d.created());
        g.writeStringField("event_type", "decision");
        g.writeStringField("src_ip", d.scope().network().getHostAddress());
        geo(g, d.location());
        g.writeObjectFieldStart("decision");
        g.writeStringField("id", d.id());
        g.writeStringField("action", lower(d.type().name()));
        g.writeStringField("scope", d.scope().toString());
        g.writeStringField("origin", lower(d.origin().kind().name()));
        text(g, "rule", d.origin().name());
        g.writeNumberField("revision", d.origin().revision());
        text(g, "reason", d.reason());
        time(g, "until", d.until());
        g.writeNumberField("duration_s", d.until().getEpochSecond() - d.created().getEpochSecond());
        time(g, "first_evidence", d.firstEvidence());
        time(g, "last_evidence", d.lastEvidence());
        g.writeEndObject();
        g.writeEndObject();
    }

    /** The event as one JSON text (for the store's recent events). */
    public static String eventJson(EnrichedEvent e) {
        StringWriter w = new StringWriter(256);
        try (JsonGenerator g = JSON.createGenerator(w)) {
            writeEvent(g, e);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return w.toString();
    }

    /** The decision as one JSON text (for {@code replay --json}). */
    public static String decisionJson(Decision d) {
        StringWriter w = new StringWriter(256);
        try (JsonGenerator g = JSON.createGenerator(w)) {
            writeDecision(g, d);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return w.toString();
    }

    private static void header(JsonGenerator g, Instant t, String type, EventMeta m) throws IOException {
        time(g, "timestamp", t);
        g.writeStringField("event_type", type);
        g.writeStringField("src_ip", m.source().address().getHostAddress());
        if (m.source().port() > 0) {
            g.writeNumberField("src_port", m.source().port());
        }
        g.writeStringField("proto", m.source().transport().name());
        g.writeStringField("service", lower(m.service().name()));
        g.writeStringField("stack", lower(m.stack().name()));
        g.writeObjectFieldStart("sensor");
        g.writeStringField("kind", lower(m.sensor().kind().name()));
        text(g, "name", m.sensor().name());
        g.writeEndObject();
        if (!m.correlation().isEmpty()) {
            text(g, "correlation", m.correlation());
        }
    }

    private static void geo(JsonGenerator g, GeoLocation l) throws IOException {
        if (!l.isKnown() && !l.hasCoordinates()) {
            return;
        }
        g.writeObjectFieldStart("geo");
        nonEmpty(g, "continent", l.continent());
        nonEmpty(g, "country", l.country());
        nonEmpty(g, "region", l.region());
        nonEmpty(g, "city", l.city());
        if (l.hasCoordinates()) {
            g.writeNumberField("latitude", l.latitude());
            g.writeNumberField("longitude", l.longitude());
        }
        if (l.asn() != 0) {
            g.writeNumberField("asn", l.asn());
        }
        nonEmpty(g, "org", l.org());
        g.writeEndObject();
    }

    private static void nonEmpty(JsonGenerator g, String name, String v) throws IOException {
        if (!v.isEmpty()) {
            text(g, name, v);
        }
    }

    private static void time(JsonGenerator g, String name, Instant t) throws IOException {
        g.writeStringField(name, t.toString());
    }

    /** Hostile text: Jackson escapes controls and quotes; unpaired surrogates become U+FFFD. */
    static void text(JsonGenerator g, String name, String v) throws IOException {
        g.writeStringField(name, wellFormed(v));
    }

    static String wellFormed(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isSurrogate(c)) {
                return repair(s);
            }
        }
        return s;
    }

    private static String repair(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                b.append(c).append(s.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                b.append('\uFFFD');
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
