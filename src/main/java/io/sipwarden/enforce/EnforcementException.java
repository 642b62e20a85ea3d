package io.sipwarden.enforce;

/** An enforcer could not do what it was asked; the message is meant for the operator. */
public class EnforcementException extends Exception {
    private static final long serialVersionUID = 1L;

    public EnforcementException(String message) {
        super(message);
    }

    public EnforcementException(String message, Throwable cause) {
        super(message, cause);
    }
}
