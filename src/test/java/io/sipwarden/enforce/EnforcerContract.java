package io.sipwarden.enforce;

import static io.sipwarden.enforce.Decisions.allow;
import static io.sipwarden.enforce.Decisions.ban;
import static org.assertj.core.api.Assertions.assertThat;

import io.sipwarden.decision.Decision;
import io.sipwarden.net.Cidr;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What every kernel backend must show, with real packets between two network namespaces:
 * drops after a ban, passes after unban and expiry, a running flood stopped within 5 ms,
 * trusted sources untouched, reconcile after restart and after the table is deleted by hand.
 */
public abstract class EnforcerContract {
    protected static Lab lab;
    private final InstantSource clock = InstantSource.system();

    /** Opens and starts the backend acting in the lab's defender namespace (no guard). */
    protected abstract Enforcer open(EnforceSettings s) throws EnforcementException;

    protected abstract EnforceSettings.Backend backend();

    protected abstract long dropped(Enforcer e) throws EnforcementException;

    protected abstract Map<KernelSet, Map<Cidr, Duration>> kernel(Enforcer e) throws EnforcementException;

    /** Deletes the backend's kernel state with the system tools, as an admin would by hand. */
    protected abstract void deleteByHand() throws Exception;

    @BeforeAll
    static void createLab() throws Exception {
        lab = Lab.create();
    }

    @AfterAll
    static void removeLab() {
        if (lab != null) {
            lab.close();
            lab = null;
        }
    }

    @AfterEach
    void wipe() throws Exception {
        deleteByHand();
    }

    protected EnforceSettings settings() {
        return EnforceSettings.defaults().withBackend(backend()).withNetns(lab.d);
    }

    private Instant now() {
        return clock.instant();
    }

    @Test
    void banDropsUdpAndTcpFromTheSourceAndUnbanLetsItBack() throws Exception {
        try (Enforcer e = open(settings())) {
            assertThat(lab.udpReaches(Lab.ATTACKER, Lab.DEFENDER)).isTrue();
            assertThat(lab.tcpConnects(Lab.ATTACKER, Lab.DEFENDER)).isTrue();
            Decision d = ban(Lab.ATTACKER, now(), Duration.ofMinutes(5));
            e.add(List.of(d));
            assertThat(lab.udpReaches(Lab.ATTACKER, Lab.DEFENDER)).isFalse();
            assertThat(lab.tcpConnects(Lab.ATTACKER, Lab.DEFENDER)).isFalse();
            assertThat(lab.udpReaches(Lab.TRUSTED, Lab.DEFENDER)).as("another source still passes").isTrue();
            assertThat(dropped(e)).isGreaterThanOrEqualTo(3);
            assertThat(kernel(e).get(KernelSet.BAN4)).containsKey(Cidr.parse(Lab.ATTACKER));
            e.remove(List.of(d));
            e.remove(List.of(d)); // idempotent
            assertThat(lab.udpReaches(Lab.ATTACKER, Lab.DEFENDER)).isTrue();
            assertThat(lab.tcpConnects(Lab.ATTACKER, Lab.DEFENDER)).isTrue();
            assertThat(e.health().ok()).isTrue();
        }
    }

    @Test
    void ipv6BanDropsOnlyThatSource() throws Exception {
        try (Enforcer e = open(settings())) {
            assertThat(lab.udpReaches(Lab.ATTACKER6, Lab.DEFENDER6)).isTrue();
            e.add(List.of(ban(Lab.ATTACKER6, now(), Duration.ofMinutes(5))));
            assertThat(lab.udpReaches(Lab.ATTACKER6, Lab.DEFENDER6)).isFalse();
            assertThat(lab.tcpConnects(Lab.ATTACKER6, Lab.DEFENDER6)).isFalse();
            assertThat(lab.udpReaches(Lab.ATTACKER, Lab.DEFENDER)).isTrue();
        }
    }

    @Test
    void prefixBanCoversEveryAddressInIt() throws Exception {
        try (Enforcer e = open(settings())) {
            e.add(List.of(ban("10.77.0.0/30", now(), Duration.ofMinutes(5)), ban("10.77.0.2", now(), Duration.ofMinutes(1))));
            assertThat(lab.udpReaches(Lab.ATTACKER, Lab.DEFENDER)).isFalse();
            assertThat(lab.udpReaches(Lab.TRUSTED, Lab.DEFENDER)).isFalse();
            assertThat(kernel(e).get(KernelSet.BAN4_NET)).containsKey(Cidr.parse("10.77.0.0/30"));
        }
    }

