package io.sipwarden.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import java.io.IOException;
import java.util.function.Function;

/**
 * Reads a value type written as one scalar (a CIDR, a country code, a duration) with a parse
 * function that throws {@link IllegalArgumentException} with a message for people.
 */
final class TextValueDeserializer<T> extends StdScalarDeserializer<T> {

    private final transient Function<String, T> parse;

    TextValueDeserializer(Class<T> type, Function<String, T> parse) {
        super(type);
        this.parse = parse;
    }

    @Override
    public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
            throw new BadValueException(p, "expected " + Kinds.expected(handledType()) + ", got " + Kinds.token(t));
        }
        // A YAML 1.1 reader would turn the country NO into false; accept the scalar's text.
        String text = t == JsonToken.VALUE_FALSE ? "no" : t == JsonToken.VALUE_TRUE ? "yes" : p.getText();
        try {
            return parse.apply(text);
        } catch (IllegalArgumentException e) {
            throw new BadValueException(p, e.getMessage());
        }
    }
}
