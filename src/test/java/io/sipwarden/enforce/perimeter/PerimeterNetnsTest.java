package io.sipwarden.enforce.perimeter;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipwarden.enforce.EnforceSettings;
import io.sipwarden.enforce.Lab;
import io.sipwarden.enforce.nftables.NftSession;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The perimeter ruleset applied in the lab's defender namespace, proven with real packets. */
class PerimeterNetnsTest {
    private static Lab lab;

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
    void removeRules() throws Exception {
        try (NftSession nft = new NftSession("libnftables.so.1", lab.d)) {
            new Perimeter(settings(EnforceSettings.Perimeter.defaults()), nft).remove();
        }
    }

    private static EnforceSettings settings(EnforceSettings.Perimeter p) {
        return new EnforceSettings(null, null, null, null, null, null, null, null, null, null, lab.d, p);
    }

    private static Perimeter.Applied apply(EnforceSettings.Perimeter p) throws Exception {
        try (NftSession nft = new NftSession("libnftables.so.1", lab.d)) {
            return new Perimeter(settings(p), nft).apply();
        }
    }

    private static EnforceSettings.Perimeter perimeter(String iface, List<Integer> traps, Duration trapBan, int register,
                                                       int newConn, boolean nfqueue) {
        return new EnforceSettings.Perimeter(null, iface, traps, trapBan, null, register, null, newConn,
                new EnforceSettings.Nfqueue(nfqueue, 3, true));
    }

    @Test
    void trapPortTouchBlocksTheSourceFromEveryPortForTheTrapBanOnly() throws Exception {
        apply(perimeter("", List.of(23, 3389), Duration.ofSeconds(4), 0, 0, false));
        assertThat(lab.udpReaches(Lab.ATTACKER, Lab.DEFENDER)).isTrue();
        assertThat(lab.tcpConnects(Lab.ATTACKER, Lab.DEFENDER)).isTrue();
        long touched = System.nanoTime();
        assertThat(lab.tcpConnects(Lab.ATTACKER, Lab.DEFENDER, 23, 300)).as("the trap port never answers").isFalse();
        assertThat(lab.tcpConnects(Lab.ATTACKER6, Lab.DEFENDER6, 3389, 300)).isFalse();
        assertThat(lab.inD("nft", "list set inet sipwarden_perimeter trap4")).contains(Lab.ATTACKER);
        assertThat(lab.udpReaches(Lab.ATTACKER, Lab.DEFENDER)).isFalse();
        assertThat(lab.udpReaches(Lab.ATTACKER6, Lab.DEFENDER6)).as("IPv6 toucher banned too").isFalse();
        assertThat(lab.tcpConnects(Lab.ATTACKER, Lab.DEFENDER, Lab.TCP_PORT, 300)).isFalse();
        assertThat(lab.tcpConnects(Lab.ATTACKER, Lab.DEFENDER, Lab.OTHER_TCP_PORT, 300)).isFalse();
        assertThat(lab.udpReaches(Lab.TRUSTED, Lab.DEFENDER)).as("only the toucher is banned").isTrue();
        long waited = (System.nanoTime() - touched) / 1_000_000;
        assertThat(waited).as("checks ran inside the trap ban").isLessThan(3_800);
        Lab.sleep(Math.max(0, 4_700 - waited));
        assertThat(lab.udpReaches(Lab.ATTACKER, Lab.DEFENDER)).as("trap ban over after trap_ban").isTrue();
        assertThat(lab.udpReaches(Lab.ATTACKER6, Lab.DEFENDER6)).isTrue();
        assertThat(lab.tcpConnects(Lab.ATTACKER, Lab.DEFENDER)).isTrue();
    }

