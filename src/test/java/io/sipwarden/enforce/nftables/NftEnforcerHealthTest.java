package io.sipwarden.enforce.nftables;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipwarden.enforce.EnforceSettings;
import io.sipwarden.enforce.Enforcer;
import java.time.InstantSource;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class NftEnforcerHealthTest {

    @Test
    void healthDoesNotWaitForAKernelCallInProgress() throws Exception {
        // Status asks for health on the detection thread; it waited out every libnftables call on the session.
        NftSession session = new NftSession("libnftables-not-loaded.so", "");
        NftEnforcer nft = new NftEnforcer(EnforceSettings.defaults(), InstantSource.system(), session);
        CompletableFuture<Enforcer.Health> health;
        synchronized (session) { // what the enforcement thread holds for the length of a transaction
            health = CompletableFuture.supplyAsync(nft::health);
            assertThat(health.get(10, TimeUnit.SECONDS).detail()).isNotEmpty();
        }
    }
}
