package io.sipwarden.config;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;

/** Human names for value kinds in error messages ("a list", "a map of settings", ...). */
final class Kinds {
    private Kinds() {
    }

    static String token(JsonToken t) {
        return switch (t) {
            case START_OBJECT -> "a map";
            case START_ARRAY -> "a list";
            case VALUE_STRING -> "text";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "true/false";
            case VALUE_NULL -> "nothing";
            default -> "something else";
        };
    }

    static String node(JsonNode n) {
        if (n == null || n.isMissingNode()) {
            return "nothing";
        }
        return switch (n.getNodeType()) {
            case OBJECT, POJO -> "a map";
            case ARRAY -> "a list";
            case STRING, BINARY -> "text";
            case NUMBER -> "a number";
            case BOOLEAN -> "true/false";
            case NULL, MISSING -> "nothing";
        };
    }

    static String expected(Class<?> type) {
        if (type == null) {
            return "another kind of value";
        }
        if (type == String.class) {
            return "text";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class) {
            return "a whole number";
        }
        if (type == Double.class || type == double.class || type == Float.class || type == float.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (java.nio.file.Path.class.isAssignableFrom(type)) {
            return "a file path";
        }
        if (type == Duration.class) {
            return "a duration such as 30s, 10m, 1h, 7d or PT10M";
        }
        if (type.isEnum()) {
            StringBuilder b = new StringBuilder("one of");
            for (Object c : type.getEnumConstants()) {
                b.append(' ').append(c.toString().toLowerCase(java.util.Locale.ROOT));
            }
            return b.toString();
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "a map of settings";
        }
        return "a " + type.getSimpleName();
    }
}
