package io.sipwarden.policy;

import io.sipwarden.config.HostName;
import io.sipwarden.config.SettingException;
import io.sipwarden.net.Cidr;
import java.time.Duration;
import java.util.List;

/**
 * Section {@code policy.trusted}: sources that are never banned and never geofenced, besides
 * loopback and this host's own addresses (always trusted).
 *
 * @param networks        trunks, offices, monitoring (addresses or CIDRs)
 * @param hosts           host names (dynamic DNS) whose current addresses are trusted
 * @param resolveInterval how often {@code hosts} are resolved again, in the background
 */
public record TrustedSettings(List<Cidr> networks, List<HostName> hosts, Duration resolveInterval) {

    public static final Duration DEFAULT_RESOLVE_INTERVAL = Duration.ofMinutes(5);

    public TrustedSettings {
        networks = networks == null ? List.of() : List.copyOf(networks);
        hosts = hosts == null ? List.of() : List.copyOf(hosts);
        resolveInterval = resolveInterval == null ? DEFAULT_RESOLVE_INTERVAL : resolveInterval;
        if (resolveInterval.compareTo(Duration.ofSeconds(10)) < 0) {
            throw new SettingException("resolve_interval", "must be at least 10s");
        }
    }

    public static TrustedSettings defaults() {
        return new TrustedSettings(null, null, null);
    }
}
