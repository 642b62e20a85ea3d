package io.sipwarden.enforce.perimeter;

import io.sipwarden.enforce.EnforceSettings;
import io.sipwarden.enforce.KernelSet;
import io.sipwarden.net.Cidr;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The perimeter ruleset of the seed recipes as one nft script in a table of our own. Applying
 * the script replaces the table atomically ({@code add; delete; table {…}} in one transaction)
 * and never touches other tables.
 */
public final class PerimeterRuleset {
    /** Sources that never legitimately arrive on a public interface. */
    static final List<String> BOGONS4 = List.of("0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8",
            "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24", "192.0.2.0/24", "192.168.0.0/16", "198.18.0.0/15",
            "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4");
    /** :: is left out on purpose: duplicate address detection sends from it. */
    static final List<String> BOGONS6 = List.of("::1/128", "::ffff:0.0.0.0/96", "100::/64", "2001:db8::/32",
            "3ffe::/16", "fc00::/7", "fec0::/10", "ff00::/8");
    static final String ICMP4 = "echo-request, echo-reply, destination-unreachable, time-exceeded, parameter-problem";
    static final String ICMP6 = "echo-request, echo-reply, destination-unreachable, packet-too-big, time-exceeded, "
            + "parameter-problem, nd-router-solicit, nd-router-advert, nd-neighbor-solicit, nd-neighbor-advert";
    /** "REGISTER" and "INVITE" as the first bytes of the UDP payload (the transport header is 64 bits). */
    static final String REGISTER = "@th,64,64 0x5245474953544552";
    static final String INVITE = "@th,64,48 0x494e56495445";

    private final EnforceSettings.Perimeter p;
    private final List<Cidr> trusted;

    public PerimeterRuleset(EnforceSettings s) {
        this.p = s.perimeter();
        this.trusted = s.trustedCidrs();
    }

    public String table() {
        return "inet " + p.table();
    }

    /** The whole script: replaces our table in one transaction. */
    public String script(boolean nativeQueue) {
        StringBuilder b = new StringBuilder();
        b.append("# sipwarden perimeter ruleset: apply with `sipwarden firewall apply` (or nft -f), remove with `sipwarden firewall remove`\n");
        b.append("add table ").append(table()).append('\n');
        b.append("delete table ").append(table()).append('\n');
        b.append("table ").append(table()).append(" {\n");
        staticSet(b, "trusted4", "ipv4_addr", trusted.stream().filter(Cidr::isIpv4).map(KernelSet::literal).toList());
        staticSet(b, "trusted6", "ipv6_addr", trusted.stream().filter(c -> !c.isIpv4()).map(KernelSet::literal).toList());
        staticSet(b, "bogon4", "ipv4_addr", BOGONS4);
        staticSet(b, "bogon6", "ipv6_addr", BOGONS6);
        String trapBan = p.trapBan().toSeconds() + "s";
        for (String f : List.of("4", "6")) {
            String type = f.equals("4") ? "ipv4_addr" : "ipv6_addr";
            b.append("\tset trap").append(f).append(" { type ").append(type)
                    .append("; flags dynamic, timeout; timeout ").append(trapBan).append("; size 65536; }\n");
            for (String meter : List.of("register", "invite", "newconn")) {
                b.append("\tset ").append(meter).append(f).append(" { type ").append(type)
                        .append("; flags dynamic, timeout; timeout 1m; size 65536; }\n");
            }
        }
        b.append("\tchain pre {\n\t\ttype filter hook prerouting priority raw; policy accept;\n");
        for (String r : preRules()) {
            b.append("\t\t").append(r).append('\n');
        }
        b.append("\t}\n\tchain input {\n\t\ttype filter hook input priority filter - 10; policy accept;\n");
        for (String r : inputRules(nativeQueue)) {
            b.append("\t\t").append(r).append('\n');
        }
        b.append("\t}\n}\n");
        return b.toString();
    }

