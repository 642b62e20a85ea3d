package io.sipwarden.enforce.ipset;

import io.sipwarden.decision.Decision;
import io.sipwarden.enforce.Desired;
import io.sipwarden.enforce.DropCounter;
import io.sipwarden.enforce.ElementDiff;
import io.sipwarden.enforce.EnforceSettings;
import io.sipwarden.enforce.EnforcementException;
import io.sipwarden.enforce.Enforcer;
import io.sipwarden.enforce.HealthRecord;
import io.sipwarden.enforce.KernelSet;
import io.sipwarden.enforce.Tools;
import io.sipwarden.net.Cidr;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Bans for hosts without nftables: ipset {@code hash:ip}/{@code hash:net} sets with timeouts,
 * matched from a chain of our own in iptables' raw table (before conntrack), jumped to from
 * {@code PREROUTING}. Batches go through one {@code ipset restore}.
 */
public final class IpsetEnforcer implements Enforcer, DropCounter {
    private static final System.Logger LOG = System.getLogger(IpsetEnforcer.class.getName());
    /** ipset's largest timeout (2^31/1000 s). */
    static final Duration MAX_TIMEOUT = Duration.ofSeconds(2_147_483);
    private static final Duration TOLERANCE = Duration.ofSeconds(3);

    private final EnforceSettings settings;
    private final InstantSource clock;
    private final Tools cmd;
    private final IpsetText text;
    private final IpsetSession session;
    private final List<Cidr> trusted;
    private boolean setUp;
    private final HealthRecord record = new HealthRecord("ipset");

    public IpsetEnforcer(EnforceSettings settings, InstantSource clock) {
        this.settings = settings;
        this.clock = clock;
        this.cmd = new Tools(settings.netns());
        this.text = new IpsetText(settings);
        this.session = new IpsetSession(cmd.prefix(), settings.ipset().ipsetCommand());
        this.trusted = settings.trustedCidrs();
    }

    @Override
    public String name() {
        return "ipset";
    }

    /** Creates (or repairs) the sets and chains and loads the configured trusted prefixes. */
    public void start() throws EnforcementException {
        record.run(() -> {
            setup();
            return null;
        });
    }

    @Override
    public void add(Collection<Decision> decisions) throws EnforcementException {
        Instant now = clock.instant();
        Desired desired = Desired.of(decisions, now);
        StringBuilder b = new StringBuilder();
        desired.bans().forEach((c, u) -> b.append(text.add(KernelSet.of(Decision.Type.BAN, c), c,
                Desired.remaining(u, now, MAX_TIMEOUT))));
        desired.allows().forEach((c, u) -> b.append(text.add(KernelSet.of(Decision.Type.ALLOW, c), c,
                Desired.remaining(u, now, MAX_TIMEOUT))));
        applyBatch(b.toString());
    }

    @Override
    public void remove(Collection<Decision> decisions) throws EnforcementException {
        StringBuilder b = new StringBuilder();
        for (Decision d : decisions) {
            b.append(text.del(KernelSet.of(d.type(), d.scope()), d.scope()));
        }
        applyBatch(b.toString());
    }

    private void applyBatch(String lines) throws EnforcementException {
        if (lines.isEmpty()) {
            return;
        }
        record.run(() -> {
            if (!setUp) {
                setup();
            }
            restoreRepairing(lines);
            return null;
        });
    }

    @Override
    public ReconcileReport reconcile(Collection<Decision> active, Instant now) throws EnforcementException {
        return record.run(() -> {
            boolean repaired = false;
            IpsetListing have = IpsetListing.parse(cmd.check(null, settings.ipset().ipsetCommand(), "save"), text);
            if (have.sets().size() < KernelSet.values().length || !rulesInPlace()) {
                repaired = true;
                LOG.log(Level.WARNING, "ipset sets or iptables chain " + text.chain() + " missing (deleted by hand?); repairing");
                setup();
                have = IpsetListing.parse(cmd.check(null, settings.ipset().ipsetCommand(), "save"), text);
            }
            Map<KernelSet, Map<Cidr, Duration>> want = KernelSet.layout(Desired.of(active, now), trusted, now, MAX_TIMEOUT);
            int added = 0;
            int removed = 0;
            int fixed = 0;
            StringBuilder b = new StringBuilder();
            for (KernelSet k : KernelSet.values()) {
                ElementDiff d = ElementDiff.of(want.get(k), have.sets().getOrDefault(k, Map.of()), MAX_TIMEOUT, TOLERANCE);
                added += d.add().size();
                removed += d.remove().size();
                fixed += d.fix().size();
                d.remove().forEach(c -> b.append(text.del(k, c)));
                // -exist makes "add" overwrite the timeout, so a fix is an add.
                d.fix().forEach((c, t) -> b.append(text.add(k, c, t)));
                d.add().forEach((c, t) -> b.append(text.add(k, c, t)));
            }
            restore(b.toString());
            ReconcileReport r = new ReconcileReport(added, removed, fixed, repaired);
            if (!r.inSync()) {
                LOG.log(Level.INFO, "ipset reconcile: kernel differed from the store: " + added + " added, "
                        + removed + " removed, " + fixed + " timeouts fixed" + (repaired ? ", sets/chain repaired" : ""));
            }
            return r;
        });
    }

