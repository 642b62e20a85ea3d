package io.sipwarden.enforce.nftables;

import static io.sipwarden.enforce.Decisions.ban;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sipwarden.decision.Decision;
import io.sipwarden.enforce.EnforceSettings;
import io.sipwarden.enforce.EnforcementException;
import io.sipwarden.enforce.KernelSet;
import io.sipwarden.enforce.Lab;
import io.sipwarden.net.Cidr;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The libnftnl element path that single-address bans take (one netlink batch, no libnftables
 * cache refresh), against the real kernel in a lab namespace: it must leave exactly what the nft
 * command path leaves, split big batches correctly, report the kernel's errors, recover from them,
 * and fall back to libnftables when libnftnl cannot be loaded.
 */
class NftFastPathNetnsTest {
    private static Lab lab;
    private final InstantSource clock = InstantSource.system();

    @BeforeAll
    static void createLab() throws Exception {
        lab = Lab.create();
    }

    @AfterAll
    static void removeLab() {
        if (lab != null) {
            lab.close();
        }
    }

    @AfterEach
    void wipe() throws Exception {
        if (lab.inD("nft", "list tables").contains("inet sipwarden")) {
            lab.inD("nft", "delete table inet sipwarden");
        }
    }

    private EnforceSettings settings() {
        return EnforceSettings.defaults().withBackend(EnforceSettings.Backend.NFTABLES).withNetns(lab.d);
    }

    private NftEnforcer enforcer(String nftnl) throws EnforcementException {
        NftEnforcer e = new NftEnforcer(settings(), clock, new NftSession(settings().libnftables(), lab.d, nftnl));
        e.start();
        return e;
    }

    private List<Decision> decisions(Instant now) {
        List<Decision> ds = new ArrayList<>();
        ds.add(ban("203.0.113.7", now, Duration.ofMinutes(10)));
        ds.add(ban("203.0.113.8", now, Duration.ofHours(3)));
        ds.add(ban("2001:db8::7", now, Duration.ofMinutes(30)));
        ds.add(ban("198.51.100.0/24", now, Duration.ofMinutes(20)));
        ds.add(ban("192.0.2.9", now, Duration.ofDays(3650))); // capped at the kernel limit
        return ds;
    }

    @Test
    void leavesTheSameKernelStateAsTheCommandPath() throws Exception {
        Instant now = clock.instant();
        Map<KernelSet, Map<Cidr, Duration>> fast;
        try (NftEnforcer e = enforcer(LibNftnl.SONAME)) {
            e.add(decisions(now));
            fast = e.kernelSets();
        }
        wipe();
        Map<KernelSet, Map<Cidr, Duration>> command;
        try (NftEnforcer e = enforcer("libnftnl.so.0-not-installed")) {
            e.add(decisions(now));
            command = e.kernelSets();
        }
        assertThat(fast.keySet()).isEqualTo(command.keySet());
        for (KernelSet k : fast.keySet()) {
            assertThat(fast.get(k).keySet()).as(k.suffix()).isEqualTo(command.get(k).keySet());
            fast.get(k).forEach((c, t) -> {
                Duration other = command.get(k).get(c);
                assertThat(t.minus(other).abs()).as(c.toString()).isLessThan(Duration.ofSeconds(5));
            });
        }
        assertThat(fast.get(KernelSet.BAN4)).containsKeys(Cidr.parse("203.0.113.7"), Cidr.parse("192.0.2.9"));
        assertThat(fast.get(KernelSet.BAN4).get(Cidr.parse("203.0.113.8"))).isGreaterThan(Duration.ofMinutes(170));
        assertThat(fast.get(KernelSet.BAN4).get(Cidr.parse("192.0.2.9"))).isGreaterThan(Duration.ofDays(360));
        assertThat(fast.get(KernelSet.BAN6)).containsOnlyKeys(Cidr.parse("2001:db8::7"));
    }

    @Test
    void fallsBackToLibnftablesWhenLibnftnlIsMissingAndStillDrops() throws Exception {
        try (NftEnforcer e = enforcer("libnftnl.so.0-not-installed")) {
            e.add(List.of(ban(Lab.ATTACKER, clock.instant(), Duration.ofMinutes(5))));
            assertThat(e.health().ok()).isTrue();
            assertThat(e.health().detail()).contains("address bans through libnftables commands", "libnftnl.so.0-not-installed");
            assertThat(lab.udpReaches(Lab.ATTACKER, Lab.DEFENDER)).isFalse();
        }
    }