    /** Stateless checks before conntrack: trusted first, bogons, trapped sources, bad packets, SIP rates. */
    List<String> preRules() {
        List<String> r = new ArrayList<>();
        r.add("iif \"lo\" accept");
        r.add("ip saddr @trusted4 accept");
        r.add("ip6 saddr @trusted6 accept");
        if (!p.publicInterface().isEmpty()) {
            r.add("iifname \"" + p.publicInterface() + "\" ip saddr @bogon4 counter drop comment \"bogon source\"");
            r.add("iifname \"" + p.publicInterface() + "\" ip6 saddr @bogon6 counter drop comment \"bogon source\"");
        }
        r.add("ip saddr @trap4 counter drop comment \"touched a trap port\"");
        r.add("ip6 saddr @trap6 counter drop comment \"touched a trap port\"");
        String all = "(fin|syn|rst|psh|ack|urg)";
        r.add("tcp flags & " + all + " == 0x0 counter drop comment \"null scan\"");
        r.add("tcp flags & " + all + " == " + all + " counter drop comment \"xmas scan\"");
        r.add("tcp flags & (fin|syn) == (fin|syn) counter drop");
        r.add("tcp flags & (syn|rst) == (syn|rst) counter drop");
        r.add("tcp flags & (fin|rst) == (fin|rst) counter drop");
        r.add("tcp flags & (fin|ack) == fin counter drop comment \"FIN without ACK\"");
        r.add("tcp flags & (fin|psh|urg) == (fin|psh|urg) counter drop");
        r.add("udp length 8 counter drop comment \"empty UDP\"");
        r.add("meta l4proto icmp icmp type != { " + ICMP4 + " } counter drop comment \"ICMP allow-list\"");
        r.add("meta l4proto ipv6-icmp icmpv6 type != { " + ICMP6 + " } counter drop comment \"ICMPv6 allow-list\"");
        String sip = ports(p.sipPorts());
        if (p.registerRate() > 0) {
            r.addAll(perSource("udp dport " + sip + " " + REGISTER, "register", p.registerRate(), "REGISTER rate"));
        }
        if (p.inviteRate() > 0) {
            r.addAll(perSource("udp dport " + sip + " " + INVITE, "invite", p.inviteRate(), "INVITE rate"));
        }
        return r;
    }

    /** Stateful checks on traffic for this host: trap ports, new-connection rate, NFQUEUE hand-off. */
    List<String> inputRules(boolean nativeQueue) {
        List<String> r = new ArrayList<>();
        r.add("iif \"lo\" accept");
        r.add("ip saddr @trusted4 accept");
        r.add("ip6 saddr @trusted6 accept");
        if (!p.trapPorts().isEmpty()) {
            String traps = "ct state new meta l4proto { tcp, udp } th dport " + ports(p.trapPorts());
            r.add("meta nfproto ipv4 " + traps + " add @trap4 { ip saddr } counter drop comment \"trap port\"");
            r.add("meta nfproto ipv6 " + traps + " add @trap6 { ip6 saddr } counter drop comment \"trap port\"");
        }
        if (p.newConnRate() > 0) {
            r.addAll(perSource("ct state new meta l4proto { tcp, udp }", "newconn", p.newConnRate(), "new connections"));
        }
        if (p.nfqueue().enabled() && nativeQueue) {
            r.add("ct state new udp dport " + ports(p.sipPorts()) + " queue num " + p.nfqueue().num()
                    + (p.nfqueue().bypass() ? " bypass" : "") + " comment \"inline sensor\"");
        }
        return r;
    }

    /**
     * iptables rules that hand NEW SIP packets to NFQUEUE on kernels without the nft {@code queue}
     * expression (the xt target runs through NFT_COMPAT or iptables-legacy).
     */
    public List<List<String>> iptablesQueueFallback() {
        List<List<String>> rules = new ArrayList<>();
        for (int port : p.sipPorts()) {
            List<String> r = new ArrayList<>(List.of("PREROUTING", "-p", "udp", "--dport", String.valueOf(port),
                    "-m", "conntrack", "--ctstate", "NEW", "-m", "comment", "--comment", p.table() + "-nfqueue",
                    "-j", "NFQUEUE", "--queue-num", String.valueOf(p.nfqueue().num())));
            if (p.nfqueue().bypass()) {
                r.add("--queue-bypass");
            }
            rules.add(r);
        }
        return rules;
    }

    private List<String> perSource(String match, String set, int rate, String what) {
        int burst = Math.max(1, rate * 2);
        return List.of(
                "meta nfproto ipv4 " + match + " update @" + set + "4 { ip saddr limit rate over " + rate
                        + "/second burst " + burst + " packets } counter drop comment \"" + what + "\"",
                "meta nfproto ipv6 " + match + " update @" + set + "6 { ip6 saddr limit rate over " + rate
                        + "/second burst " + burst + " packets } counter drop comment \"" + what + "\"");
    }

    private static void staticSet(StringBuilder b, String name, String type, List<String> elements) {
        b.append("\tset ").append(name).append(" { type ").append(type).append("; flags interval;");
        if (!elements.isEmpty()) {
            b.append(" elements = { ").append(String.join(", ", elements)).append(" };");
        }
        b.append(" }\n");
    }

    private static String ports(List<Integer> ports) {
        return "{ " + ports.stream().map(String::valueOf).collect(Collectors.joining(", ")) + " }";
    }
}
