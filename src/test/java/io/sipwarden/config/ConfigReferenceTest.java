package io.sipwarden.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/configuration.md lists every setting with its default: the block must equal {@code config show}. */
class ConfigReferenceTest {

    @Test
    void referenceBlockEqualsConfigShowWithNoFile() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Path none = Files.writeString(Files.createTempDirectory("sw-noconf").resolve("sipwarden.yml"), "general: {}\n");
        int code = io.sipwarden.cli.Main.execute(new PrintWriter(out), new PrintWriter(err), "config", "show",
                "--config", none.toString());
        assertThat(code).as(err.toString()).isZero();
        String doc = Files.readString(Path.of("docs/configuration.md"));
        int from = doc.indexOf("<!-- BEGIN config show -->\n```yaml\n");
        int to = doc.indexOf("```\n<!-- END config show -->");
        assertThat(from).as("marker in docs/configuration.md").isPositive();
        String documented = doc.substring(from + "<!-- BEGIN config show -->\n```yaml\n".length(), to);
        assertThat(zoneFree(out.toString()))
                .as("docs/configuration.md is out of date: paste `sipwarden config show` between the markers")
                .isEqualTo(zoneFree(documented));
    }

    /** The default time zone is the machine's. */
    private static String zoneFree(String yaml) {
        return yaml.replaceAll("(?m)^(\\s*timezone:).*$", "$1 <system zone>");
    }
}
