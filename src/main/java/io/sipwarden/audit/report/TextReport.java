package io.sipwarden.audit.report;

import io.sipwarden.audit.AuditFinding;
import io.sipwarden.audit.AuditReport;
import io.sipwarden.audit.Evidence;
import io.sipwarden.detect.Finding.Severity;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.StringJoiner;

/** The human report: one block per finding, most severe first; ANSI colour only when asked. */
public final class TextReport {
    /** Findings shown per rule before the rest are summarised (a 5,000-phone PBX has 5,000 of some). */
    public static final int PER_RULE = 20;

    private final boolean color;
    private final int perRule;

    public TextReport(boolean color) {
        this(color, PER_RULE);
    }

    /** @param perRule findings shown per rule; {@code Integer.MAX_VALUE} for all */
    public TextReport(boolean color, int perRule) {
        this.color = color;
        this.perRule = perRule;
    }

    public void write(AuditReport r, PrintWriter out) {
        out.println(bold("SIPWarden audit of " + Display.clean(r.root().toString()))
                + "  (Asterisk " + (r.asteriskMajor().isPresent() ? r.asteriskMajor().getAsInt() : "version unknown")
                + ", " + r.sections() + " sections, " + r.millis() + " ms)");
        out.println();
        java.util.Map<io.sipwarden.audit.Rule, Integer> shown = new java.util.EnumMap<>(io.sipwarden.audit.Rule.class);
        java.util.Map<io.sipwarden.audit.Rule, Integer> hidden = new java.util.EnumMap<>(io.sipwarden.audit.Rule.class);
        for (AuditFinding f : r.findings()) {
            if (shown.merge(f.rule(), 1, Integer::sum) > perRule) {
                hidden.merge(f.rule(), 1, Integer::sum);
                continue;
            }
            out.println(paint(f.severity(), String.format(Locale.ROOT, "%-8s", f.severity())) + " "
                    + f.rule().id() + "  " + bold(f.rule().title()) + " — " + Display.clean(f.subject()));
            out.println("         " + Display.clean(f.message()));
            for (Evidence e : f.evidence()) {
                out.println("         at " + Display.clean(e.at().shown(r.root())) + "  " + Display.clean(e.text()));
            }
            out.println("         why: " + f.rule().why());
            out.println("         fix: " + f.rule().fix());
            out.println();
        }
        hidden.forEach((rule, n) -> out.println("… " + n + " more " + rule.id() + " finding(s) ("
                + rule.title() + ") not shown: use --all, --json or --sarif"));
        if (!hidden.isEmpty()) {
            out.println();
        }
        StringJoiner j = new StringJoiner(", ");
        r.counts().entrySet().stream()
                .sorted((a, b) -> b.getKey().compareTo(a.getKey()))
                .forEach(e -> j.add(e.getValue() + " " + e.getKey().name().toLowerCase(Locale.ROOT)));
        out.println(r.findings().size() + " finding(s): " + j);
        out.flush();
    }

    private String bold(String s) {
        return color ? "\u001b[1m" + s + "\u001b[0m" : s;
    }

    private String paint(Severity s, String text) {
        if (!color) {
            return text;
        }
        String code = switch (s) {
            case CRITICAL -> "1;97;41";
            case HIGH -> "1;31";
            case MEDIUM -> "33";
            case LOW -> "36";
            case INFO -> "2";
        };
        return "\u001b[" + code + "m" + text + "\u001b[0m";
    }
}
