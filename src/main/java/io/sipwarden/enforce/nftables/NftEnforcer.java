package io.sipwarden.enforce.nftables;

import io.sipwarden.decision.Decision;
import io.sipwarden.enforce.Desired;
import io.sipwarden.enforce.DropCounter;
import io.sipwarden.enforce.ElementDiff;
import io.sipwarden.enforce.EnforceSettings;
import io.sipwarden.enforce.EnforcementException;
import io.sipwarden.enforce.Enforcer;
import io.sipwarden.enforce.HealthRecord;
import io.sipwarden.enforce.KernelSet;
import io.sipwarden.net.Cidr;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Bans in the kernel through libnftables, in our own table {@code inet <table>}: a prerouting
 * chain at raw priority (before conntrack, so established UDP floods stop too) that accepts the
 * trusted sets first and drops the ban sets. Each call is one in-process transaction; kernel
 * timeouts carry each ban's {@code until}, so bans keep expiring while the daemon is down.
 */
public final class NftEnforcer implements Enforcer, DropCounter {
    private static final System.Logger LOG = System.getLogger(NftEnforcer.class.getName());
    private static final Duration TOLERANCE = Duration.ofSeconds(3);

    private final EnforceSettings settings;
    private final InstantSource clock;
    private final NftSession nft;
    private final NftText text;
    private final List<Cidr> trusted;
    private boolean setUp;
    /** Whether re-adding an element resets its timeout (kernel 6.18: yes); decides how updates are written. */
    private boolean reAddResets;
    private final HealthRecord record = new HealthRecord("nftables");

    public NftEnforcer(EnforceSettings settings, InstantSource clock) {
        this(settings, clock, new NftSession(settings.libnftables(), settings.netns()));
    }

    /** With a session of the caller's choosing (benchmarks compare element paths with it). */
    public NftEnforcer(EnforceSettings settings, InstantSource clock, NftSession session) {
        this.settings = settings;
        this.clock = clock;
        this.nft = session;
        this.text = new NftText(settings.table());
        this.trusted = settings.trustedCidrs();
    }

    @Override
    public String name() {
        return "nftables";
    }

    /** Creates (or repairs) the table and loads the configured trusted prefixes. */
    public void start() throws EnforcementException {
        record.run(() -> {
            setup();
            return null;
        });
    }

    @Override
    public void add(Collection<Decision> decisions) throws EnforcementException {
        Instant now = clock.instant();
        Map<KernelSet, Map<Cidr, Duration>> bySet = group(Desired.of(decisions, now), now);
        if (bySet.isEmpty()) {
            return;
        }
        record.run(() -> {
            ensureSetUp();
            Map<KernelSet, Map<Cidr, Duration>> plain = new EnumMap<>(KernelSet.class);
            bySet.forEach((k, elems) -> {
                if (!k.interval()) {
                    plain.put(k, elems);
                }
            });
            upsertPlain(plain);
            for (var e : bySet.entrySet()) {
                if (e.getKey().interval()) {
                    runIntervalReplace(e.getKey(), e.getValue());
                }
            }
            return null;
        });
    }

    @Override
    public void remove(Collection<Decision> decisions) throws EnforcementException {
        Map<KernelSet, Set<Cidr>> bySet = new EnumMap<>(KernelSet.class);
        for (Decision d : decisions) {
            bySet.computeIfAbsent(KernelSet.of(d.type(), d.scope()), k -> new LinkedHashSet<>()).add(d.scope());
        }
        if (bySet.isEmpty()) {
            return;
        }
        record.run(() -> {
            ensureSetUp();
            Map<KernelSet, Set<Cidr>> plain = new EnumMap<>(KernelSet.class);
            bySet.forEach((k, elems) -> {
                if (!k.interval()) {
                    plain.put(k, elems);
                }
            });
            deleteAll(plain);
            for (var e : bySet.entrySet()) {
                if (e.getKey().interval()) {
                    removeIntervals(e.getKey(), e.getValue());
                }
            }
            return null;
        });
    }

