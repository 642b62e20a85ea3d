package io.sipwarden.enforce.perimeter;

import io.sipwarden.enforce.EnforceSettings;
import io.sipwarden.enforce.EnforcementException;
import io.sipwarden.enforce.Tools;
import io.sipwarden.enforce.nftables.NftSession;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies and removes the perimeter ruleset ({@code sipwarden firewall apply|remove}) through
 * libnftables. Where the kernel lacks the nft {@code queue} expression, the NFQUEUE hand-off is
 * installed as iptables rules in the mangle table instead, tagged with a comment so remove finds
 * exactly them.
 */
public final class Perimeter {
    private static final String PROBE = "add table inet sipwarden_probe\n"
            + "add chain inet sipwarden_probe c { type filter hook input priority 0; }\n"
            + "add rule inet sipwarden_probe c udp dport 5060 queue num 0 bypass\n";

    private final EnforceSettings settings;
    private final PerimeterRuleset ruleset;
    private final NftSession nft;
    private final Tools tools;

    /** What apply did, for the operator. */
    public record Applied(String table, boolean nfqueue, String nfqueueVia, List<String> notes) {
    }

    public Perimeter(EnforceSettings settings, NftSession nft) {
        this.settings = settings;
        this.ruleset = new PerimeterRuleset(settings);
        this.nft = nft;
        this.tools = new Tools(settings.netns());
    }

    /** Whether this kernel accepts nft's native {@code queue} expression (checked without applying anything). */
    public boolean nativeQueueSupported() throws EnforcementException {
        return nft.accepts(PROBE);
    }

    /**
     * Trap ports on which this host has a listening TCP socket (read from /proc/net/tcp and
     * tcp6 of the daemon's namespace): a legitimate client of that service would be banned.
     */
    public List<Integer> listeningTrapPorts() {
        java.util.Set<Integer> listening = new java.util.TreeSet<>();
        for (String f : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try {
                for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of(f))) {
                    String[] c = line.strip().split("\\s+");
                    // local_address is c[1] ("0100007F:1F90"), state c[3]; 0A = LISTEN
                    if (c.length > 3 && "0A".equals(c[3]) && c[1].contains(":")) {
                        listening.add(Integer.parseInt(c[1].substring(c[1].lastIndexOf(':') + 1), 16));
                    }
                }
            } catch (java.io.IOException | NumberFormatException e) {
                // no procfs: nothing to warn about
            }
        }
        return settings.perimeter().trapPorts().stream().filter(listening::contains).toList();
    }

    /**
     * The script {@code apply} runs, in its native form; with NFQUEUE enabled, the iptables
     * rules used instead on kernels without the nft {@code queue} expression follow as comments.
     */
    public String print() {
        StringBuilder b = new StringBuilder(ruleset.script(true));
        if (settings.netns().isEmpty()) {
            for (int port : listeningTrapPorts()) {
                b.append("# WARNING: trap port ").append(port)
                        .append(" has a listening TCP socket on this host: its legitimate clients will be banned\n");
            }
        }
        if (settings.perimeter().nfqueue().enabled()) {
            b.append("# on kernels without the nft queue expression (CONFIG_NFT_QUEUE unset) apply leaves the queue rule out\n");
            b.append("# and hands NEW SIP packets to NFQUEUE through iptables instead:\n");
            for (List<String> r : ruleset.iptablesQueueFallback()) {
                for (String tool : List.of(settings.ipset().iptablesCommand(), settings.ipset().ip6tablesCommand())) {
                    b.append("#   ").append(tool).append(" -t mangle -A ").append(String.join(" ", r)).append('\n');
                }
            }
        }
        return b.toString();
    }

    /** Replaces our perimeter table in one transaction (and sets up the NFQUEUE fallback if needed). */
    public Applied apply() throws EnforcementException {
        List<String> notes = new ArrayList<>();
        boolean queue = settings.perimeter().nfqueue().enabled();
        boolean nativeQueue = queue && nativeQueueSupported();
        nft.run(ruleset.script(nativeQueue));
        removeQueueFallback();
        String via = "";
        if (queue && nativeQueue) {
            via = "nft queue";
        } else if (queue) {
            via = "iptables NFQUEUE (kernel has no nft queue expression)";
            for (List<String> r : ruleset.iptablesQueueFallback()) {
                for (String tool : List.of(settings.ipset().iptablesCommand(), settings.ipset().ip6tablesCommand())) {
                    List<String> argv = new ArrayList<>(List.of(tool, "-w", "-t", "mangle", "-A"));
                    argv.addAll(r);
                    tools.check(null, argv.toArray(String[]::new));
                }
            }
        }
        if (settings.netns().isEmpty()) {
            for (int port : listeningTrapPorts()) {
                notes.add("trap port " + port + " has a listening TCP socket on this host: its legitimate clients will be banned");
            }
        }
        if (settings.perimeter().publicInterface().isEmpty()) {
            notes.add("bogon filtering is off: set enforce.perimeter.public_interface to enable it");
        }
        return new Applied(ruleset.table(), queue, via, notes);
    }

    /** Deletes our table and our NFQUEUE fallback rules; nothing else. Idempotent. */
    public void remove() throws EnforcementException {
        nft.run("add table " + ruleset.table() + "\ndelete table " + ruleset.table() + "\n");
        removeQueueFallback();
    }

    private void removeQueueFallback() throws EnforcementException {
        for (List<String> r : ruleset.iptablesQueueFallback()) {
            for (String tool : List.of(settings.ipset().iptablesCommand(), settings.ipset().ip6tablesCommand())) {
                for (int i = 0; i < 16; i++) {
                    List<String> argv = new ArrayList<>(List.of(tool, "-w", "-t", "mangle", "-D"));
                    argv.addAll(r);
                    if (!tools.run(null, argv.toArray(String[]::new)).ok()) {
                        break;
                    }
                }
            }
        }
    }
}
