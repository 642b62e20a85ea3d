package io.sipwarden.audit;

import io.sipwarden.audit.conf.Location;
import io.sipwarden.audit.conf.Setting;
import java.nio.file.Path;
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
        Path file = s.at().file().getFileName();
        boolean iax = file != null && file.toString().toLowerCase(Locale.ROOT).startsWith("iax");
        return new Evidence(s.at(), s.key() + (s.object() ? " => " : " = ") + shown(s.key(), s.value(), iax));
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
        return shown(key, value, false);
    }

    /**
     * {@link #shown(String, String)} for a setting of {@code iax.conf} when {@code iax}: chan_iax2
     * reads everything between the first ':' and the '@' of {@code register => user:secret@host} as
     * the secret, colons included, where chan_sip's {@code user:secret:authuser@host} ends it at
     * the next ':'. Masking chan_sip's way there showed the secret's tail.
     */
    public static String shown(String key, String value, boolean iax) {
        String k = key.strip().toLowerCase(Locale.ROOT);
        if (isSecretKey(k)) {
            return value.isEmpty() ? "(empty)" : MASK;
        }
        if (iax && k.equals("register")) {
            int colon = value.indexOf(':');
            int at = value.lastIndexOf('@');
            return colon >= 0 && colon < at ? value.substring(0, colon + 1) + MASK + value.substring(at)
                    : colon >= 0 ? value.substring(0, colon + 1) + MASK : value;
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