    @Test
    void aBurstLargerThanOneNetlinkMessageIsOneTransactionWithEveryElement() throws Exception {
        Instant now = clock.instant();
        List<Decision> ds = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            ds.add(ban("10." + (100 + (i >> 16)) + "." + ((i >> 8) & 255) + "." + (i & 255), now, Duration.ofMinutes(10)));
        }
        for (int i = 0; i < 3_000; i++) {
            ds.add(ban("2001:db8:1::" + Integer.toHexString(i + 1), now, Duration.ofMinutes(10)));
        }
        try (NftEnforcer e = enforcer(LibNftnl.SONAME)) {
            e.add(ds); // both families in one call: one transaction
            // The nft CLI's count, independent of our own listing code.
            String four = lab.inD("nft", "list set inet sipwarden ban4");
            String six = lab.inD("nft", "list set inet sipwarden ban6");
            assertThat(count(four, " expires ")).isEqualTo(20_000);
            assertThat(count(six, " expires ")).isEqualTo(3_000);
        }
    }

    @Test
    void singleBansStayCorrectWithManyPrefixesInTheTable() throws Exception {
        Instant now = clock.instant();
        List<Decision> ranges = prefixBans(2_000, now);
        try (NftEnforcer e = enforcer(LibNftnl.SONAME)) {
            e.add(ranges);
            for (int i = 0; i < 50; i++) {
                e.add(List.of(ban("203.0.113." + (i + 1), clock.instant(), Duration.ofMinutes(10))));
            }
            e.add(List.of(ban(Lab.ATTACKER, clock.instant(), Duration.ofMinutes(10))));
            Map<KernelSet, Map<Cidr, Duration>> k = e.kernelSets();
            assertThat(k.get(KernelSet.BAN4)).hasSize(51);
            assertThat(k.get(KernelSet.BAN4_NET)).hasSize(2_000);
            assertThat(lab.udpReaches(Lab.ATTACKER, Lab.DEFENDER)).isFalse();
        }
    }

    @Test
    void stalePrefixesGoInOneTransactionAndOneAlreadyGoneDoesNotKeepTheRest() throws Exception {
        Instant now = clock.instant();
        List<Decision> ranges = prefixBans(2_000, now);
        try (NftEnforcer e = enforcer(LibNftnl.SONAME)) {
            e.add(ranges);
            // All stale at the next reconcile (lifted while we were down): removed as one batch.
            assertThat(e.reconcile(List.of(), clock.instant()).removed()).isEqualTo(2_000);
            assertThat(e.kernelSets().getOrDefault(KernelSet.BAN4_NET, Map.of())).isEmpty();

            List<Decision> some = ranges.subList(0, 300);
            e.add(some);
            // One expires (here: deleted by hand) before the unban arrives: the batch fails as a whole,
            // and the element-by-element form still removes the other 299.
            lab.inD("nft", "delete element inet sipwarden ban4_net { 100.64.7.0/24 }");
            e.remove(some);
            assertThat(e.kernelSets().getOrDefault(KernelSet.BAN4_NET, Map.of())).isEmpty();
            assertThat(e.health().ok()).isTrue();
        }
    }

    @Test
    void kernelErrorsAreReportedAndTheNextCallWorks() throws Exception {
        try (NftEnforcer e = enforcer(LibNftnl.SONAME);
             NftSession s = new NftSession(settings().libnftables(), lab.d)) {
            assertThatThrownBy(() -> s.addElements("sipwarden", "no_such_set", new byte[][] {{1, 2, 3, 4}}, new long[] {1000}))
                    .isInstanceOf(EnforcementException.class)
                    .hasMessageContaining("No such file or directory");
            // A key of the wrong length for an ipv4_addr set: refused by the kernel, nothing applied.
            assertThatThrownBy(() -> s.addElements("sipwarden", "ban4",
                    new byte[][] {{(byte) 203, 0, 113, 50}, new byte[16]}, new long[] {60_000, 60_000}))
                    .isInstanceOf(EnforcementException.class);
            assertThat(e.kernelSets().getOrDefault(KernelSet.BAN4, Map.of())).doesNotContainKey(Cidr.parse("203.0.113.50"));
            // IPv4 and IPv6 sets in one batch are one transaction: a bad IPv6 part keeps the IPv4 part out too.
            assertThatThrownBy(() -> s.addElements("sipwarden", List.of(
                    new LibNftnl.SetElements("ban4", new byte[][] {{(byte) 203, 0, 113, 52}}, new long[] {60_000}),
                    new LibNftnl.SetElements("ban6", new byte[][] {new byte[4]}, new long[] {60_000}))))
                    .isInstanceOf(EnforcementException.class);
            assertThat(e.kernelSets().getOrDefault(KernelSet.BAN4, Map.of())).doesNotContainKey(Cidr.parse("203.0.113.52"));
            assertThat(s.addElements("sipwarden", "ban4", new byte[][] {{(byte) 203, 0, 113, 51}}, new long[] {60_000})).isTrue();
            assertThat(e.kernelSets().get(KernelSet.BAN4)).containsKey(Cidr.parse("203.0.113.51"));
        }
    }

    /** {@code n} distinct /24 prefix bans in 100.64.0.0/10. */
    private static List<Decision> prefixBans(int n, Instant now) {
        List<Decision> ranges = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ranges.add(ban("100." + (64 + (i >> 8)) + "." + (i & 255) + ".0/24", now, Duration.ofMinutes(10)));
        }
        return ranges;
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
