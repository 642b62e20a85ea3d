package io.sipwarden.sensor.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sipwarden.event.AuthFailure;
import io.sipwarden.event.AuthSuccess;
import io.sipwarden.event.RequestSeen;
import io.sipwarden.event.SecurityEvent;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every annotated sample file under src/test/resources/samples (fail2ban style: an
 * annotation line before each sample line), and fails the build if any {@link LinePattern}
 * has no sample.
 */
class SampleLogTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path DIR = Path.of("src/test/resources/samples");

    /** One annotated line. */
    record Sample(Path file, int lineNo, JsonNode expected, String line) {
    }

    static List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(DIR)) {
            return s.filter(p -> p.toString().endsWith(".log")).sorted().toList();
        }
    }

    /** Reads a file's samples and runs them through one parser (state carries, as in a real file). */
    static List<Map.Entry<Sample, LineResult>> run(Path file) throws IOException {
        String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        String[] lines = text.split("\n", -1);
        JsonNode options = JSON.createObjectNode();
        if (lines.length > 0 && lines[0].startsWith("#! ")) {
            options = JSON.readTree(lines[0].substring(3));
        }
        LogFormat format = LogFormat.of(options.path("dateformat").asText(LogDateFormat.DEFAULT),
                ZoneId.of(options.path("timezone").asText("UTC")));
        InstantSource clock = InstantSource.fixed(Instant.parse(options.path("now").asText("2026-11-22T00:00:00Z")));
        LogLineParser parser = new LogLineParser("messages", format, clock);
        List<Map.Entry<Sample, LineResult>> out = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].startsWith("#> ")) {
                continue;
            }
            if (i + 1 >= lines.length) {
                fail(file + ":" + (i + 1) + ": annotation without a sample line");
            }
            Sample s = new Sample(file, i + 2, JSON.readTree(lines[i].substring(3)), lines[i + 1]);
            out.add(Map.entry(s, parser.parse(s.line())));
            i++;
        }
        assertThat(out).as(file + " has samples").isNotEmpty();
        return out;
    }

    @TestFactory
    Stream<DynamicTest> everySampleLineGivesItsAnnotatedResult() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path f : files()) {
            tests.add(DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
                for (var e : run(f)) {
                    check(e.getKey(), e.getValue());
                }
            }));
        }
        return tests.stream();
    }

    @Test
    void everyPatternHasASampleLine() throws IOException {
        Set<LinePattern> seen = EnumSet.noneOf(LinePattern.class);
        for (Path f : files()) {
            for (var e : run(f)) {
                switch (e.getValue()) {
                    case LineResult.Parsed p -> seen.add(p.pattern());
                    case LineResult.Recognized r -> seen.add(r.pattern());
                    case LineResult.Unmatched u -> { }
                }
            }
        }
        assertThat(EnumSet.complementOf(EnumSet.copyOf(seen)).stream().map(LinePattern::id).toList())
                .as("patterns without a sample line").isEmpty();
    }

    private static void check(Sample s, LineResult r) throws Exception {
        String where = s.file().getFileName() + ":" + s.lineNo() + " " + r;
        JsonNode x = s.expected();
        String result = x.path("result").asText();
        switch (r) {
            case LineResult.Unmatched u -> assertThat("unmatched").as(where).isEqualTo(result);
            case LineResult.Recognized rec -> {
                assertThat("recognized").as(where).isEqualTo(result);
                assertThat(rec.pattern().id()).as(where).isEqualTo(x.path("pattern").asText());
            }
            case LineResult.Parsed p -> {
                assertThat("parsed").as(where).isEqualTo(result);
                assertThat(p.pattern().id()).as(where).isEqualTo(x.path("pattern").asText());
                assertThat(p.events()).as(where).hasSize(x.path("events").asInt(1));
                checkEvent(where, x, p.events().getFirst());
            }
        }
    }

    private static void checkEvent(String where, JsonNode x, SecurityEvent e) throws Exception {
        var it = x.properties().iterator();
        while (it.hasNext()) {
            var f = it.next();
            String v = f.getValue().asText();
            switch (f.getKey()) {
                case "result", "pattern", "events", "comment" -> { }
                case "kind" -> assertThat(e.getClass().getSimpleName()).as(where).isEqualTo(v);
                case "stack" -> assertThat(e.meta().stack().name()).as(where).isEqualTo(v);
                case "address" -> assertThat(e.address()).as(where).isEqualTo(InetAddress.getByName(v));
                case "port" -> assertThat(e.meta().source().port()).as(where).isEqualTo(f.getValue().asInt());
                case "transport" -> assertThat(e.meta().source().transport().name()).as(where).isEqualTo(v);
                case "correlation" -> assertThat(e.meta().correlation()).as(where).isEqualTo(v);
                case "channel" -> assertThat(e.meta().channel()).as(where).isEqualTo(v);
                case "time" -> assertThat(e.time()).as(where).isEqualTo(Instant.parse(v));
                case "account" -> assertThat(switch (e) {
                    case AuthFailure a -> a.account();
                    case AuthSuccess a -> a.account();
                    default -> "(none)";
                }).as(where).isEqualTo(v);
                case "reason" -> assertThat(e).as(where).isInstanceOfSatisfying(AuthFailure.class,
                        a -> assertThat(a.reason().name()).isEqualTo(v));
                case "client" -> assertThat(switch (e) {
                    case AuthFailure a -> a.client();
                    case RequestSeen q -> q.client();
                    default -> "(none)";
                }).as(where).isEqualTo(v);
                case "method" -> assertThat(e).as(where).isInstanceOfSatisfying(RequestSeen.class,
                        q -> assertThat(q.method()).isEqualTo(v));
                case "target" -> assertThat(e).as(where).isInstanceOfSatisfying(RequestSeen.class,
                        q -> assertThat(q.target()).isEqualTo(v));
                case "using_password" -> assertThat(e).as(where).isInstanceOfSatisfying(AuthSuccess.class,
                        a -> assertThat(a.usingPassword()).isEqualTo(f.getValue().asBoolean()));
                default -> fail(where + ": unknown annotation key " + f.getKey());
            }
        }
        // No secret or digest material may survive into an event.
        assertThat(e.toString()).as(where).doesNotContain("ExpectedResponse", "ffeeddccbbaa99887766554433221100",
                "d2ad38038d0a263b2cad064cc1e9b77e", "7ad434178418561f0dfe86ac6e56d08c");
    }
}
