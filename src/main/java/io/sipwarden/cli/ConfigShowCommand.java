package io.sipwarden.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.sipwarden.config.Configuration;
import io.sipwarden.config.Section;
import io.sipwarden.config.Sections;
import io.sipwarden.time.DurationText;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/**
 * {@code sipwarden config show}: the effective configuration — every section, every setting,
 * defaults filled in — as YAML. Secrets are never printed (their serializer masks them).
 * With no configuration file this is the complete list of settings and their defaults.
 */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Print the effective configuration (defaults filled in, secrets masked) as YAML.")
final class ConfigShowCommand implements Callable<Integer> {

    @Mixin
    ConfigFileOption config;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<Configuration> loaded = config.load(err);
        if (loaded.isEmpty()) {
            return Main.EXIT_USAGE;
        }
        out.print(yaml(loaded.get()));
        out.flush();
        return Main.EXIT_OK;
    }

    /** The configuration as YAML, section by section in registry order. */
    static String yaml(Configuration cfg) throws IOException {
        Map<String, Object> all = new LinkedHashMap<>();
        for (Section<?> s : Sections.ALL) {
            all.put(s.name(), cfg.section(s));
        }
        return mapper().writeValueAsString(all);
    }

    private static ObjectMapper mapper() {
        SimpleModule texts = new SimpleModule();
        texts.addSerializer(Duration.class, new DurationText.Serializer());
        texts.addSerializer(Path.class, ToStringSerializer.instance);
        texts.addSerializer(InetAddress.class, new com.fasterxml.jackson.databind.ser.std.StdSerializer<>(InetAddress.class) {
            @Override
            public void serialize(InetAddress a, com.fasterxml.jackson.core.JsonGenerator g,
                                  com.fasterxml.jackson.databind.SerializerProvider p) throws IOException {
                g.writeString(io.sipwarden.net.Addresses.format(a));
            }
        });
        return new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES))
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .setSerializationInclusion(JsonInclude.Include.ALWAYS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                // Derived accessors such as isEmpty() are not settings.
                .configure(com.fasterxml.jackson.databind.MapperFeature.AUTO_DETECT_IS_GETTERS, false)
                .registerModule(texts);
    }
}
