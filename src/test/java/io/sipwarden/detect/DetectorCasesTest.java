package io.sipwarden.detect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sipwarden.decision.Decision;
import io.sipwarden.engine.EngineSettings;
import io.sipwarden.engine.EveEvents;
import io.sipwarden.engine.MapGeo;
import io.sipwarden.engine.MapPolicy;
import io.sipwarden.engine.Replay;
import io.sipwarden.engine.ReplayResult;
import io.sipwarden.event.SecurityEvent;
import io.sipwarden.policy.Verdict;
import io.sipwarden.time.DurationText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Data-folder detector tests: each folder under src/test/resources/detect/ holds events.ndjson
 * (EVE events in), expected.txt ("RULE ADDRESS BAN-LENGTH" per decision, in order) and optionally
 * case.json (trusted addresses, fixed policy verdicts, settings). One dynamic test per folder;
 * run one with -Dsipwarden.case=NAME.
 */
class DetectorCasesTest {
    private static final Path ROOT = Path.of("src/test/resources/detect");
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @TestFactory
    Stream<DynamicTest> cases() throws IOException {
        String only = System.getProperty("sipwarden.case", "");
        List<Path> dirs;
        try (Stream<Path> s = Files.list(ROOT)) {
            dirs = s.filter(Files::isDirectory).filter(d -> only.isEmpty() || d.getFileName().toString().equals(only)).sorted().toList();
        }
        assertThat(dirs).as("detector case folders").isNotEmpty();
        return dirs.stream().map(d -> DynamicTest.dynamicTest(d.getFileName().toString(), () -> run(d)));
    }

    /** "RULE ADDRESS LENGTH" with the address in the form Cidr prints (IPv6 uncompressed). */
    private static String canonical(String line) {
        String[] p = line.split("\\s+");
        return p[0] + " " + io.sipwarden.net.Cidr.parse(p[1]) + " " + p[2];
    }

    static void run(Path dir) throws IOException {
        List<SecurityEvent> events = EveEvents.read(dir.resolve("events.ndjson"));
        MapPolicy policy = new MapPolicy();
        MapGeo geo = new MapGeo();
        EngineSettings settings = EngineSettings.defaults();
        Path caseFile = dir.resolve("case.json");
        if (Files.exists(caseFile)) {
            JsonNode c = JSON.readTree(caseFile.toFile());
            c.path("trusted").forEach(t -> policy.trust(t.asText()));
            c.path("verdicts").forEach(v -> policy.verdict(v.get("address").asText(), v.path("endpoint").asText(""),
                    Verdict.Outcome.valueOf(v.get("outcome").asText().toUpperCase(Locale.ROOT)), v.path("why").asText("test")));
            c.path("geo").properties().forEach(e -> geo.put(e.getKey(), e.getValue().get(0).asText(), e.getValue().get(1).asText()));
            if (c.has("settings")) {
                settings = JSON.treeToValue(c.get("settings"), EngineSettings.class);
            }
        }
        ReplayResult result = Replay.run(events.iterator(), settings, policy, geo);
        List<String> actual = new ArrayList<>();
        for (Decision d : result.decisions()) {
            actual.add(d.origin().name() + " " + d.scope() + " " + DurationText.format(Duration.between(d.created(), d.until())));
        }
        List<String> expected = Files.readAllLines(dir.resolve("expected.txt")).stream()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).map(DetectorCasesTest::canonical).toList();
        assertThat(actual).as("decisions of %s (reasons: %s)", dir.getFileName(),
                result.decisions().stream().map(Decision::reason).toList()).containsExactlyElementsOf(expected);
        assertThat(result.stats().events()).as("events counted").isEqualTo(events.size());
    }
}