    @Override
    public ReconcileReport reconcile(Collection<Decision> active, Instant now) throws EnforcementException {
        return record.run(() -> {
            boolean repaired = false;
            NftListing have = listing();
            if (have == null || have.sets().size() < KernelSet.values().length
                    || have.rules() != NftText.rules(settings).size() || have.counter() < 0) {
                repaired = true;
                LOG.log(Level.WARNING, have == null
                        ? "nftables table " + text.table() + " is missing (deleted by hand?); recreating it"
                        : "nftables table " + text.table() + " is incomplete; repairing it");
                setup();
                have = listing();
                if (have == null) {
                    throw new EnforcementException("nftables table " + text.table() + " vanished while repairing it");
                }
            }
            Map<KernelSet, Map<Cidr, Duration>> want = KernelSet.layout(Desired.of(active, now), trusted, now, NftText.MAX_TIMEOUT);
            int added = 0;
            int removed = 0;
            int fixed = 0;
            Map<KernelSet, Map<Cidr, Duration>> plain = new EnumMap<>(KernelSet.class);
            Map<KernelSet, Set<Cidr>> stale = new EnumMap<>(KernelSet.class);
            Map<KernelSet, ElementDiff> intervalDiffs = new EnumMap<>(KernelSet.class);
            for (KernelSet k : KernelSet.values()) {
                ElementDiff diff = ElementDiff.of(want.get(k), have.sets().getOrDefault(k, Map.of()), NftText.MAX_TIMEOUT, TOLERANCE);
                added += diff.add().size();
                removed += diff.remove().size();
                fixed += diff.fix().size();
                if (k.interval()) {
                    intervalDiffs.put(k, diff);
                    continue;
                }
                if (!diff.remove().isEmpty()) {
                    stale.put(k, diff.remove());
                }
                if (!diff.fix().isEmpty() || !diff.add().isEmpty()) {
                    Map<Cidr, Duration> put = new LinkedHashMap<>(diff.fix());
                    put.putAll(diff.add());
                    plain.put(k, put);
                }
            }
            deleteAll(stale);
            upsertPlain(plain);
            // Interval sets after removals, so a widened prefix does not collide with its old self.
            for (var e : intervalDiffs.entrySet()) {
                ElementDiff d = e.getValue();
                removeIntervals(e.getKey(), d.remove());
                Map<Cidr, Duration> put = new LinkedHashMap<>(d.fix());
                put.putAll(d.add());
                if (!put.isEmpty()) {
                    runIntervalReplace(e.getKey(), put);
                }
            }
            if (have.foreign() > 0) {
                LOG.log(Level.WARNING, have.foreign() + " element(s) in " + text.table()
                        + " are not addresses or prefixes (added by hand?); left alone");
            }
            ReconcileReport r = new ReconcileReport(added, removed, fixed, repaired);
            if (!r.inSync()) {
                LOG.log(Level.INFO, "nftables reconcile: kernel differed from the store: " + added + " added, "
                        + removed + " removed, " + fixed + " timeouts fixed" + (repaired ? ", table repaired" : ""));
            }
            return r;
        });
    }

    @Override
    public Health health() {
        String off = nft.fastPathOff();
        return record.health("nftables table " + text.table() + (settings.netns().isEmpty() ? "" : " in netns " + settings.netns())
                + (off == null ? "" : "; address bans through libnftables commands (" + off + ")"));
    }

    /** What the kernel holds now, per set (for status, tests and benchmarks). */
    public Map<KernelSet, Map<Cidr, Duration>> kernelSets() throws EnforcementException {
        NftListing l = record.run(this::listing);
        return l == null ? Map.of() : l.sets();
    }

    /** Packets dropped by the ban rules since the table was created, or -1 when the table is missing. */
    @Override
    public long droppedPackets() throws EnforcementException {
        // The named counter alone: listing the table would list every element (seconds at 100k).
        return record.run(() -> {
            try {
                return NftListing.parse(nft.json("list counter " + text.table() + " " + NftText.COUNTER)).counter();
            } catch (EnforcementException e) {
                if (missing(e)) {
                    return -1L;
                }
                throw e;
            }
        });
    }