    @Test
    void overlappingPrefixesNeverFailTheBatch() throws Exception {
        try (Enforcer e = open(settings())) {
            e.add(List.of(ban("10.60.0.0/16", now(), Duration.ofMinutes(5))));
            // Interval sets reject overlaps; the narrower prefix is skipped, the rest still lands.
            e.add(List.of(ban("10.60.1.0/24", now(), Duration.ofMinutes(50)), ban(Lab.ATTACKER, now(), Duration.ofMinutes(5))));
            e.add(List.of(ban("10.0.0.0/8", now(), Duration.ofMinutes(5))));
            assertThat(kernel(e).get(KernelSet.BAN4_NET)).containsKey(Cidr.parse("10.60.0.0/16"));
            assertThat(kernel(e).get(KernelSet.BAN4)).containsKey(Cidr.parse(Lab.ATTACKER));
            assertThat(lab.udpReaches(Lab.ATTACKER, Lab.DEFENDER)).isFalse();
            assertThat(e.health().ok()).isTrue();
        }
    }

    @Test
    void banExpiresInTheKernelAfterTheDaemonStopped() throws Exception {
        Enforcer e = open(settings());
        Instant banned = now();
        e.add(List.of(ban(Lab.ATTACKER, banned, Duration.ofMillis(3000))));
        e.close(); // daemon stops; remove_on_stop is false, so the ban stays and expires on its own
        assertThat(lab.udpReaches(Lab.ATTACKER, Lab.DEFENDER)).isFalse();
        assertThat(Duration.between(banned, now())).as("checked while the ban should hold").isLessThan(Duration.ofMillis(2800));
        long left = Duration.between(now(), banned.plusMillis(3000)).toMillis();
        Lab.sleep(Math.max(0, left) + 1200);
        assertThat(lab.udpReaches(Lab.ATTACKER, Lab.DEFENDER)).isTrue();
        assertThat(lab.tcpConnects(Lab.ATTACKER, Lab.DEFENDER)).isTrue();
    }

