package io.sipwarden.config;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Section {@code general}: where state lives and which addresses are this host's own.
 *
 * @param stateDir           directory for the SQLite store, cursors and caches
 * @param hostAddresses      addresses of this host besides those found on its interfaces
 *                           (e.g. a public address behind 1:1 NAT); they are trusted
 * @param hostAddressRefresh how often the interfaces are enumerated again (DHCP, hotplug)
 * @param queueCapacity      events buffered between the sensors and the detection thread; a
 *                           burst beyond it is dropped and counted (status shows the count)
 */
public record GeneralSettings(Path stateDir, List<InetAddress> hostAddresses, Duration hostAddressRefresh,
                              Integer queueCapacity) {

    public static final Path DEFAULT_STATE_DIR = Path.of("/var/lib/sipwarden");
    public static final Duration DEFAULT_HOST_ADDRESS_REFRESH = Duration.ofMinutes(1);
    public static final int DEFAULT_QUEUE_CAPACITY = 65_536;

    public GeneralSettings {
        stateDir = stateDir == null ? DEFAULT_STATE_DIR : stateDir;
        if (!stateDir.isAbsolute()) {
            throw new SettingException("state_dir", "must be an absolute path");
        }
        hostAddresses = hostAddresses == null ? List.of() : List.copyOf(hostAddresses);
        hostAddressRefresh = hostAddressRefresh == null ? DEFAULT_HOST_ADDRESS_REFRESH : hostAddressRefresh;
        if (hostAddressRefresh.compareTo(Duration.ofSeconds(5)) < 0) {
            throw new SettingException("host_address_refresh", "must be at least 5s");
        }
        queueCapacity = queueCapacity == null ? DEFAULT_QUEUE_CAPACITY : queueCapacity;
        if (queueCapacity < 16 || queueCapacity > 16_777_216) {
            throw new SettingException("queue_capacity", "must be between 16 and 16777216, not " + queueCapacity);
        }
    }

    public static GeneralSettings defaults() {
        return new GeneralSettings(null, null, null, null);
    }
}
