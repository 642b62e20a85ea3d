package io.sipwarden.event;

import java.util.Objects;

/**
 * An authentication or access attempt the PBX rejected.
 *
 * @param account the account the attempt named (endpoint, From user, AMI user); "" if none.
 *                Attacker-controlled text: data only.
 * @param reason  why it was rejected
 * @param client  the client's self-description when the source reports one (User-Agent, or
 *                the From display name such as {@code "sipvicious"}); "" if none. Hostile text.
 */
public record AuthFailure(EventMeta meta, String account, Reason reason, String client) implements SecurityEvent {

    /** Why an attempt failed; {@link #BAD_REQUEST} covers malformed and not-allowed requests. */
    public enum Reason { WRONG_PASSWORD, UNKNOWN_ACCOUNT, ACL_DENIED, BAD_REQUEST, OTHER }

    public AuthFailure {
        Objects.requireNonNull(meta, "meta");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(client, "client");
    }
}
