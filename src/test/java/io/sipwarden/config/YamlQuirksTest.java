package io.sipwarden.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipwarden.policy.PolicySettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** YAML habits admins have, and what they bind to. */
class YamlQuirksTest {

    @TempDir
    Path dir;

    @Test
    void norwayStaysACountry() throws Exception {
        Path f = Files.writeString(dir.resolve("a.yml"), "policy:\n  deny:\n    countries: [NO, no, \"FR\"]\n");
        PolicySettings p = ConfigLoader.fromFiles(List.of(f), Sections.ALL).section(Sections.POLICY);
        assertThat(p.deny().countries()).extracting(CountryCode::code).containsExactly("NO", "NO", "FR");
    }

    @Test
    void endpointMapsMergeAcrossDropIns() throws Exception {
        Path a = Files.writeString(dir.resolve("a.yml"), "policy:\n  endpoints:\n    alice:\n      allow:\n        countries: [FR]\n");
        Path b = Files.writeString(dir.resolve("b.yml"), "policy:\n  endpoints:\n    bob:\n      allow:\n        countries: [DE]\n    alice:\n      unknown: deny\n");
        Configuration c = ConfigLoader.fromFiles(List.of(a, b), Sections.ALL);
        PolicySettings p = c.section(Sections.POLICY);
        assertThat(p.endpoints().keySet()).containsExactly("alice", "bob");
        assertThat(p.endpoints().get("alice").allow().countries()).extracting(CountryCode::code).containsExactly("FR");
        assertThat(p.endpoints().get("alice").unknown().name()).isEqualTo("DENY");
        assertThat(c.describe("policy.endpoints.alice.allow.countries")).isEqualTo(a + ":5");
        assertThat(c.describe("policy.endpoints.alice.unknown")).isEqualTo(b + ":7");
    }

    @Test
    void commentsAnchorsAndEmptyFilesAreFine() throws Exception {
        Path f = Files.writeString(dir.resolve("c.yml"), """
                # SIPWarden
                general: # where state lives
                  state_dir: /srv/sw   # trailing comment
                policy:
                  geofence:
                    sip: &fence
                      allow: {countries: [FR]}
                    iax: *fence
                """);
        Path empty = Files.writeString(dir.resolve("empty.yml"), "# nothing yet\n");
        Configuration c = ConfigLoader.fromFiles(List.of(f, empty), Sections.ALL);
        PolicySettings p = c.section(Sections.POLICY);
        assertThat(p.geofence().iax().allow().countries()).extracting(CountryCode::code).containsExactly("FR");
        // Values copied by an alias are located at the alias.
        assertThat(c.describe("policy.geofence.iax.allow.countries[0]")).isEqualTo(f + ":8");
        assertThat(c.describe("policy.geofence.sip.allow.countries[0]")).isEqualTo(f + ":7");
        assertThat(c.describe("policy.geofence.sip.allow.countries[1]")).isEqualTo("built-in default");
        assertThat(c.isSet("general.state_dir")).isTrue();
        assertThat(c.isSet("policy.deny")).isFalse();
    }

    @Test
    void unboundSectionsCanBeBoundOnDemand() throws Exception {
        Path f = Files.writeString(dir.resolve("d.yml"), "general:\n  state_dir: /srv\n");
        Configuration c = ConfigLoader.fromFiles(List.of(f), Sections.ALL);
        assertThat(c.bind("general", GeneralSettings.class).stateDir()).isEqualTo(Path.of("/srv"));
    }
}
