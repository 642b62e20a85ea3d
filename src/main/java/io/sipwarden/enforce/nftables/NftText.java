package io.sipwarden.enforce.nftables;

import io.sipwarden.enforce.EnforceSettings;
import io.sipwarden.enforce.KernelSet;
import io.sipwarden.net.Cidr;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * nft command text for the ban table. Every address is re-checked here against a strict
 * character pattern, because libnftables resolves anything that looks like a host name.
 */
final class NftText {
    /** Longer element timeouts are refused by nft 1.0.x parsing; longer bans are refreshed by reconcile. */
    static final Duration MAX_TIMEOUT = EnforceSettings.MAX_NFT_TIMEOUT;
    static final String COUNTER = "dropped";
    static final String CHAIN = "pre";

    private final String table;

    NftText(String table) {
        this.table = table;
    }

    String table() {
        return "inet " + table;
    }

    /**
     * Creates what is missing and rewrites the chain, without touching set elements: safe to run
     * over a live table (one transaction, so packets never see a half-built chain).
     */
    String setup(EnforceSettings s) {
        StringBuilder b = new StringBuilder();
        b.append("add table ").append(table()).append('\n');
        for (KernelSet k : KernelSet.values()) {
            b.append("add set ").append(table()).append(' ').append(k.suffix()).append(" { type ")
                    .append(k.ipv4() ? "ipv4_addr" : "ipv6_addr").append("; flags ")
                    .append(k.interval() ? "interval, timeout" : "timeout")
                    .append(k.interval() ? "" : "; size 1048576").append("; }\n");
        }
        b.append("add counter ").append(table()).append(' ').append(COUNTER).append('\n');
        b.append("add chain ").append(table()).append(' ').append(CHAIN)
                .append(" { type filter hook prerouting priority raw; policy accept; }\n");
        b.append("flush chain ").append(table()).append(' ').append(CHAIN).append('\n');
        for (String rule : rules(s)) {
            b.append("add rule ").append(table()).append(' ').append(CHAIN).append(' ').append(rule).append('\n');
        }
        return b.toString();
    }

    /** The chain: trusted sources leave first, then banned ones are dropped. */
    static java.util.List<String> rules(EnforceSettings s) {
        String ports = switch (s.scope()) {
            case ALL -> "";
            case VOIP_PORTS -> " meta l4proto { tcp, udp } th dport { "
                    + s.voipPorts().stream().map(String::valueOf).collect(Collectors.joining(", ")) + " }";
        };
        java.util.List<String> r = new java.util.ArrayList<>();
        r.add("ip saddr @" + KernelSet.TRUST4.suffix() + " accept");
        r.add("ip6 saddr @" + KernelSet.TRUST6.suffix() + " accept");
        for (KernelSet k : KernelSet.values()) {
            if (!k.trust()) {
                r.add((k.ipv4() ? "ip" : "ip6") + " saddr @" + k.suffix() + ports + " counter name " + COUNTER + " drop");
            }
        }
        return r;
    }

    /** {@code add element} for the given elements (null timeout: permanent). */
    String add(KernelSet set, Map<Cidr, Duration> elements) {
        StringBuilder b = new StringBuilder(64 + elements.size() * 32);
        b.append("add element ").append(table()).append(' ').append(set.suffix()).append(" { ");
        boolean first = true;
        for (var e : elements.entrySet()) {
            if (!first) {
                b.append(", ");
            }
            first = false;
            b.append(element(e.getKey()));
            appendTimeout(b, e.getValue());
        }
        return b.append(" }\n").toString();
    }

    /**
     * Removal that does not fail when an element is already gone (nft 1.0.6 has no
     * {@code destroy}): add it without a timeout, then delete it, in the same transaction.
     */
    String remove(KernelSet set, Collection<Cidr> elements) {
        String list = " { " + elements.stream().map(NftText::element).collect(Collectors.joining(", ")) + " }\n";
        return "add element " + table() + ' ' + set.suffix() + list
                + "delete element " + table() + ' ' + set.suffix() + list;
    }

    /** Plain {@code delete element}: fails (whole transaction) if one element is already gone. */
    String delete(KernelSet set, Collection<Cidr> elements) {
        return "delete element " + table() + ' ' + set.suffix() + " { "
                + elements.stream().map(NftText::element).collect(Collectors.joining(", ")) + " }\n";
    }

    /** Sets an exact timeout whether or not the element exists (re-adding does not reset it on every kernel). */
    String replace(KernelSet set, Map<Cidr, Duration> elements) {
        return remove(set, elements.keySet()) + add(set, elements);
    }

    /**
     * Adds or updates to an exact timeout: a plain add where the kernel resets the timeout of an
     * existing element on re-add (checked at setup), else remove-then-add.
     */
    String upsert(KernelSet set, Map<Cidr, Duration> elements, boolean reAddResets) {
        return reAddResets ? add(set, elements) : replace(set, elements);
    }

    /** A throwaway set proving whether re-adding an element resets its timeout on this kernel. */
    String refreshProbe() {
        String set = table() + " refresh_probe";
        return "add set " + set + " { type ipv4_addr; flags timeout; }\n"
                + "add element " + set + " { 192.0.2.1 timeout 10s }\n"
                + "add element " + set + " { 192.0.2.1 timeout 1000s }\n";
    }

    /** The address or prefix, validated as a numeric literal. */
    static String element(Cidr c) {
        return KernelSet.literal(c);
    }

    static String timeout(Duration d) {
        StringBuilder b = new StringBuilder();
        appendTimeout(b, d);
        return b.toString();
    }

    /** A kernel timeout in milliseconds, at least 1 and capped at {@link #MAX_TIMEOUT}; 0 for a permanent element. */
    static long millis(Duration d) {
        if (d == null) {
            return 0;
        }
        Duration t = d.compareTo(MAX_TIMEOUT) > 0 ? MAX_TIMEOUT : d;
        return Math.max(1, t.toMillis());
    }

    /** " timeout 3600s500ms"; nothing for a permanent element; capped at {@link #MAX_TIMEOUT}. */
    static void appendTimeout(StringBuilder b, Duration d) {
        if (d == null) {
            return;
        }
        long ms = millis(d);
        long sec = ms / 1000;
        long rest = ms % 1000;
        b.append(" timeout ");
        if (sec > 0) {
            b.append(sec).append('s');
        }
        if (rest > 0) {
            b.append(rest).append("ms");
        }
    }
}
