package io.sipwarden.audit;

import io.sipwarden.audit.conf.Location;
import io.sipwarden.audit.conf.Setting;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * One line that supports a finding: where, and what it says. Secret values are masked when the
 * evidence is made, so no report, log or JSON can ever carry one.
 */
public record Evidence(Location at, String text) {

    private static final Set<String> SECRET_KEYS = Set.of(
            "secret", "md5secret", "password", "md5_cred", "remotesecret", "dbsecret", "inkeys", "outkey",
            "inbound_auth/password", "outbound_auth/password", "inbound_auth/md5_cred", "outbound_auth/md5_cred");

    public static final String MASK = "********";

    public Evidence {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(text, "text");
    }

    /** {@code key = value} with the value masked when the key holds a secret. */
    public static Evidence of(Setting s) {
        return new Evidence(s.at(), s.key() + (s.object() ? " => " : " = ") + shown(s.key(), s.value()));
    }

    /** A remark about a place, e.g. "allowguest not set (default yes)". */
    public static Evidence note(Location at, String text) {
        return new Evidence(at, text);
    }

    static boolean isSecretKey(String key) {
        return SECRET_KEYS.contains(key.strip().toLowerCase(Locale.ROOT));
    }

    /** The value as it may be shown: masked for secret keys and inside credential-bearing values. */
    public static String shown(String key, String value) {
        String k = key.strip().toLowerCase(Locale.ROOT);
        if (isSecretKey(k)) {
            return value.isEmpty() ? "(empty)" : MASK;
        }
        if (k.equals("register") || k.equals("auth") || k.equals("outboundproxy")) {
            return maskUserinfo(value);
        }
        return value;
    }

    /** {@code user:secret@host} and chan_sip {@code auth=user:secret@realm} keep the user, lose the secret. */
    static String maskUserinfo(String v) {
        int at = v.lastIndexOf('@');
        int colon = v.indexOf(':');
        int scheme = v.indexOf("://");
        if (scheme >= 0 && colon == scheme) {
            colon = v.indexOf(':', scheme + 3);
        }
        if (colon >= 0 && (at < 0 || colon < at)) {
            int end = at < 0 ? v.length() : at;
            int slash = v.indexOf(':', colon + 1);
            if (slash > 0 && slash < end) {
                end = slash;
            }
            return v.substring(0, colon + 1) + MASK + v.substring(end);
        }
        return v;
    }
}
