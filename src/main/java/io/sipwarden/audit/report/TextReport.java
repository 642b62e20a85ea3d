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
    private final boolean color;

    public TextReport(boolean color) {
        this.color = color;
    }

    public void write(AuditReport r, PrintWriter out) {
        out.println(bold("SIPWarden audit of " + Display.clean(r.root().toString()))
                + "  (Asterisk " + (r.asteriskMajor().isPresent() ? r.asteriskMajor().getAsInt() : "version unknown")
                + ", " + r.sections() + " sections, " + r.millis() + " ms)");
        out.println();
        for (AuditFinding f : r.findings()) {
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
