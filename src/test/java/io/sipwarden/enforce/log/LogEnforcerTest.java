package io.sipwarden.enforce.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipwarden.enforce.Enforcer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LogEnforcerTest {

    @Test
    void healthDoesNotWaitForAReconcileInProgress() throws Exception {
        // Status asks for health on the detection thread; it waited while a reconcile read every ban from the store.
        LogEnforcer log = new LogEnforcer();
        CompletableFuture<Enforcer.Health> health;
        synchronized (log) { // what reconcile holds while it iterates the store's active bans
            health = CompletableFuture.supplyAsync(log::health);
            assertThat(health.get(10, TimeUnit.SECONDS).ok()).isTrue();
        }
    }
}
