package io.sipwarden.acceptance;

import io.sipwarden.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the real {@code sipwarden} entry point in this JVM with its output captured. */
final class Cli {

    /** Exit code and everything printed. */
    record Run(int code, String out, String err) {
    }

    private Cli() {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code;
        try (PrintWriter o = new PrintWriter(out); PrintWriter e = new PrintWriter(err)) {
            code = Main.execute(o, e, args);
        }
        return new Run(code, out.toString(), err.toString());
    }
}
