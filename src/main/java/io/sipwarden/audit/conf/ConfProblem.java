package io.sipwarden.audit.conf;

import java.util.Objects;

/** Something in a config file that could not be read as Asterisk would, or that must be reported. */
public record ConfProblem(Kind kind, Location at, String message) {

    /** What went wrong; each kind has its own wording in {@link #message}. */
    public enum Kind {
        MISSING_INCLUDE, INCLUDE_LOOP, INCLUDE_TOO_DEEP, EXEC, UNREADABLE, NOT_REGULAR, BINARY,
        TOO_LARGE, BAD_ENCODING, SYNTAX, UNKNOWN_TEMPLATE
    }

    public ConfProblem {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(message, "message");
    }
}
