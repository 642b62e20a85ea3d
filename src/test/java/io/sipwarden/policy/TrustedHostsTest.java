package io.sipwarden.policy;

import static io.sipwarden.policy.PolicyFixture.ip;
import static org.assertj.core.api.Assertions.assertThat;

import io.sipwarden.config.HostName;
import io.sipwarden.event.Service;
import io.sipwarden.geo.GeoLocation;
import io.sipwarden.policy.Verdict.Outcome;
import java.io.IOException;
import java.net.InetAddress;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustedHostsTest {

    @TempDir
    Path dir;

    /** Answers for office.example.net, one per resolution; an empty answer is a resolution failure. */
    private final Deque<List<InetAddress>> answers = new ArrayDeque<>();
    private final AtomicInteger calls = new AtomicInteger();

    private List<InetAddress> resolve(String host) throws IOException {
        calls.incrementAndGet();
        List<InetAddress> next = answers.isEmpty() ? List.of() : answers.poll();
        if (next.isEmpty()) {
            throw new UnknownHostException(host);
        }
        return next;
    }

    @Test
    void reResolutionFollowsTheAddressAndKeepsTheLastGoodOnFailure() {
        TrustedHosts t = new TrustedHosts(List.of(HostName.parse("Office.Example.NET.")), this::resolve);
        assertThat(t.match(ip("192.0.2.10"))).isNull();
        answers.add(List.of(ip("192.0.2.10")));
        t.refresh();
        assertThat(t.match(ip("192.0.2.10"))).isEqualTo(HostName.parse("office.example.net"));
        // The DSL line got a new address.
        answers.add(List.of(ip("192.0.2.20"), ip("2001:db8::20")));
        t.refresh();
        assertThat(t.match(ip("192.0.2.10"))).isNull();
        assertThat(t.match(ip("192.0.2.20"))).isNotNull();
        assertThat(t.match(ip("2001:db8::20"))).isNotNull();
        // DNS is down twice: the last good addresses stay trusted.
        t.refresh();
        t.refresh();
        assertThat(calls.get()).isEqualTo(4);
        assertThat(t.match(ip("192.0.2.20"))).isNotNull();
        assertThat(t.resolved()).containsEntry(HostName.parse("office.example.net"), List.of(ip("192.0.2.20"), ip("2001:db8::20")));
        answers.add(List.of(ip("192.0.2.30")));
        t.refresh();
        assertThat(t.match(ip("192.0.2.20"))).isNull();
        assertThat(t.match(ip("192.0.2.30"))).isNotNull();
    }

    @Test
    void aFailingHostIsLoggedOnceUntilItRecovers() {
        try (io.sipwarden.testing.LogCapture log = io.sipwarden.testing.LogCapture.of(TrustedHosts.class)) {
            List<java.util.logging.LogRecord> records = log.records();
            TrustedHosts t = new TrustedHosts(List.of(HostName.parse("office.example.net")), this::resolve);
            answers.add(List.of(ip("192.0.2.10")));
            t.refresh();
            for (int i = 0; i < 5; i++) {
                t.refresh(); // DNS down
            }
            assertThat(records).hasSize(1);
            assertThat(records.getFirst().getLevel()).isEqualTo(java.util.logging.Level.WARNING);
            answers.add(List.of(ip("192.0.2.10")));
            t.refresh();
            t.refresh(); // down again: a new episode, logged again
            assertThat(records).extracting(java.util.logging.LogRecord::getLevel).containsExactly(
                    java.util.logging.Level.WARNING, java.util.logging.Level.INFO, java.util.logging.Level.WARNING);
        }
    }

    @Test
    void realResolverResolvesLocalhost() {
        TrustedHosts t = new TrustedHosts(List.of(HostName.parse("localhost")), TrustedHosts.system());
        t.refresh();
        assertThat(t.match(ip("127.0.0.1"))).isEqualTo(HostName.parse("localhost"));
    }

    @Test
    void policyTrustsAResolvedHostAndNamesTheSetting() {
        answers.add(List.of(ip("198.51.100.8")));
        StandardPolicy p = PolicyRuntime.once(PolicyFixture.config(dir, """
                policy:
                  trusted:
                    hosts:
                      - office.example.net
                  deny:
                    countries: [DE]
                """), HostAddresses.fixed(Set::of), this::resolve);
        Verdict v = p.evaluate(ip("198.51.100.8"), Service.SIP, "", PolicyFixture.where("198.51.100.8"));
        assertThat(v.outcome()).isEqualTo(Outcome.TRUSTED);
        assertThat(v.why()).isEqualTo("198.51.100.8: current address of trusted host office.example.net in policy.trusted.hosts ("
                + dir.resolve("sipwarden.yml") + ":4)");
    }

    @Test
    void runtimeRefreshesInTheBackgroundAndStops() throws Exception {
        answers.add(List.of(ip("192.0.2.10")));
        Set<InetAddress> nics = new java.util.concurrent.CopyOnWriteArraySet<>(List.of(ip("198.51.100.200")));
        try (PolicyRuntime r = PolicyRuntime.start(PolicyFixture.config(dir, """
                general:
                  host_addresses: [203.0.113.77]
                  host_address_refresh: 5s
                policy:
                  trusted:
                    hosts: [office.example.net]
                """), HostAddresses.fixed(() -> Set.copyOf(nics)), this::resolve)) {
            Policy p = r.policy();
            assertThat(p.isTrusted(ip("192.0.2.10"))).isTrue();
            assertThat(p.isTrusted(ip("198.51.100.200"))).isTrue();
            assertThat(p.isTrusted(ip("203.0.113.77"))).isTrue();
            assertThat(p.evaluate(ip("192.0.2.10"), Service.SIP, "", GeoLocation.UNKNOWN).outcome()).isEqualTo(Outcome.TRUSTED);
        }
    }

    @Test
    void theBackgroundScheduleFollowsNewAddresses() throws Exception {
        java.util.concurrent.atomic.AtomicReference<InetAddress> office = new java.util.concurrent.atomic.AtomicReference<>(ip("192.0.2.10"));
        java.util.concurrent.atomic.AtomicReference<InetAddress> nic = new java.util.concurrent.atomic.AtomicReference<>(ip("198.51.100.200"));
        try (PolicyRuntime r = PolicyRuntime.start(PolicyFixture.config(dir, "policy:\n  trusted:\n    hosts: [office.example.net]\n"),
                HostAddresses.fixed(() -> Set.of(nic.get())), host -> List.of(office.get()),
                java.time.Duration.ofMillis(20), java.time.Duration.ofMillis(20))) {
            Policy p = r.policy();
            assertThat(p.isTrusted(ip("192.0.2.10"))).isTrue();
            office.set(ip("192.0.2.11"));
            nic.set(ip("198.51.100.201"));
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
            while ((!p.isTrusted(ip("192.0.2.11")) || !p.isTrusted(ip("198.51.100.201"))) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(p.isTrusted(ip("192.0.2.11"))).isTrue();
            assertThat(p.isTrusted(ip("192.0.2.10"))).isFalse();
            assertThat(p.isTrusted(ip("198.51.100.201"))).isTrue();
            assertThat(p.isTrusted(ip("198.51.100.200"))).isFalse();
        }
    }

    @Test
    void hostAddressesKeepTheLastKnownWhenEnumerationFails() {
        AtomicInteger n = new AtomicInteger();
        HostAddresses h = new HostAddresses(() -> {
            if (n.incrementAndGet() == 2) {
                throw new SocketException("netlink busy");
            }
            return Set.of(ip("192.0.2.1"));
        }, List.of(ip("203.0.113.1")));
        assertThat(h.contains(ip("203.0.113.1"))).isTrue();
        h.refresh();
        assertThat(h.current()).containsExactlyInAnyOrder(ip("192.0.2.1"), ip("203.0.113.1"));
        h.refresh();
        assertThat(h.current()).containsExactlyInAnyOrder(ip("192.0.2.1"), ip("203.0.113.1"));
    }

    @Test
    void systemInterfacesIncludeLoopback() throws Exception {
        assertThat(HostAddresses.system().addresses()).anyMatch(InetAddress::isLoopbackAddress);
    }
}
