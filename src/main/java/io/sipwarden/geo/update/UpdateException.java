package io.sipwarden.geo.update;

/** A database update that did not happen; the message is for the operator, the old file is intact. */
public final class UpdateException extends Exception {

    public UpdateException(String message) {
        super(message);
    }

    public UpdateException(String message, Throwable cause) {
        super(message, cause);
    }
}