    @Override
    public void close() {
        if (settings.removeOnStop()) {
            try {
                nft.run("add table " + text.table() + "\ndelete table " + text.table() + "\n");
                LOG.log(Level.INFO, "removed nftables table " + text.table() + " (remove_on_stop)");
            } catch (EnforcementException e) {
                LOG.log(Level.WARNING, "could not remove nftables table " + text.table() + " at stop: " + e.getMessage());
            }
        }
        nft.close();
    }

    private Map<KernelSet, Map<Cidr, Duration>> group(Desired desired, Instant now) {
        Map<KernelSet, Map<Cidr, Duration>> out = new EnumMap<>(KernelSet.class);
        desired.bans().forEach((c, u) -> out.computeIfAbsent(KernelSet.of(Decision.Type.BAN, c), k -> new LinkedHashMap<>())
                .put(c, Desired.remaining(u, now, NftText.MAX_TIMEOUT)));
        desired.allows().forEach((c, u) -> out.computeIfAbsent(KernelSet.of(Decision.Type.ALLOW, c), k -> new LinkedHashMap<>())
                .put(c, Desired.remaining(u, now, NftText.MAX_TIMEOUT)));
        out.replaceAll((k, m) -> k.interval() ? Desired.outermost(m) : m);
        return out;
    }

    private NftListing listing() throws EnforcementException {
        try {
            return NftListing.parse(nft.json("list table " + text.table()));
        } catch (EnforcementException e) {
            if (missing(e)) {
                setUp = false;
                return null;
            }
            throw e;
        }
    }

    private void setup() throws EnforcementException {
        try {
            nft.run(text.setup(settings));
        } catch (EnforcementException e) {
            if (e.getMessage().contains("permission denied") || e.getMessage().contains("cannot enter")
                    || e.getMessage().contains("cannot load")) {
                throw e;
            }
            // A set defined differently by an older version cannot be altered in place: start over.
            LOG.log(Level.WARNING, "recreating nftables table " + text.table() + " (" + e.getMessage() + ")");
            nft.run("add table " + text.table() + "\ndelete table " + text.table() + "\n" + text.setup(settings));
        }
        try {
            nft.run(text.refreshProbe());
            String json = nft.json("list set " + text.table() + " refresh_probe");
            reAddResets = json.matches("(?s).*\"expires\": *([5-9]\\d\\d|\\d{4,}).*");
        } finally {
            nft.run("delete set " + text.table() + " refresh_probe");
        }
        // Configured trusted prefixes are permanent elements, (re)loaded whenever the table is set up.
        for (KernelSet k : List.of(KernelSet.TRUST4, KernelSet.TRUST6)) {
            Map<Cidr, Duration> mine = new LinkedHashMap<>();
            trusted.stream().filter(c -> c.isIpv4() == k.ipv4()).forEach(c -> mine.put(c, null));
            if (!mine.isEmpty()) {
                runIntervalAdds(k, Desired.outermost(mine));
            }
        }
        setUp = true;
    }

    private void ensureSetUp() throws EnforcementException {
        if (!setUp) {
            setup();
        }
    }

    /**
     * Adds or updates elements of the hash sets to exact timeouts, all sets in one transaction:
     * one libnftnl batch where the kernel resets a timeout on re-add (a single in-process round
     * trip whatever the table holds), else nft commands. Recreates the table once if it was
     * deleted underneath us.
     */
    private void upsertPlain(Map<KernelSet, Map<Cidr, Duration>> bySet) throws EnforcementException {
        if (bySet.isEmpty()) {
            return;
        }
        if (reAddResets) {
            List<LibNftnl.SetElements> parts = new java.util.ArrayList<>(bySet.size());
            bySet.forEach((k, elems) -> {
                byte[][] keys = new byte[elems.size()][];
                long[] ms = new long[elems.size()];
                int i = 0;
                for (var e : elems.entrySet()) {
                    keys[i] = e.getKey().network().getAddress();
                    ms[i++] = NftText.millis(e.getValue());
                }
                parts.add(new LibNftnl.SetElements(k.suffix(), keys, ms));
            });
            try {
                if (nft.addElements(settings.table(), parts)) {
                    return;
                }
            } catch (EnforcementException e) {
                if (!missing(e)) {
                    throw e;
                }
                LOG.log(Level.WARNING, "nftables table " + text.table() + " was missing; recreated it (reconcile restores older bans)");
                setup();
                if (reAddResets && nft.addElements(settings.table(), parts)) {
                    return;
                }
            }
        }
        StringBuilder cmds = new StringBuilder();
        bySet.forEach((k, elems) -> cmds.append(text.upsert(k, elems, reAddResets)));
        runRepairing(cmds.toString());
    }

