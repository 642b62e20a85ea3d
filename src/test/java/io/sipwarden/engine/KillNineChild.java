package io.sipwarden.engine;

import io.sipwarden.enforce.log.LogEnforcer;
import io.sipwarden.event.AuthFailure;
import io.sipwarden.event.EventMeta;
import io.sipwarden.event.Sensor;
import io.sipwarden.event.Source;
import io.sipwarden.event.Stack;
import io.sipwarden.event.Transport;
import io.sipwarden.net.Addresses;
import io.sipwarden.store.StoreSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Child process for RestartTest: runs a daemon, makes three bans, says READY, waits to be killed. */
public final class KillNineChild {
    public static void main(String[] args) throws Exception {
        Path state = Path.of(args[0]);
        EngineSettings settings = new EngineSettings(null, null, StoreSettings.inDirectory(state), null, null);
        Daemon d = Daemon.start(settings, new MapPolicy(), new MapGeo(), List.of(new LogEnforcer()), List.of(), List.of());
        Instant now = Instant.now();
        for (String a : new String[] {"198.51.100.1", "198.51.100.2", "2001:db8::66"}) {
            for (int i = 0; i < 5; i++) {
                EventMeta m = new EventMeta(now.plusMillis(i), Stack.PJSIP, Source.of(Addresses.parse(a), 5060, Transport.UDP),
                        new Sensor(Sensor.Kind.LOG, "test"), "", "security-event");
                d.sink().accept(new AuthFailure(m, "1001", AuthFailure.Reason.WRONG_PASSWORD, ""));
            }
        }
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (d.status().decisions() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        // Decisions reach the store's queue at the end of the engine's batch, which can be after
        // the counter moved: wait until all three are committed, not just counted.
        while (System.nanoTime() < deadline) {
            if (!d.store().flush(Duration.ofSeconds(10))) {
                System.out.println("FLUSH FAILED");
            }
            if (d.store().active(Instant.now()).size() >= 3) {
                break;
            }
            Thread.sleep(20);
        }
        System.out.println("READY " + d.status().decisions());
        System.out.flush();
        Thread.sleep(60_000); // killed long before this
    }
}
