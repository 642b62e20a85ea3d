package io.sipwarden.acceptance;

import io.sipwarden.cli.CliRun;

/** Runs the real {@code sipwarden} entry point in this JVM with its output captured. */
final class Cli {

    /** Exit code and everything printed. */
    record Run(int code, String out, String err) {
    }

    private Cli() {
    }

    static Run run(String... args) {
        CliRun.Result r = CliRun.run(args);
        return new Run(r.code(), r.out(), r.err());
    }
}
