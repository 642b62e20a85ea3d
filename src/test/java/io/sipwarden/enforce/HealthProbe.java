package io.sipwarden.enforce;

import java.time.Duration;
import java.time.InstantSource;
import java.util.List;

/**
 * Run in a child JVM (inside a namespace, with capabilities dropped): opens a backend, tries a
 * ban, prints what the daemon would report. Exit code 0 means the process survived.
 */
public final class HealthProbe {
    private HealthProbe() {
    }

    public static void main(String[] args) {
        EnforceSettings s = EnforceSettings.defaults().withBackend(EnforceSettings.Backend.of(args[0]));
        try (GuardedEnforcer e = Backends.open(s, InstantSource.system())) {
            System.out.println("health-after-open: " + e.health());
            try {
                e.add(List.of(Decisions.ban("10.77.0.2", InstantSource.system().instant(), Duration.ofMinutes(1))));
                System.out.println("add: ok");
            } catch (EnforcementException x) {
                System.out.println("add: failed: " + x.getMessage());
            }
            System.out.println("health-after-add: " + e.health());
        }
    }
}
