package io.sipwarden.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sipwarden.event.AuthFailure;
import io.sipwarden.event.AuthSuccess;
import io.sipwarden.event.CallEnded;
import io.sipwarden.event.CallStarted;
import io.sipwarden.event.EventMeta;
import io.sipwarden.event.RequestSeen;
import io.sipwarden.event.SecurityEvent;
import io.sipwarden.event.Sensor;
import io.sipwarden.event.Source;
import io.sipwarden.event.Stack;
import io.sipwarden.event.TrapPortTouched;
import io.sipwarden.event.Transport;
import io.sipwarden.net.Addresses;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads security events written in our own EVE format (the inverse of EveFormat.writeEvent). */
public final class EveEvents {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EveEvents() {
    }

    public static List<SecurityEvent> read(Path ndjson) throws IOException {
        List<SecurityEvent> out = new ArrayList<>();
        int n = 0;
        for (String line : Files.readAllLines(ndjson)) {
            n++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            try {
                out.add(parse(JSON.readTree(line)));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(ndjson + ":" + n + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    public static SecurityEvent parse(JsonNode j) {
        String type = j.get("event_type").asText();
        Stack stack = Stack.valueOf(text(j, "stack", "pjsip").toUpperCase(Locale.ROOT));
        Source src = Source.of(Addresses.parse(j.get("src_ip").asText()), j.path("src_port").asInt(0),
                Transport.parse(text(j, "proto", "UDP")));
        JsonNode s = j.path("sensor");
        Sensor sensor = new Sensor(Sensor.Kind.valueOf(text(s, "kind", "log").toUpperCase(Locale.ROOT)), text(s, "name", "test"));
        EventMeta meta = new EventMeta(Instant.parse(j.get("timestamp").asText()), stack, src, sensor,
                text(j, "correlation", ""), "security-event");
        JsonNode o = j.path(type);
        return switch (type) {
            case "auth_failure" -> new AuthFailure(meta, text(o, "account", ""),
                    AuthFailure.Reason.valueOf(text(o, "reason", "other").toUpperCase(Locale.ROOT)), text(o, "client", ""));
            case "auth_success" -> new AuthSuccess(meta, text(o, "account", ""), o.path("using_password").asBoolean(true));
            case "request" -> new RequestSeen(meta, text(o, "method", "OPTIONS"), text(o, "target", ""), text(o, "client", ""));
            case "call" -> text(o, "state", "started").equals("ended")
                    ? new CallEnded(meta, text(o, "channel", ""), text(o, "endpoint", ""), o.path("cause").asInt(0))
                    : new CallStarted(meta, text(o, "channel", ""), text(o, "endpoint", ""), text(o, "destination", ""),
                    text(o, "context", ""));
            case "trap" -> new TrapPortTouched(meta, o.path("port").asInt(0));
            default -> throw new IllegalArgumentException("unknown event_type " + type);
        };
    }

    private static String text(JsonNode j, String field, String dflt) {
        JsonNode v = j.get(field);
        return v == null || v.isNull() ? dflt : v.asText();
    }
}
