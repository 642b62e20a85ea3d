package io.sipwarden.enforce;

import io.sipwarden.enforce.ipset.IpsetEnforcer;
import io.sipwarden.enforce.log.LogEnforcer;
import io.sipwarden.enforce.nftables.NftEnforcer;
import java.lang.System.Logger.Level;
import java.time.InstantSource;

/** Opens the configured backend behind the {@link BanGuard}; never throws, a broken backend reports degraded health. */
public final class Backends {
    private static final System.Logger LOG = System.getLogger(Backends.class.getName());

    private Backends() {
    }

    /**
     * Opens and starts the backend (creates its table/sets, loads trusted prefixes). If that
     * fails the enforcer is still returned: its {@link Enforcer#health()} says why, and every
     * later call tries again, so detection and storage go on.
     */
    public static GuardedEnforcer open(EnforceSettings s, InstantSource clock) {
        BanGuard guard = BanGuard.of(s);
        Enforcer e = switch (s.backend()) {
            case NFTABLES -> new NftEnforcer(s, clock);
            case IPSET -> new IpsetEnforcer(s, clock);
            case LOG -> new LogEnforcer();
        };
        try {
            switch (e) {
                case NftEnforcer n -> n.start();
                case IpsetEnforcer i -> i.start();
                default -> { }
            }
        } catch (EnforcementException ex) {
            LOG.log(Level.ERROR, "enforcement degraded: " + ex.getMessage()
                    + " — decisions are still detected and stored, and will be applied once this is fixed");
        }
        return new GuardedEnforcer(e, guard);
    }
}
