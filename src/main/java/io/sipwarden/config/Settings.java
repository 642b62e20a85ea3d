package io.sipwarden.config;

import io.sipwarden.policy.PolicySettings;
import java.util.Objects;

/** The sections the configuration package itself owns, bound and validated. */
public record Settings(GeneralSettings general, PolicySettings policy) {

    public Settings {
        Objects.requireNonNull(general, "general");
        Objects.requireNonNull(policy, "policy");
    }

    public static Settings from(Configuration configuration) {
        return new Settings(configuration.section(Sections.GENERAL), configuration.section(Sections.POLICY));
    }
}
