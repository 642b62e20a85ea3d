package io.sipwarden.audit;

import io.sipwarden.audit.check.AuditInput;
import io.sipwarden.audit.check.Checks;
import io.sipwarden.audit.check.Endpoints;
import io.sipwarden.audit.check.SecretStrength;
import io.sipwarden.audit.conf.AsteriskConfig;
import io.sipwarden.audit.conf.ConfProblem;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/** Runs the whole audit of one Asterisk config directory: read, check, sort. */
public final class Auditor {

    private final SecretStrength strength;
    private final InstantSource clock;

    /** @param strength shared secret judge; keep one per process so re-runs reuse its memo */
    public Auditor(SecretStrength strength, InstantSource clock) {
        this.strength = Objects.requireNonNull(strength, "strength");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Audits {@code dir}. {@code major} is the Asterisk major version; when empty, {@code asterisk -V}
     * is tried, and version-dependent checks say "unknown" if that fails too.
     */
    public AuditReport audit(Path dir, OptionalInt major) {
        Instant start = clock.instant();
        long t0 = System.nanoTime();
        AsteriskConfig cfg = AsteriskConfig.read(dir);
        OptionalInt version = major.isPresent() ? major : AsteriskVersion.detect(cfg);
        List<AuditFinding> findings = new ArrayList<>();
        for (ConfProblem p : cfg.problems()) {
            findings.add(problem(cfg, p));
        }
        findings.addAll(Checks.run(new AuditInput(cfg, Endpoints.of(cfg), strength, version)));
        findings.sort(ORDER);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        return new AuditReport(cfg.root(), version, start, ms, cfg.sectionCount(), findings);
    }

    private static AuditFinding problem(AsteriskConfig cfg, ConfProblem p) {
        Rule rule = p.kind() == ConfProblem.Kind.EXEC ? Rule.CONFIG_EXEC : Rule.CONFIG_UNREADABLE;
        return AuditFinding.of(rule, p.at().fileShown(cfg.root()), p.message(), List.of(Evidence.note(p.at(), p.kind().name().toLowerCase())));
    }

    static final Comparator<AuditFinding> ORDER = Comparator
            .comparing((AuditFinding f) -> f.severity()).reversed()
            .thenComparing(f -> f.rule().id())
            .thenComparing(f -> f.evidence().isEmpty() ? "" : f.evidence().getFirst().at().file().toString())
            .thenComparingInt(f -> f.evidence().isEmpty() ? 0 : f.evidence().getFirst().at().line());
}
