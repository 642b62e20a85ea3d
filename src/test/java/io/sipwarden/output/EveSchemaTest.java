package io.sipwarden.output;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.sipwarden.detect.DetectorSettings;
import io.sipwarden.engine.EngineSettings;
import io.sipwarden.engine.EveEvents;
import io.sipwarden.engine.MapGeo;
import io.sipwarden.engine.MapPolicy;
import io.sipwarden.engine.Outlets;
import io.sipwarden.engine.Replay;
import io.sipwarden.event.SecurityEvent;
import io.sipwarden.policy.Verdict;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EveSchemaTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void realOutputValidatesAgainstTheSchemaAndHostileTextStaysData() throws Exception {
        List<SecurityEvent> events = new ArrayList<>();
        for (String c : new String[] {"s04-svcrack-brute-force", "s07-roaming-legit", "s11-ami-login-guessing", "hostile-client-text",
                "scanner-user-agent", "geolock-stolen-password"}) {
            events.addAll(EveEvents.read(Path.of("src/test/resources/detect", c, "events.ndjson")));
        }
        // An alert-only rule so "alert" records appear too; geo so "geo" objects appear.
        EngineSettings settings = new EngineSettings(new DetectorSettings(null, null, null, null,
                new DetectorSettings.Scanner(true, DetectorSettings.Action.ALERT, null, null), null, null, null), null, null, null, null);
        MapPolicy policy = new MapPolicy().verdict("203.0.113.50", "alice", Verdict.Outcome.OUTSIDE_ENDPOINT_AREA, "BR not allowed");
        MapGeo geo = new MapGeo().put("203.0.113.50", "SA", "BR");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        EveOutput out = EveOutput.to(bytes, true);
        var result = Replay.run(events.iterator(), settings, policy, geo, List.of(), List.of(Outlets.eve(out)));
        out.close();

        JsonSchema schema;
        try (InputStream in = EveSchemaTest.class.getResourceAsStream("/schema/eve.schema.json")) {
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        String[] lines = text.split("\n");
        assertThat(lines.length).isEqualTo(events.size() + result.decisions().size() + result.stats().alerts());
        Set<String> types = new java.util.TreeSet<>();
        for (String line : lines) {
            assertThat(line.chars().noneMatch(ch -> ch < 0x20)).as("no raw control characters: %s", line).isTrue();
            JsonNode node = JSON.readTree(line);
            Set<ValidationMessage> errors = schema.validate(node);
            assertThat(errors).as("schema errors for %s", line).isEmpty();
            types.add(node.get("event_type").asText());
        }
        assertThat(types).containsExactlyInAnyOrder("auth_failure", "auth_success", "request", "decision", "alert");
        // The hostile client comes back byte for byte: escaped on output, never interpreted.
        JsonNode hostile = JSON.readTree(java.util.Arrays.stream(lines).filter(l -> l.contains("198.51.100.42")).findFirst().orElseThrow());
        assertThat(hostile.at("/auth_failure/client").asText()).isEqualTo("\u001b[31mFriendly-Scanner\u001b[0m \"\\ \u00e9\u4e2d");
        assertThat(hostile.at("/auth_failure/account").asText()).isEqualTo("100\u0000\"x");
    }

    @Test
    void loneSurrogatesCannotBreakALine() {
        assertThat(EveFormat.wellFormed("a\uD800b")).isEqualTo("a\uFFFDb");
        assertThat(EveFormat.wellFormed("ok \uD83D\uDE00")).isEqualTo("ok \uD83D\uDE00");
    }
}
