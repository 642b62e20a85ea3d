package io.sipwarden.enforce;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.sipwarden.config.SettingException;
import io.sipwarden.net.Cidr;
import io.sipwarden.time.DurationText;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The {@code enforce:} section of the configuration: which kernel backend drops banned sources,
 * what it drops, and the perimeter ruleset of {@code sipwarden firewall}. Every field has a
 * default (see docs/enforcement.md); a missing field takes it.
 *
 * @param backend            nftables (default), ipset (ipset + iptables raw table), or log (no kernel)
 * @param scope              all: every packet from a banned source; voip_ports: only to {@code voipPorts}
 * @param voipPorts          ports dropped when scope is voip_ports (UDP and TCP)
 * @param removeOnStop       delete our table/sets at stop instead of leaving bans to expire in the kernel
 * @param reconcileInterval  how often the kernel sets are compared with the store
 * @param table              nftables table name (family inet) and prefix of ipset set names
 * @param trusted            addresses/prefixes never banned; also loaded into the kernel trusted sets
 * @param trustOwnAddresses  refuse bans on the host's own interface addresses (defence in depth)
 * @param libnftables        soname or path of libnftables
 * @param ipset              ipset backend commands
 * @param netns              network namespace to enforce in (empty: the daemon's own)
 * @param perimeter          the {@code sipwarden firewall} ruleset
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = false)
public record EnforceSettings(
        Backend backend,
        Scope scope,
        List<Integer> voipPorts,
        Boolean removeOnStop,
        @JsonDeserialize(using = DurationText.Deserializer.class) Duration reconcileInterval,
        String table,
        List<String> trusted,
        Boolean trustOwnAddresses,
        String libnftables,
        Ipset ipset,
        String netns,
        Perimeter perimeter) {

    /**
     * The longest nftables timeout we write: ban elements are capped here (reconcile refreshes
     * longer bans) and {@code perimeter.trap_ban} may not exceed it. nft 1.0.6 refuses a count of
     * nine digits or more ("timeout 100000000s": value too large, about 1157d) and Linux 6.18
     * refuses 2^64 ns and more (213504d: numerical result out of range), so a year stays well
     * inside what every nft and kernel we know of loads.
     */
    public static final Duration MAX_NFT_TIMEOUT = Duration.ofDays(365);

    /** The kernel mechanism. */
    public enum Backend {
        NFTABLES, IPSET, LOG;

        @JsonCreator
        public static Backend of(String text) {
            return parseEnum(Backend.class, "enforce.backend", text);
        }

        @JsonValue
        public String text() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What a ban drops. */
    public enum Scope {
        ALL, VOIP_PORTS;

        @JsonCreator
        public static Scope of(String text) {
            return parseEnum(Scope.class, "enforce.scope", text);
        }

        @JsonValue
        public String text() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static <E extends Enum<E>> E parseEnum(Class<E> type, String setting, String text) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(text == null ? "" : text.strip())) {
                return e;
            }
        }
        throw new IllegalArgumentException(setting + ": '" + text + "' is not one of "
                + java.util.Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT)).toList());
    }

    public EnforceSettings {
        backend = backend == null ? Backend.NFTABLES : backend;
        scope = scope == null ? Scope.ALL : scope;
        voipPorts = voipPorts == null || voipPorts.isEmpty() ? List.of(5060, 5061) : List.copyOf(voipPorts);
        for (int p : voipPorts) {
            checkPort("voip_ports", p);
        }
        removeOnStop = removeOnStop != null && removeOnStop;
        reconcileInterval = reconcileInterval == null ? Duration.ofMinutes(5) : reconcileInterval;
        if (reconcileInterval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("enforce.reconcile_interval must be at least 1s, got " + reconcileInterval);
        }
        table = table == null || table.isBlank() ? "sipwarden" : table.strip();
        if (!table.matches("[a-z][a-z0-9_]{0,15}")) {
            throw new IllegalArgumentException("enforce.table must be 1-16 of [a-z0-9_] starting with a letter, got '" + table + "'");
        }
        trusted = trusted == null ? List.of() : List.copyOf(trusted);
        for (String t : trusted) {
            try {
                Cidr.parse(t);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("enforce.trusted: " + e.getMessage());
            }
        }
        trustOwnAddresses = trustOwnAddresses == null || trustOwnAddresses;
        libnftables = libnftables == null || libnftables.isBlank() ? "libnftables.so.1" : libnftables.strip();
        ipset = ipset == null ? new Ipset(null, null, null) : ipset;
        netns = netns == null ? "" : netns.strip();
        if (!netns.isEmpty() && !netns.matches("[A-Za-z0-9_.-]{1,64}|/[A-Za-z0-9_./-]{1,200}")) {
            throw new IllegalArgumentException("enforce.netns: bad namespace name '" + netns + "'");
        }
        perimeter = perimeter == null ? Perimeter.defaults() : perimeter;
    }

    /** All defaults. */
    public static EnforceSettings defaults() {
        return new EnforceSettings(null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** The trusted prefixes, parsed. */
    public List<Cidr> trustedCidrs() {
        return trusted.stream().map(Cidr::parse).toList();
    }

    /** A copy acting in another network namespace (tests, containers). */
    public EnforceSettings withNetns(String ns) {
        return new EnforceSettings(backend, scope, voipPorts, removeOnStop, reconcileInterval, table, trusted,
                trustOwnAddresses, libnftables, ipset, ns, perimeter);
    }

    /** A copy with another backend. */
    public EnforceSettings withBackend(Backend b) {
        return new EnforceSettings(b, scope, voipPorts, removeOnStop, reconcileInterval, table, trusted,
                trustOwnAddresses, libnftables, ipset, netns, perimeter);
    }

    static void checkPort(String setting, int p) {
        if (p < 1 || p > 65535) {
            throw new IllegalArgumentException("enforce." + setting + ": port " + p + " out of range 1-65535");
        }
    }

    /**
     * Commands of the ipset backend.
     *
     * @param ipsetCommand    the ipset binary
     * @param iptablesCommand iptables binary for IPv4 (iptables-legacy on hosts without nf_tables)
     * @param ip6tablesCommand ip6tables binary for IPv6
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Ipset(String ipsetCommand, String iptablesCommand, String ip6tablesCommand) {
        public Ipset {
            ipsetCommand = ipsetCommand == null || ipsetCommand.isBlank() ? "ipset" : ipsetCommand.strip();
            iptablesCommand = iptablesCommand == null || iptablesCommand.isBlank() ? "iptables" : iptablesCommand.strip();
            ip6tablesCommand = ip6tablesCommand == null || ip6tablesCommand.isBlank() ? "ip6tables" : ip6tablesCommand.strip();
        }
    }

    /**
     * The perimeter ruleset ({@code sipwarden firewall apply}).
     *
     * @param table           nftables table name (family inet)
     * @param publicInterface interface facing the internet; bogon filtering needs it (empty: skipped)
     * @param trapPorts       TCP/UDP ports nobody legitimate connects to; a touch bans the source
     * @param trapBan         how long a trap-port touch bans the source from every port
     * @param sipPorts        ports where SIP rate limits apply
     * @param registerRate    REGISTERs per second per source before dropping (UDP), 0 = off
     * @param inviteRate      INVITEs per second per source before dropping (UDP), 0 = off
     * @param newConnRate     new connections (TCP and UDP flows) per second per source, 0 = off
     * @param nfqueue         hand NEW SIP packets to the inline sensor
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Perimeter(String table, String publicInterface, List<Integer> trapPorts,
                            @JsonDeserialize(using = DurationText.Deserializer.class) Duration trapBan,
                            List<Integer> sipPorts, Integer registerRate, Integer inviteRate, Integer newConnRate,
                            Nfqueue nfqueue) {
        public Perimeter {
            table = table == null || table.isBlank() ? "sipwarden_perimeter" : table.strip();
            if (!table.matches("[a-z][a-z0-9_]{0,30}")) {
                throw new IllegalArgumentException("enforce.perimeter.table: bad name '" + table + "'");
            }
            publicInterface = publicInterface == null ? "" : publicInterface.strip();
            if (!publicInterface.isEmpty() && !publicInterface.matches("[A-Za-z0-9_.@-]{1,15}")) {
                throw new IllegalArgumentException("enforce.perimeter.public_interface: bad interface name '" + publicInterface + "'");
            }
            // 22 is deliberately not a default trap: on most hosts the admin's own SSH listens there.
            trapPorts = trapPorts == null ? List.of(23, 1433, 3306, 3389, 5900) : List.copyOf(trapPorts);
            trapPorts.forEach(p -> checkPort("perimeter.trap_ports", p));
            trapBan = trapBan == null ? Duration.ofMinutes(10) : trapBan;
            if (trapBan.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new SettingException("trap_ban", "must be at least 1s, got " + DurationText.format(trapBan));
            }
            // It becomes the trap sets' "timeout Ns": beyond the limit the ruleset passed validation
            // and then failed to load in `sipwarden firewall apply`.
            if (trapBan.compareTo(MAX_NFT_TIMEOUT) > 0) {
                throw new SettingException("trap_ban", "must be at most " + DurationText.format(MAX_NFT_TIMEOUT)
                        + " (the longest nftables set timeout we write), got " + DurationText.format(trapBan));
            }
            sipPorts = sipPorts == null || sipPorts.isEmpty() ? List.of(5060) : List.copyOf(sipPorts);
            sipPorts.forEach(p -> checkPort("perimeter.sip_ports", p));
            registerRate = nonNegative("register_rate", registerRate, 20);
            inviteRate = nonNegative("invite_rate", inviteRate, 10);
            newConnRate = nonNegative("new_conn_rate", newConnRate, 50);
            nfqueue = nfqueue == null ? new Nfqueue(null, null, null) : nfqueue;
        }

        public static Perimeter defaults() {
            return new Perimeter(null, null, null, null, null, null, null, null, null);
        }

        private static int nonNegative(String name, Integer v, int dflt) {
            if (v == null) {
                return dflt;
            }
            if (v < 0) {
                throw new IllegalArgumentException("enforce.perimeter." + name + " must be >= 0, got " + v);
            }
            return v;
        }
    }

    /**
     * NFQUEUE hand-off of NEW SIP packets to the inline sensor.
     *
     * @param enabled off by default: without a reader bound, {@code bypass} decides what happens
     * @param num     queue number
     * @param bypass  let packets pass when no program is bound to the queue (fail-open)
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Nfqueue(Boolean enabled, Integer num, Boolean bypass) {
        public Nfqueue {
            enabled = enabled != null && enabled;
            num = num == null ? 0 : num;
            if (num < 0 || num > 65535) {
                throw new IllegalArgumentException("enforce.perimeter.nfqueue.num out of range 0-65535: " + num);
            }
            bypass = bypass == null || bypass;
        }
    }
}
