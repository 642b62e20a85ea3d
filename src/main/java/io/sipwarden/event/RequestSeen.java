package io.sipwarden.event;

import java.util.Objects;

/**
 * A SIP request seen before or without authentication (scanner traffic, guest calls, floods).
 *
 * @param method    the SIP method, upper case ("OPTIONS", "INVITE", "REGISTER", ...)
 * @param target    the dialled extension or request-URI user; "" if unknown. Hostile text.
 * @param client    User-Agent or From display name; "" if none. Hostile text.
 */
public record RequestSeen(EventMeta meta, String method, String target, String client) implements SecurityEvent {
    public RequestSeen {
        Objects.requireNonNull(meta, "meta");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(client, "client");
    }
}