    /** Runs; if our table was deleted underneath us, recreates it and runs once more. */
    private void runRepairing(String cmd) throws EnforcementException {
        try {
            nft.run(cmd);
        } catch (EnforcementException e) {
            if (!missing(e)) {
                throw e;
            }
            LOG.log(Level.WARNING, "nftables table " + text.table() + " was missing; recreated it (reconcile restores older bans)");
            setup();
            nft.run(cmd);
        }
    }

    /**
     * Deletes in one transaction; if an element vanished meanwhile (expired), the transaction fails
     * as a whole and is redone in the form that tolerates missing elements.
     */
    private void deleteAll(Map<KernelSet, Set<Cidr>> bySet) throws EnforcementException {
        if (bySet.isEmpty()) {
            return;
        }
        StringBuilder fast = new StringBuilder();
        StringBuilder tolerant = new StringBuilder();
        bySet.forEach((k, elems) -> {
            fast.append(text.delete(k, elems));
            tolerant.append(text.remove(k, elems));
        });
        try {
            nft.run(fast.toString());
        } catch (EnforcementException e) {
            if (!missing(e)) {
                throw e;
            }
            runRepairing(tolerant.toString());
        }
    }

    /**
     * Removes prefixes in one transaction; only if that fails (one already expired) element by
     * element in the form that tolerates a missing one. Each libnftables call refetches every
     * interval set's elements, so per-element removal of 10,000 prefixes would take minutes.
     */
    private void removeIntervals(KernelSet k, Collection<Cidr> cs) throws EnforcementException {
        if (cs.isEmpty()) {
            return;
        }
        try {
            nft.run(text.delete(k, cs));
            return;
        } catch (EnforcementException e) {
            // ENOENT from the kernel, or nft's own check of an interval set against its cache.
            if (!missing(e) && !e.getMessage().contains("element does not exist")) {
                throw e;
            }
        }
        for (Cidr c : cs) {
            tryEach(text.remove(k, List.of(c)), c);
        }
    }

    /** Interval sets reject overlaps: try the batch, then element by element, skipping collisions. */
    private void runIntervalReplace(KernelSet k, Map<Cidr, Duration> elems) throws EnforcementException {
        try {
            runRepairing(text.replace(k, elems));
        } catch (EnforcementException e) {
            if (!e.getMessage().contains("overlap") && !e.getMessage().contains("exists")) {
                throw e;
            }
            for (var el : elems.entrySet()) {
                Map<Cidr, Duration> one = new LinkedHashMap<>();
                one.put(el.getKey(), el.getValue());
                tryEach(text.replace(k, one), el.getKey());
            }
        }
    }

    private void runIntervalAdds(KernelSet k, Map<Cidr, Duration> elems) throws EnforcementException {
        try {
            nft.run(text.add(k, elems));
        } catch (EnforcementException e) {
            for (var el : elems.entrySet()) {
                Map<Cidr, Duration> one = new LinkedHashMap<>();
                one.put(el.getKey(), el.getValue());
                tryEach(text.add(k, one), el.getKey());
            }
        }
    }

    private void tryEach(String cmd, Cidr c) throws EnforcementException {
        try {
            nft.run(cmd);
        } catch (EnforcementException e) {
            if (e.getMessage().contains("overlap") || e.getMessage().contains("exists")) {
                LOG.log(Level.INFO, c + " overlaps a prefix already in " + text.table() + "; skipped (" + e.getMessage() + ")");
                return;
            }
            throw e;
        }
    }

    private static boolean missing(EnforcementException e) {
        return e.getMessage() != null && e.getMessage().contains("No such file or directory");
    }
}