    @Test
    void aTrapPortWithAListeningServiceIsFlagged() throws Exception {
        try (java.net.ServerSocket busy = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             NftSession nft = new NftSession("libnftables.so.1", "")) {
            EnforceSettings s = new EnforceSettings(null, null, null, null, null, null, null, null, null, null, null,
                    perimeter("", List.of(busy.getLocalPort(), 23), null, 0, 0, false));
            Perimeter p = new Perimeter(s, nft);
            assertThat(p.listeningTrapPorts()).containsExactly(busy.getLocalPort());
            assertThat(p.print()).contains("# WARNING: trap port " + busy.getLocalPort() + " has a listening TCP socket");
        }
    }

    @Test
    void registerFloodIsCutToTheRateWhileOtherRequestsPass() throws Exception {
        apply(perimeter("", List.of(), null, 5, 0, false));
        InetAddress src = InetAddress.getByName(Lab.ATTACKER);
        long before = count(src);
        sendFrom(Lab.ATTACKER, "REGISTER sip:pbx SIP/2.0\r\nVia: SIP/2.0/UDP x\r\n\r\n", 200);
        Lab.sleep(300);
        long got = count(src) - before;
        assertThat(got).as("burst 10 plus a few at 5/s, not 200").isBetween(5L, 20L);
        assertThat(lab.udpReaches(Lab.ATTACKER, Lab.DEFENDER)).as("OPTIONS is not rate-limited").isTrue();
        assertThat(lab.inD("nft", "list chain inet sipwarden_perimeter pre")).containsPattern("REGISTER.*|packets [1-9]\\d+");
    }

