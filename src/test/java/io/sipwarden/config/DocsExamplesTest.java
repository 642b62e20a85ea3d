package io.sipwarden.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipwarden.net.Cidr;
import io.sipwarden.policy.PolicySettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The examples in docs/configuration.md load as shown: a reference whose examples fail is a bug. */
class DocsExamplesTest {

    @TempDir
    Path dir;

    @Test
    void everyYamlExampleInTheReferenceIsValid() throws Exception {
        String doc = Files.readString(Path.of("docs/configuration.md"));
        Matcher m = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL).matcher(doc);
        List<String> examples = new ArrayList<>();
        while (m.find()) {
            examples.add(m.group(1));
        }
        assertThat(examples).hasSizeGreaterThanOrEqualTo(2);
        Path main = Files.writeString(dir.resolve("sipwarden.yml"), examples.get(0));
        Files.createDirectories(dir.resolve("conf.d"));
        Files.writeString(dir.resolve("conf.d/20-trunks.yml"), examples.get(1));
        Configuration c = ConfigLoader.load(main);
        PolicySettings p = Settings.from(c).policy();
        assertThat(p.trusted().networks()).containsExactly(Cidr.parse("198.51.100.0/28"), Cidr.parse("203.0.113.64/27"));
        assertThat(p.endpoints()).containsOnlyKeys("alice");
        assertThat(p.geofence().ami().unknown().name()).isEqualTo("DENY");
    }

    @Test
    void everyDefaultInTheReferenceTablesIsTheRecordDefault() throws Exception {
        String doc = Files.readString(Path.of("docs/configuration.md"));
        Settings s = Settings.from(Configuration.defaults());
        assertThat(doc).contains("| `general.state_dir` | `" + s.general().stateDir() + "` |");
        assertThat(doc).contains("| `general.host_address_refresh` | `" + Durations.format(s.general().hostAddressRefresh()) + "` |");
        assertThat(doc).contains("| `policy.trusted.resolve_interval` | `" + Durations.format(s.policy().trusted().resolveInterval()) + "` |");
        assertThat(doc).contains("| `policy.geofence.<service>.unknown` | `"
                + s.policy().geofence().sip().unknown().name().toLowerCase(java.util.Locale.ROOT) + "` |");
    }
}
