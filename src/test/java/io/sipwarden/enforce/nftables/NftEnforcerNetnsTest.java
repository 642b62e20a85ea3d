package io.sipwarden.enforce.nftables;

import io.sipwarden.enforce.EnforceSettings;
import io.sipwarden.enforce.EnforcementException;
import io.sipwarden.enforce.Enforcer;
import io.sipwarden.enforce.EnforcerContract;
import io.sipwarden.enforce.GuardedEnforcer;
import io.sipwarden.enforce.KernelSet;
import io.sipwarden.net.Cidr;
import java.io.IOException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;

/** The nftables backend (libnftables over FFM, run on a thread inside the lab's namespace). */
class NftEnforcerNetnsTest extends EnforcerContract {

    @Override
    protected Enforcer open(EnforceSettings s) throws EnforcementException {
        NftEnforcer e = new NftEnforcer(s, InstantSource.system());
        e.start();
        return e;
    }

    @Override
    protected EnforceSettings.Backend backend() {
        return EnforceSettings.Backend.NFTABLES;
    }

    @Override
    protected long dropped(Enforcer e) throws EnforcementException {
        return nft(e).droppedPackets();
    }

    @Override
    protected Map<KernelSet, Map<Cidr, Duration>> kernel(Enforcer e) throws EnforcementException {
        return nft(e).kernelSets();
    }

    private static NftEnforcer nft(Enforcer e) {
        return (NftEnforcer) (e instanceof GuardedEnforcer g ? g.backend() : e);
    }

    @Override
    protected void deleteByHand() throws IOException {
        if (lab.inD("nft", "list tables").contains("inet sipwarden")) {
            lab.inD("nft", "delete table inet sipwarden");
        }
    }
}
