package io.sipwarden.audit.check;

import io.sipwarden.audit.conf.AsteriskConfig;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Everything a check may look at: the parsed files, the accounts built from them, the secret
 * judge (shared so its memo survives re-runs) and the Asterisk major version when known.
 */
public record AuditInput(AsteriskConfig config, List<Endpoint> endpoints, SecretStrength strength, OptionalInt asteriskMajor) {
    public AuditInput {
        Objects.requireNonNull(config, "config");
        endpoints = List.copyOf(endpoints);
        Objects.requireNonNull(strength, "strength");
        Objects.requireNonNull(asteriskMajor, "asteriskMajor");
    }
}
