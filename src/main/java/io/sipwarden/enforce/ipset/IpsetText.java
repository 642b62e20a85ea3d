package io.sipwarden.enforce.ipset;

import io.sipwarden.enforce.EnforceSettings;
import io.sipwarden.enforce.KernelSet;
import io.sipwarden.net.Cidr;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** ipset restore lines and iptables-restore rules for the ipset backend. */
final class IpsetText {
    private final EnforceSettings settings;

    IpsetText(EnforceSettings settings) {
        this.settings = settings;
    }

    String setName(KernelSet k) {
        return settings.table() + "-" + k.suffix();
    }

    String chain() {
        return settings.table().toUpperCase(Locale.ROOT);
    }

    String creates() {
        StringBuilder b = new StringBuilder();
        for (KernelSet k : KernelSet.values()) {
            b.append("create ").append(setName(k)).append(k.interval() ? " hash:net" : " hash:ip")
                    .append(" family ").append(k.ipv4() ? "inet" : "inet6")
                    .append(" timeout 0 maxelem ").append(k.interval() ? 65536 : 1048576).append('\n');
        }
        return b.toString();
    }

    /** One restore line; {@code null} timeout: permanent. */
    String add(KernelSet k, Cidr c, Duration timeout) {
        String t = "";
        if (timeout != null) {
            long s = Math.max(1, (timeout.toMillis() + 999) / 1000);
            t = " timeout " + Math.min(s, IpsetEnforcer.MAX_TIMEOUT.toSeconds());
        }
        return "add " + setName(k) + " " + KernelSet.literal(c) + t + "\n";
    }

    String del(KernelSet k, Cidr c) {
        return "del " + setName(k) + " " + KernelSet.literal(c) + "\n";
    }

    /** Rules of our raw-table chain, for iptables-restore --noflush (declaring the chain flushes it). */
    String chainRules(boolean v4) {
        StringBuilder b = new StringBuilder("*raw\n:").append(chain()).append(" - [0:0]\n");
        b.append("-F ").append(chain()).append('\n');
        for (String r : rules(v4)) {
            b.append("-A ").append(chain()).append(' ').append(r).append('\n');
        }
        return b.append("COMMIT\n").toString();
    }

    int ruleCount(boolean v4) {
        return rules(v4).size();
    }

    private List<String> rules(boolean v4) {
        List<String> r = new ArrayList<>();
        for (KernelSet k : KernelSet.values()) {
            if (k.ipv4() != v4) {
                continue;
            }
            String match = "-m set --match-set " + setName(k) + " src";
            if (k.trust()) {
                r.add(match + " -j RETURN");
                continue;
            }
            switch (settings.scope()) {
                case ALL -> r.add(match + " -j DROP");
                case VOIP_PORTS -> {
                    String ports = settings.voipPorts().stream().map(String::valueOf).collect(Collectors.joining(","));
                    r.add(match + " -p udp -m multiport --dports " + ports + " -j DROP");
                    r.add(match + " -p tcp -m multiport --dports " + ports + " -j DROP");
                }
            }
        }
        // Trusted first: the RETURN rules must precede every DROP.
        r.sort((a, b) -> Boolean.compare(!a.endsWith("RETURN"), !b.endsWith("RETURN")));
        return r;
    }
}