    @Override
    public Health health() {
        return record.health("ipset sets " + settings.table() + "-* via " + settings.ipset().iptablesCommand()
                + " raw chain " + text.chain());
    }

    /** What the kernel holds now, per set. */
    public Map<KernelSet, Map<Cidr, Duration>> kernelSets() throws EnforcementException {
        return record.run(() -> IpsetListing.parse(cmd.check(null, settings.ipset().ipsetCommand(), "save"), text).sets());
    }

    /** Packets dropped by our chain (IPv4 + IPv6), -1 if the chain is missing. */
    @Override
    public long droppedPackets() throws EnforcementException {
        return record.run(() -> {
            long total = 0;
            for (String tool : List.of(settings.ipset().iptablesCommand(), settings.ipset().ip6tablesCommand())) {
                Tools.Result r = cmd.run(null, tool, "-w", "-t", "raw", "-L", text.chain(), "-v", "-x", "-n");
                if (!r.ok()) {
                    return -1L;
                }
                for (String line : r.out().lines().toList()) {
                    String[] f = line.strip().split("\\s+");
                    if (f.length > 2 && "DROP".equals(f[2]) && f[0].chars().allMatch(Character::isDigit)) {
                        total += Long.parseLong(f[0]);
                    }
                }
            }
            return total;
        });
    }

    @Override
    public void close() {
        session.close();
        if (!settings.removeOnStop()) {
            return;
        }
        try {
            teardown();
            LOG.log(Level.INFO, "removed ipset sets and chain " + text.chain() + " (remove_on_stop)");
        } catch (EnforcementException e) {
            LOG.log(Level.WARNING, "could not remove ipset sets at stop: " + e.getMessage());
        }
    }

    /** Removes our chains and sets (remove_on_stop, tests). */
    public void teardown() throws EnforcementException {
        for (String tool : List.of(settings.ipset().iptablesCommand(), settings.ipset().ip6tablesCommand())) {
            while (cmd.run(null, tool, "-w", "-t", "raw", "-D", "PREROUTING", "-j", text.chain()).ok()) {
                // A jump inserted twice by hand is removed too.
            }
            cmd.run(null, tool, "-w", "-t", "raw", "-F", text.chain());
            cmd.run(null, tool, "-w", "-t", "raw", "-X", text.chain());
        }
        for (KernelSet k : KernelSet.values()) {
            cmd.run(null, settings.ipset().ipsetCommand(), "-exist", "destroy", text.setName(k));
        }
        setUp = false;
    }

    private void setup() throws EnforcementException {
        restore(text.creates());
        for (boolean v4 : new boolean[] {true, false}) {
            String tool = v4 ? settings.ipset().iptablesCommand() : settings.ipset().ip6tablesCommand();
            cmd.check(text.chainRules(v4), tool + "-restore", "-w", "--noflush");
            if (!cmd.run(null, tool, "-w", "-t", "raw", "-C", "PREROUTING", "-j", text.chain()).ok()) {
                cmd.check(null, tool, "-w", "-t", "raw", "-I", "PREROUTING", "1", "-j", text.chain());
            }
        }
        // Configured trusted prefixes are permanent entries, (re)loaded whenever the sets are set up.
        StringBuilder b = new StringBuilder();
        for (Cidr c : trusted) {
            b.append(text.add(c.isIpv4() ? KernelSet.TRUST4 : KernelSet.TRUST6, c, null));
        }
        restore(b.toString());
        setUp = true;
    }

    private boolean rulesInPlace() throws EnforcementException {
        for (boolean v4 : new boolean[] {true, false}) {
            String tool = v4 ? settings.ipset().iptablesCommand() : settings.ipset().ip6tablesCommand();
            if (!cmd.run(null, tool, "-w", "-t", "raw", "-C", "PREROUTING", "-j", text.chain()).ok()) {
                return false;
            }
            Tools.Result r = cmd.run(null, tool, "-w", "-t", "raw", "-S", text.chain());
            if (!r.ok() || r.out().lines().filter(l -> l.startsWith("-A ")).count() != text.ruleCount(v4)) {
                return false;
            }
        }
        return true;
    }

    private void restore(String lines) throws EnforcementException {
        if (!lines.isEmpty()) {
            cmd.check(lines, settings.ipset().ipsetCommand(), "-exist", "restore");
        }
    }

    /** Small batches through the live session, big ones through one {@code ipset restore}. */
    private void restoreRepairing(String lines) throws EnforcementException {
        try {
            apply(lines);
        } catch (EnforcementException e) {
            if (!e.getMessage().contains("does not exist")) {
                throw e;
            }
            LOG.log(Level.WARNING, "ipset sets were missing; recreated them (reconcile restores older bans)");
            setup();
            apply(lines);
        }
    }

    private void apply(String lines) throws EnforcementException {
        if (lines.length() < 64 * 1024) {
            session.run(lines);
        } else {
            restore(lines);
        }
    }
}
