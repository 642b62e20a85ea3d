package io.sipwarden.audit.check;

import io.sipwarden.audit.conf.Location;
import io.sipwarden.audit.conf.Setting;
import java.util.List;

/**
 * A SIP or IAX2 account as the checks need it, whichever driver defined it. Secrets stay in
 * {@link Setting}s and are only ever shown through {@link io.sipwarden.audit.Evidence}.
 *
 * @param username     the name the device authenticates with
 * @param secret       plain secret or md5 hash setting; null when there is none
 * @param md5          true when {@code secret} holds md5(user:realm:password), not the password
 * @param realm        realm used for md5 hashes
 * @param context      the dialplan context its calls start in
 * @param contextAt    where that context is set (or the section when defaulted)
 * @param acl          permit/deny/acl settings that restrict where it may come from
 * @param callLimit    call-limit/busylevel/device_state_busy_at setting with a positive value, or null
 * @param insecure     chan_sip insecure= setting, or null
 * @param trunk        a provider trunk (static host, IP identification, outbound registration)
 * @param ipIdentified requests are matched by source address, not by user name
 */
public record Endpoint(Tech tech, String name, String username, Setting secret, boolean md5, String realm,
                       String context, Location contextAt, List<Setting> acl, Setting callLimit, Setting insecure,
                       boolean trunk, boolean ipIdentified, Location at) {

    /** Channel driver that defined the account. */
    public enum Tech {
        SIP("chan_sip peer", "SIP"), PJSIP("pjsip endpoint", "PJSIP"), IAX2("iax2 user", "IAX2");

        private final String noun;
        private final String dial;

        Tech(String noun, String dial) {
            this.noun = noun;
            this.dial = dial;
        }

        public String noun() {
            return noun;
        }

        /** The technology name used in Dial(). */
        public String dial() {
            return dial;
        }
    }

    public Endpoint {
        acl = List.copyOf(acl);
    }

    public boolean hasCredentials() {
        return secret != null;
    }

    /** Unauthenticated: anyone claiming the name gets in. */
    public boolean open() {
        return secret == null && !ipIdentified;
    }

    public String subject() {
        return tech.noun() + " " + name;
    }
}
