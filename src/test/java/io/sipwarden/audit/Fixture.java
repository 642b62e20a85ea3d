package io.sipwarden.audit;

import io.sipwarden.audit.check.SecretStrength;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.OptionalInt;

/** Writes a config directory for a test and audits it. */
final class Fixture {
    static final InstantSource CLOCK = InstantSource.fixed(Instant.parse("2026-11-21T20:00:00Z"));
    private static final SecretStrength STRENGTH = new SecretStrength();

    private final Path dir;

    Fixture(Path dir) {
        this.dir = dir;
    }

    Path dir() {
        return dir;
    }

    Fixture file(String name, String text) {
        try {
            Path p = dir.resolve(name);
            Files.createDirectories(p.getParent());
            Files.writeString(p, text);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    AuditReport audit(int major) {
        return new Auditor(STRENGTH, CLOCK).audit(dir, OptionalInt.of(major));
    }

    AuditReport audit() {
        return audit(20);
    }

    static List<AuditFinding> of(AuditReport r, Rule rule) {
        return r.findings().stream().filter(f -> f.rule() == rule).toList();
    }

    static Path shared() {
        return Path.of(System.getProperty("sipwarden.shared", "../shared"));
    }

    static Path realConfig() {
        return shared().resolve("data/asterisk-20/pbx-conf");
    }
}
