package io.sipwarden.store;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.sipwarden.time.DurationText;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The {@code store:} section.
 *
 * @param path         the SQLite database (default /var/lib/sipwarden/sipwarden.db; its directory
 *                     is the state directory and also holds {@code status.json})
 * @param busyTimeout  how long a write waits for a lock held by another process (default 5s)
 * @param recentEvents how many recent security events are kept for the dashboard and
 *                     {@code status} (default 50000; 0 keeps none)
 * @param maxSizeMb    the largest the database may grow, in MiB, so a flood of decisions cannot
 *                     fill the disk (default 0: no limit of its own); when reached, writes are
 *                     kept and retried and health reports "full"
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record StoreSettings(String path,
                            @JsonDeserialize(using = DurationText.Deserializer.class)
                            @JsonSerialize(using = DurationText.Serializer.class) Duration busyTimeout,
                            Integer recentEvents, Integer maxSizeMb) {

    public static final String DEFAULT_PATH = "/var/lib/sipwarden/sipwarden.db";

    public StoreSettings {
        path = path == null || path.isBlank() ? DEFAULT_PATH : path.strip();
        busyTimeout = busyTimeout == null ? Duration.ofSeconds(5) : busyTimeout;
        recentEvents = recentEvents == null ? 50_000 : recentEvents;
        maxSizeMb = maxSizeMb == null ? 0 : maxSizeMb;
        if (maxSizeMb < 0 || maxSizeMb > 1_048_576) {
            throw new IllegalArgumentException("store.max_size_mb must be between 0 (no limit) and 1048576: " + maxSizeMb);
        }
        if (path.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("store.path contains a NUL character");
        }
        if (busyTimeout.isNegative() || busyTimeout.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("store.busy_timeout must be between 0s and 1m: " + DurationText.format(busyTimeout));
        }
        if (recentEvents < 0 || recentEvents > 10_000_000) {
            throw new IllegalArgumentException("store.recent_events must be between 0 and 10000000: " + recentEvents);
        }
    }

    public static StoreSettings defaults() {
        return new StoreSettings(null, null, null, null);
    }

    /** Settings for a database in {@code stateDir} (the CLI's --state-dir). */
    public static StoreSettings inDirectory(Path stateDir) {
        return new StoreSettings(stateDir.resolve("sipwarden.db").toString(), null, null, null);
    }

    public Path file() {
        return Path.of(path);
    }

    public Path stateDirectory() {
        Path parent = file().toAbsolutePath().getParent();
        return parent == null ? Path.of(".") : parent;
    }
}
