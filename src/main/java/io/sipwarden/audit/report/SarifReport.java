package io.sipwarden.audit.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sipwarden.audit.AuditFinding;
import io.sipwarden.audit.AuditReport;
import io.sipwarden.audit.Evidence;
import io.sipwarden.audit.Rule;
import io.sipwarden.detect.Finding.Severity;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;

/**
 * SARIF 2.1.0 ({@code --sarif}) for CI code-scanning: every rule with its help text, results with
 * level, file and line (relative to the config directory, base id CONFIGDIR), extra evidence as
 * related locations.
 */
public final class SarifReport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public ObjectNode tree(AuditReport r) {
        ObjectNode root = JSON.createObjectNode();
        root.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "sipwarden-audit");
        ArrayNode rules = driver.putArray("rules");
        for (Rule rule : Rule.values()) {
            ObjectNode o = rules.addObject();
            o.put("id", rule.id());
            o.put("name", rule.name());
            o.putObject("shortDescription").put("text", rule.title());
            o.putObject("fullDescription").put("text", rule.why());
            o.putObject("help").put("text", rule.fix());
            o.putObject("defaultConfiguration").put("level", level(rule.severity()));
            o.putObject("properties").put("security-severity", score(rule.severity()));
        }
        run.putObject("originalUriBaseIds").putObject("CONFIGDIR").put("uri", dirUri(r.root()));
        ArrayNode results = run.putArray("results");
        for (AuditFinding f : r.findings()) {
            ObjectNode o = results.addObject();
            o.put("ruleId", f.rule().id());
            o.put("ruleIndex", f.rule().ordinal());
            o.put("level", level(f.severity()));
            o.putObject("message").put("text", f.subject() + ": " + f.message());
            ArrayNode locs = o.putArray("locations");
            ArrayNode related = o.putArray("relatedLocations");
            int id = 0;
            for (Evidence e : f.evidence()) {
                ObjectNode loc = (id == 0 ? locs : related).addObject();
                if (id > 0) {
                    loc.put("id", id);
                }
                ObjectNode phys = loc.putObject("physicalLocation");
                ObjectNode art = phys.putObject("artifactLocation");
                Path file = e.at().file();
                if (file.startsWith(r.root())) {
                    art.put("uri", r.root().relativize(file).toString());
                    art.put("uriBaseId", "CONFIGDIR");
                } else {
                    art.put("uri", file.toUri().toString());
                }
                if (e.at().line() > 0) {
                    phys.putObject("region").put("startLine", e.at().line());
                }
                loc.putObject("message").put("text", e.text());
                id++;
            }
            o.putObject("properties").put("severity", f.severity().name().toLowerCase(java.util.Locale.ROOT))
                    .put("subject", f.subject());
        }
        return root;
    }

    public void write(AuditReport r, Writer out) throws IOException {
        JSON.writeValue(out, tree(r));
    }

    static String level(Severity s) {
        return switch (s) {
            case CRITICAL, HIGH -> "error";
            case MEDIUM -> "warning";
            case LOW, INFO -> "note";
        };
    }

    private static String score(Severity s) {
        return switch (s) {
            case CRITICAL -> "9.5";
            case HIGH -> "8.0";
            case MEDIUM -> "5.5";
            case LOW -> "3.0";
            case INFO -> "1.0";
        };
    }

    private static String dirUri(Path root) {
        String u = root.toUri().toString();
        return u.endsWith("/") ? u : u + "/";
    }
}
