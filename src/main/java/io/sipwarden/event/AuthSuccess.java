package io.sipwarden.event;

import java.util.Objects;

/**
 * A successful authentication: the most reliable "endpoint X is at address Y" signal.
 *
 * @param account       the endpoint or manager user that authenticated
 * @param usingPassword whether a password was checked (Asterisk's {@code UsingPassword})
 */
public record AuthSuccess(EventMeta meta, String account, boolean usingPassword) implements SecurityEvent {
    public AuthSuccess {
        Objects.requireNonNull(meta, "meta");
        Objects.requireNonNull(account, "account");
    }
}