    @Test
    void aRealSippInviteFloodIsCutToTheInviteRate() throws Exception {
        apply(new EnforceSettings.Perimeter(null, "", List.of(), null, null, 0, 5, 0, null));
        InetAddress src = InetAddress.getByName(Lab.ATTACKER);
        long before = count(src);
        // sipp's built-in UAC: 200 INVITEs at 100 calls/s; each call gives up after 200 ms without an answer.
        Process sipp = new ProcessBuilder("ip", "netns", "exec", lab.a, "sipp", "-sn", "uac", Lab.DEFENDER + ":5060",
                "-i", Lab.ATTACKER, "-r", "100", "-m", "200", "-recv_timeout", "200", "-nostdin")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long started = System.nanoTime();
        if (!sipp.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            sipp.destroyForcibly();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Lab.sleep(200);
        long got = count(src) - before;
        String chain = lab.inD("nft", "list chain inet sipwarden_perimeter pre");
        System.out.printf("sipp INVITE flood: %d of 200 INVITEs arrived in %.1f s with invite_rate 5/s%n", got, seconds);
        assertThat(got).as("burst 10 plus 5/s, not 200").isBetween(5L, 10L + Math.round(seconds * 5) + 5);
        assertThat(chain).containsPattern("counter packets (1[5-9]\\d|200) bytes \\d+ drop comment \"INVITE rate\"");
    }

    @Test
    void emptyUdpIsDropped() throws Exception {
        apply(perimeter("", List.of(), null, 0, 0, false));
        InetAddress src = InetAddress.getByName(Lab.ATTACKER);
        long before = count(src);
        sendFrom(Lab.ATTACKER, "", 5);
        Lab.sleep(200);
        assertThat(count(src)).isEqualTo(before);
        assertThat(lab.udpReaches(Lab.ATTACKER, Lab.DEFENDER)).isTrue();
    }

    @Test
    void bogonSourcesAreDroppedOnThePublicInterfaceOnly() throws Exception {
        String veth = lab.inD("ip", "-o", "link", "show", "type", "veth").split(":")[1].strip().replaceFirst("@.*", "");
        apply(perimeter(veth, List.of(), null, 0, 0, false));
        // 10.77.0.2 is RFC 1918: a bogon on a public interface.
        assertThat(lab.udpReaches(Lab.ATTACKER, Lab.DEFENDER)).isFalse();
        assertThat(lab.udpReaches(Lab.ATTACKER6, Lab.DEFENDER6)).as("fd77::/64 is ULA, also a bogon").isFalse();
        apply(perimeter("other0", List.of(), null, 0, 0, false));
        assertThat(lab.udpReaches(Lab.ATTACKER, Lab.DEFENDER)).isTrue();
    }

    @Test
    void nfqueueWithBypassUsesTheIptablesFallbackHereAndRemoveLeavesOtherRulesAlone() throws Exception {
        lab.inD("nft", "add table inet users_own; add chain inet users_own c { type filter hook input priority 0; }; "
                + "add rule inet users_own c counter");
        try (NftSession nft = new NftSession("libnftables.so.1", lab.d)) {
            Perimeter p = new Perimeter(settings(perimeter("", List.of(), null, 0, 0, true)), nft);
            assertThat(p.nativeQueueSupported()).as("this kernel has no CONFIG_NFT_QUEUE").isFalse();
            Perimeter.Applied a = p.apply();
            assertThat(a.nfqueueVia()).contains("iptables");
            assertThat(lab.inD("iptables", "-t", "mangle", "-S", "PREROUTING")).contains("NFQUEUE --queue-num 3 --queue-bypass");
            assertThat(lab.udpReaches(Lab.ATTACKER, Lab.DEFENDER)).as("bypass: no reader, packets pass").isTrue();
            p.apply(); // idempotent: still one rule
            assertThat(lab.inD("iptables", "-t", "mangle", "-S", "PREROUTING").lines().filter(l -> l.contains("NFQUEUE")).count())
                    .isEqualTo(1);
            p.remove();
            p.remove();
            assertThat(lab.inD("iptables", "-t", "mangle", "-S", "PREROUTING")).doesNotContain("NFQUEUE");
            assertThat(lab.inD("nft", "list tables")).contains("users_own").doesNotContain("sipwarden_perimeter");
        } finally {
            lab.inD("nft", "delete table inet users_own");
        }
    }

    @Test
    void icmpAllowListAndBadTcpFlagsStopCraftedPackets() throws Exception {
        assertThat(raw("icmp", "13")).as("without the perimeter a timestamp request is answered").isEqualTo("reply");
        apply(perimeter("", List.of(), null, 0, 0, false));
        assertThat(raw("icmp", "8")).as("echo is on the allow-list").isEqualTo("reply");
        assertThat(raw("icmp", "13")).as("timestamp is not").isEqualTo("silence");
        assertThat(raw("tcp", String.valueOf(Lab.TCP_PORT), "")).isEqualTo("silence");
        assertThat(raw("tcp", String.valueOf(Lab.TCP_PORT), "SF")).isEqualTo("silence");
        assertThat(raw("tcp", String.valueOf(Lab.TCP_PORT), "S")).as("a plain SYN is fine").isEqualTo("reply");
        String chain = lab.inD("nft", "list chain inet sipwarden_perimeter pre");
        assertThat(chain).containsPattern("counter packets 1 bytes \\d+ drop comment \"null scan\"")
                .contains("tcp flags fin,syn / fin,syn counter packets 1 ")
                .containsPattern("counter packets 1 bytes \\d+ drop comment \"ICMP allow-list\"");
    }

    private static String raw(String kind, String... args) throws Exception {
        String script = java.nio.file.Path.of(Lab.class.getResource("rawpkt.py").toURI()).toString();
        List<String> cmd = new java.util.ArrayList<>(List.of("python3", script, kind, Lab.ATTACKER, Lab.DEFENDER));
        cmd.addAll(List.of(args));
        return lab.inA(cmd.toArray(String[]::new)).strip();
    }

    private static long count(InetAddress src) {
        AtomicLong c = lab.udpFrom.get(src);
        return c == null ? 0 : c.get();
    }

    private static void sendFrom(String src, String payload, int n) throws Exception {
        try (var ns = io.sipwarden.enforce.Netns.join(lab.a)) {
            ns.call(() -> {
                try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(src), 0))) {
                    byte[] b = payload.getBytes(StandardCharsets.US_ASCII);
                    for (int i = 0; i < n; i++) {
                        s.send(new DatagramPacket(b, b.length, new InetSocketAddress(InetAddress.getByName(Lab.DEFENDER), Lab.UDP_PORT)));
                    }
                }
                return null;
            });
        }
    }
}
