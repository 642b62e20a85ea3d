package io.sipwarden.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.sipwarden.net.Addresses;
import io.sipwarden.net.Cidr;
import java.net.InetAddress;
import java.time.Duration;
import java.util.function.Function;

/**
 * The one Jackson mapper that binds settings records: snake_case names, unknown keys rejected,
 * no lossy coercions, and value types that never touch DNS.
 */
final class ConfigMapper {
    private ConfigMapper() {
    }

    static ObjectMapper create() {
        SimpleModule values = new SimpleModule("sipwarden-config-values");
        text(values, Duration.class, Durations::parse);
        text(values, Cidr.class, ConfigMapper::cidr);
        text(values, InetAddress.class, Addresses::parse);
        text(values, CountryCode.class, CountryCode::parse);
        text(values, Continent.class, Continent::parse);
        text(values, Asn.class, Asn::parse);
        text(values, HostName.class, HostName::parse);
        values.addDeserializer(Secret.class, new SecretDeserializer());
        return JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
                .addModule(values)
                .build();
    }

    private static <T> void text(SimpleModule m, Class<T> type, Function<String, T> parse) {
        m.addDeserializer(type, new TextValueDeserializer<>(type, parse));
    }

    private static Cidr cidr(String text) {
        try {
            return Cidr.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not an address or CIDR: '" + shorten(text.strip())
                    + "' (write 192.0.2.0/24, 2001:db8::/32 or a single address)");
        }
    }

    private static String shorten(String s) {
        return s.length() > 50 ? s.substring(0, 50) + "…" : s;
    }
}
