package io.sipwarden.acceptance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

/** The decisions {@code replay --json} (flat) or {@code bans list --json} (EVE records) printed, one a line. */
final class Bans {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The fields the acceptance tests look at. */
    record Ban(String action, String scope, String rule, String reason, Instant until, Instant firstEvidence,
               Instant lastEvidence) {
    }

    private Bans() {
    }

    static List<Ban> parse(String ndjson) {
        return ndjson.lines().filter(l -> !l.isBlank()).map(Bans::one).toList();
    }

    private static Ban one(String line) {
        try {
            // bans list --json prints EVE decision records (fields under "decision"); replay --json
            // prints flat lines with src_ip, rule, until and reason at the top.
            JsonNode root = JSON.readTree(line);
            JsonNode d = root.has("decision") ? root.path("decision") : root;
            if (!d.has("rule") || !d.has("until") || !d.has("reason") || !root.has("src_ip")) {
                throw new IllegalArgumentException("not a decision record: " + line);
            }
            return new Ban(d.path("action").asText(), d.path("scope").asText(), d.path("rule").asText(),
                    d.path("reason").asText(), instant(d, "until"), instant(d, "first_evidence"),
                    instant(d, "last_evidence"));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException("not JSON: " + line, e);
        }
    }

    private static Instant instant(JsonNode d, String field) {
        JsonNode v = d.get(field);
        return v == null || v.isNull() ? null : Instant.parse(v.asText());
    }
}
