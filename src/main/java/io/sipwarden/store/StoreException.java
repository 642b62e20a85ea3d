package io.sipwarden.store;

/** A store read or open failed; the message names the database and says what to check. */
public class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
