package io.sipwarden.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonMappingException;

/** A value of the right kind but wrong content (a bad CIDR, an unknown country); the message is ours. */
final class BadValueException extends JsonMappingException {

    BadValueException(JsonParser p, String message) {
        super(p, message);
    }
}
