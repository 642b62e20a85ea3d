package io.sipwarden.audit.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sipwarden.audit.AuditFinding;
import io.sipwarden.audit.AuditReport;
import io.sipwarden.audit.Evidence;
import java.io.IOException;
import java.io.Writer;
import java.util.Locale;

/** The machine report ({@code --json}): the same content as the text report, one JSON document. */
public final class JsonReport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public ObjectNode tree(AuditReport r) {
        ObjectNode root = JSON.createObjectNode();
        root.put("tool", "sipwarden-audit");
        root.put("config_dir", r.root().toString());
        if (r.asteriskMajor().isPresent()) {
            root.put("asterisk_major", r.asteriskMajor().getAsInt());
        } else {
            root.putNull("asterisk_major");
        }
        root.put("generated", r.at().toString());
        root.put("millis", r.millis());
        root.put("sections", r.sections());
        ObjectNode counts = root.putObject("counts");
        r.counts().forEach((k, v) -> counts.put(k.name().toLowerCase(Locale.ROOT), v));
        ArrayNode list = root.putArray("findings");
        for (AuditFinding f : r.findings()) {
            ObjectNode o = list.addObject();
            o.put("rule", f.rule().id());
            o.put("severity", f.severity().name().toLowerCase(Locale.ROOT));
            o.put("title", f.rule().title());
            o.put("subject", f.subject());
            o.put("message", f.message());
            ArrayNode ev = o.putArray("evidence");
            for (Evidence e : f.evidence()) {
                ObjectNode x = ev.addObject();
                x.put("file", e.at().fileShown(r.root()));
                x.put("line", e.at().line());
                x.put("text", e.text());
            }
            o.put("why", f.rule().why());
            o.put("fix", f.rule().fix());
        }
        return root;
    }

    public void write(AuditReport r, Writer out) throws IOException {
        JSON.writeValue(out, tree(r));
    }
}
