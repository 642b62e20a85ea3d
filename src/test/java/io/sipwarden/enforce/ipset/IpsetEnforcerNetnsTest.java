package io.sipwarden.enforce.ipset;

import io.sipwarden.enforce.EnforceSettings;
import io.sipwarden.enforce.EnforcementException;
import io.sipwarden.enforce.Enforcer;
import io.sipwarden.enforce.EnforcerContract;
import io.sipwarden.enforce.GuardedEnforcer;
import io.sipwarden.enforce.KernelSet;
import io.sipwarden.net.Cidr;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;

/** The ipset + iptables backend passes the same contract (tools run via {@code ip netns exec}). */
class IpsetEnforcerNetnsTest extends EnforcerContract {

    @Override
    protected Enforcer open(EnforceSettings s) throws EnforcementException {
        IpsetEnforcer e = new IpsetEnforcer(s, InstantSource.system());
        e.start();
        return e;
    }

    @Override
    protected EnforceSettings.Backend backend() {
        return EnforceSettings.Backend.IPSET;
    }

    @Override
    protected long dropped(Enforcer e) throws EnforcementException {
        return ipset(e).droppedPackets();
    }

    @Override
    protected Map<KernelSet, Map<Cidr, Duration>> kernel(Enforcer e) throws EnforcementException {
        return ipset(e).kernelSets();
    }

    private static IpsetEnforcer ipset(Enforcer e) {
        return (IpsetEnforcer) (e instanceof GuardedEnforcer g ? g.backend() : e);
    }

    @Override
    protected void deleteByHand() throws Exception {
        new IpsetEnforcer(EnforceSettings.defaults().withBackend(EnforceSettings.Backend.IPSET).withNetns(lab.d),
                InstantSource.system()).teardown();
    }
}