    /**
     * A paced flood on a conntrack-established flow is banned mid-way. Each attempt must show the
     * ban working (nothing sent after the ban call returned arrives; every datagram is accounted
     * for). The 5 ms bound must hold in one of three attempts: on a shared, overloaded CI machine
     * the ban call itself can be descheduled for tens of milliseconds now and then.
     */
    @Test
    void runningFloodStopsWithin5msOfTheDecision() throws Exception {
        try (Enforcer e = open(settings())) {
            // Warm the path so the measurement is the kernel, not JIT or symbol binding.
            for (int i = 0; i < 50; i++) {
                Decision warm = ban("10.99.0." + (i + 1), now(), Duration.ofMinutes(1));
                e.add(List.of(warm));
                e.remove(List.of(warm));
            }
            lab.inD("nft", "add table inet swtest_ct; add chain inet swtest_ct c { type filter hook input priority 0; }; "
                    + "add rule inet swtest_ct c udp dport 5060 ct state established counter");
            long best = Long.MAX_VALUE;
            for (int attempt = 1; attempt <= 3 && best > TimeUnit.MILLISECONDS.toNanos(5); attempt++) {
                best = Math.min(best, floodThenBan(e, attempt));
            }
            assertThat(best).as("nothing sent later than 5 ms after the decision arrives (best of 3)")
                    .isLessThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(5));
        } finally {
            try {
                lab.inD("nft", "delete table inet swtest_ct");
            } catch (java.io.IOException ignored) {
                // not created
            }
        }
    }

    /** One attempt; returns how long after the decision the last received datagram was sent. */
    private long floodThenBan(Enforcer e, int attempt) throws Exception {
        lab.lastFloodSent.set(Long.MIN_VALUE);
        AtomicBoolean stop = new AtomicBoolean();
        long before = lab.floodReceived.get();
        long dropped0 = dropped(e);
        CompletableFuture<Long> sender = CompletableFuture.supplyAsync(
                () -> lab.flood(Lab.ATTACKER, Lab.DEFENDER, stop, 5_000_000, 8_000, true));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (lab.floodReceived.get() - before < 2_000 && System.nanoTime() < deadline) {
            Lab.sleep(1);
        }
        assertThat(lab.floodReceived.get() - before).as("flood reaches the receiver before the ban").isGreaterThanOrEqualTo(2_000);
        assertThat(lab.inD("nft", "list table inet swtest_ct")).as("the flood is an established conntrack flow")
                .containsPattern("packets [1-9]");
        Decision d = ban(Lab.ATTACKER, now(), Duration.ofMinutes(5));
        long t0 = System.nanoTime();
        e.add(List.of(d));
        long t1 = System.nanoTime();
        Lab.sleep(300);
        stop.set(true);
        long sent = sender.get(20, TimeUnit.SECONDS);
        Lab.sleep(100);
        long droppedNow = dropped(e) - dropped0;
        long received = lab.floodReceived.get() - before;
        long lastReceivedSend = lab.lastFloodSent.get();
        System.out.printf("[%s] flood attempt %d: %d sent, ban call %.3f ms, last received datagram sent %.3f ms after the decision, %d dropped%n",
                backend(), attempt, sent, (t1 - t0) / 1e6, (lastReceivedSend - t0) / 1e6, droppedNow);
        assertThat(droppedNow).as("the flood went on and was dropped").isGreaterThan(1_000);
        assertThat(received + droppedNow).as("every datagram was received or dropped by the ban: none lost elsewhere")
                .isGreaterThanOrEqualTo(sent - sent / 100);
        assertThat(lastReceivedSend).as("nothing sent after the ban call returned arrives").isLessThanOrEqualTo(t1 + 1_000_000);
        e.remove(List.of(d));
        return lastReceivedSend - t0;
    }

    @Test
    void trustedAddressStaysReachableWhenABanIsRequested() throws Exception {
        EnforceSettings s = new EnforceSettings(backend(), null, null, null, null, null, List.of(Lab.TRUSTED), null,
                null, null, lab.d, null);
        try (GuardedEnforcer g = Backends.open(s, clock)) {
            assertThat(g.health().ok()).as(g.health().detail()).isTrue();
            g.add(List.of(ban(Lab.TRUSTED, now(), Duration.ofMinutes(5)), ban("127.0.0.1", now(), Duration.ofMinutes(5)),
                    ban("10.77.0.0/24", now(), Duration.ofMinutes(5)), ban(Lab.DEFENDER, now(), Duration.ofMinutes(5))));
            assertThat(g.refused()).as("trusted, loopback, a prefix holding the trusted one, the host's own address").isEqualTo(4);
            assertThat(lab.udpReaches(Lab.TRUSTED, Lab.DEFENDER)).isTrue();
            // Even a ban that bypasses the guard loses: the kernel checks the trusted sets first.
            g.backend().add(List.of(ban(Lab.TRUSTED, now(), Duration.ofMinutes(5))));
            assertThat(kernel(g.backend()).get(KernelSet.BAN4)).containsKey(Cidr.parse(Lab.TRUSTED));
            assertThat(lab.udpReaches(Lab.TRUSTED, Lab.DEFENDER)).isTrue();
            assertThat(lab.tcpConnects(Lab.TRUSTED, Lab.DEFENDER)).isTrue();
            // An allow decision lands in the trusted set with its own timeout.
            g.add(List.of(allow(Lab.ATTACKER, now(), Duration.ofMinutes(5)), ban(Lab.ATTACKER, now(), Duration.ofMinutes(5))));
            assertThat(lab.udpReaches(Lab.ATTACKER, Lab.DEFENDER)).isTrue();
        }
    }

    @Test
    void restartReconcileAddsMissingRemovesStaleAndFixesTimeouts() throws Exception {
        Instant t = now();
        Decision keep = ban(Lab.ATTACKER, t, Duration.ofMinutes(10));
        Decision stale = ban("10.50.0.1", t, Duration.ofMinutes(10));
        Decision longer = ban("10.50.0.2", t, Duration.ofMinutes(10));
        Decision missing = ban("2001:db8::66", t, Duration.ofMinutes(10));
        Decision range = ban("10.60.0.0/16", t, Duration.ofMinutes(10));
        try (Enforcer e = open(settings())) {
            e.add(List.of(keep, stale, longer));
        }
        // The store now says: stale was lifted while we were down, "longer" was extended, two are new.
        Decision extended = ban("10.50.0.2", t, Duration.ofHours(2));
        try (Enforcer e = open(settings())) {
            Enforcer.ReconcileReport r = e.reconcile(List.of(keep, extended, missing, range), now());
            assertThat(r).isEqualTo(new Enforcer.ReconcileReport(2, 1, 1, false));
            Map<KernelSet, Map<Cidr, Duration>> k = kernel(e);
            assertThat(k.get(KernelSet.BAN4)).containsOnlyKeys(Cidr.parse(Lab.ATTACKER), Cidr.parse("10.50.0.2"));
            assertThat(k.get(KernelSet.BAN4).get(Cidr.parse("10.50.0.2"))).isGreaterThan(Duration.ofMinutes(100));
            assertThat(k.get(KernelSet.BAN6)).containsOnlyKeys(Cidr.parse("2001:db8::66"));
            assertThat(k.get(KernelSet.BAN4_NET)).containsOnlyKeys(Cidr.parse("10.60.0.0/16"));
            assertThat(e.reconcile(List.of(keep, extended, missing, range), now()).inSync()).isTrue();
            assertThat(lab.udpReaches(Lab.ATTACKER, Lab.DEFENDER)).isFalse();
        }
    }

    @Test
    void tableDeletedByHandIsDetectedAndRepaired() throws Exception {
        Decision d = ban(Lab.ATTACKER, now(), Duration.ofMinutes(10));
        EnforceSettings s = new EnforceSettings(backend(), null, null, null, null, null, List.of(Lab.TRUSTED), null,
                null, null, lab.d, null);
        try (Enforcer e = open(s)) {
            e.add(List.of(d));
            deleteByHand();
            assertThat(lab.udpReaches(Lab.ATTACKER, Lab.DEFENDER)).isTrue();
            Enforcer.ReconcileReport r = e.reconcile(List.of(d), now());
            assertThat(r.repaired()).isTrue();
            assertThat(r.added()).isEqualTo(1);
            assertThat(lab.udpReaches(Lab.ATTACKER, Lab.DEFENDER)).isFalse();
            assertThat(kernel(e).get(KernelSet.TRUST4)).as("configured trusted prefixes are back too")
                    .containsEntry(Cidr.parse(Lab.TRUSTED), null);
            assertThat(e.reconcile(List.of(d), now()).inSync()).as("a second pass finds nothing to do").isTrue();
            // A ban arriving while the table is gone recreates it as well.
            deleteByHand();
            e.add(List.of(ban(Lab.ATTACKER6, now(), Duration.ofMinutes(10))));
            assertThat(lab.udpReaches(Lab.ATTACKER6, Lab.DEFENDER6)).isFalse();
        }
    }

    @Test
    void voipPortScopeDropsOnlyTheVoipPorts() throws Exception {
        EnforceSettings s = new EnforceSettings(backend(), EnforceSettings.Scope.VOIP_PORTS, List.of(5060, 5061), null,
                null, null, null, null, null, null, lab.d, null);
        try (Enforcer e = open(s)) {
            e.add(List.of(ban(Lab.ATTACKER, now(), Duration.ofMinutes(5))));
            assertThat(lab.udpReaches(Lab.ATTACKER, Lab.DEFENDER)).isFalse();
            assertThat(lab.tcpConnects(Lab.ATTACKER, Lab.DEFENDER, Lab.TCP_PORT, 400)).isFalse();
            assertThat(lab.tcpConnects(Lab.ATTACKER, Lab.DEFENDER, Lab.OTHER_TCP_PORT, 400)).isTrue();
        }
    }

    @Test
    void removeOnStopLeavesNothingBehind() throws Exception {
        EnforceSettings s = new EnforceSettings(backend(), null, null, true, null, null, null, null, null, null, lab.d, null);
        Enforcer e = open(s);
        e.add(List.of(ban(Lab.ATTACKER, now(), Duration.ofMinutes(5))));
        assertThat(lab.udpReaches(Lab.ATTACKER, Lab.DEFENDER)).isFalse();
        e.close();
        assertThat(lab.udpReaches(Lab.ATTACKER, Lab.DEFENDER)).isTrue();
    }
}
