package io.sipwarden.sensor.ami;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code ami} section of the configuration: one entry per PBX, and call control. Every
 * setting has a default (see docs/ami.md); {@link #problems()} validates the whole section once.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = false)
public record AmiSettings(List<Connection> connections, CallControl callControl) {

    public AmiSettings {
        connections = connections == null ? List.of() : List.copyOf(connections);
        callControl = callControl == null ? CallControl.DEFAULT : callControl;
        // Validated once, when the section is bound: the loader reports it with file and line.
        List<String> wrong = problems(connections);
        if (!wrong.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", wrong));
        }
    }

    /** How to log in. */
    public enum Auth {
        MD5, PLAIN;

        /** Reads {@code md5} or {@code plain}, any case. */
        @com.fasterxml.jackson.annotation.JsonCreator
        public static Auth of(String s) {
            return switch (s == null ? "" : s.strip().toLowerCase(Locale.ROOT)) {
                case "md5" -> MD5;
                case "plain" -> PLAIN;
                default -> throw new IllegalArgumentException("auth: '" + io.sipwarden.decision.Texts.safe(s, 20)
                        + "' is not md5 or plain");
            };
        }
    }

    /** One AMI connection (one PBX). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Connection(String name, String host, Integer port, Boolean tls, String tlsCaFile,
                             String username, String secret, String secretFile, Auth auth, String events,
                             @JsonDeserialize(using = io.sipwarden.time.DurationText.Deserializer.class)
                             @JsonSerialize(using = io.sipwarden.time.DurationText.Serializer.class) Duration pingInterval,
                             @JsonDeserialize(using = io.sipwarden.time.DurationText.Deserializer.class)
                             @JsonSerialize(using = io.sipwarden.time.DurationText.Serializer.class) Duration pingTimeout,
                             @JsonDeserialize(using = io.sipwarden.time.DurationText.Deserializer.class)
                             @JsonSerialize(using = io.sipwarden.time.DurationText.Serializer.class) Duration reconnectMin,
                             @JsonDeserialize(using = io.sipwarden.time.DurationText.Deserializer.class)
                             @JsonSerialize(using = io.sipwarden.time.DurationText.Serializer.class) Duration reconnectMax,
                             @JsonDeserialize(using = io.sipwarden.time.DurationText.Deserializer.class)
                             @JsonSerialize(using = io.sipwarden.time.DurationText.Serializer.class) Duration alarmAfter) {

        /** The event classes SIPWarden needs; {@code security} is the one that matters. */
        public static final String DEFAULT_EVENTS = "security,system,call,cdr";

        public Connection {
            name = name == null ? "" : name;
            host = host == null ? "127.0.0.1" : host;
            tls = tls != null && tls;
            port = port == null ? (tls ? 5039 : 5038) : port;
            tlsCaFile = tlsCaFile == null ? "" : tlsCaFile;
            username = username == null ? "" : username;
            secret = secret == null ? "" : secret;
            secretFile = secretFile == null ? "" : secretFile;
            auth = auth == null ? Auth.MD5 : auth;
            events = events == null ? DEFAULT_EVENTS : events;
            pingInterval = pingInterval == null ? Duration.ofSeconds(20) : pingInterval;
            pingTimeout = pingTimeout == null ? Duration.ofSeconds(5) : pingTimeout;
            reconnectMin = reconnectMin == null ? Duration.ofSeconds(1) : reconnectMin;
            reconnectMax = reconnectMax == null ? Duration.ofSeconds(60) : reconnectMax;
            alarmAfter = alarmAfter == null ? Duration.ofSeconds(60) : alarmAfter;
        }

        /** A connection with defaults for everything but the essentials (tests, doctor). */
        public static Connection of(String name, String host, int port, String username, String secret) {
            return new Connection(name, host, port, false, null, username, secret, null, null, null,
                    null, null, null, null, null);
        }

        public Connection withTimings(Duration pingInterval, Duration pingTimeout, Duration reconnectMin,
                                      Duration reconnectMax, Duration alarmAfter) {
            return new Connection(name, host, port, tls, tlsCaFile, username, secret, secretFile, auth, events,
                    pingInterval, pingTimeout, reconnectMin, reconnectMax, alarmAfter);
        }

        public Connection withAuth(Auth a) {
            return new Connection(name, host, port, tls, tlsCaFile, username, secret, secretFile, a, events,
                    pingInterval, pingTimeout, reconnectMin, reconnectMax, alarmAfter);
        }

        public Connection withTls(boolean on, String caFile) {
            return new Connection(name, host, port, on, caFile, username, secret, secretFile, auth, events,
                    pingInterval, pingTimeout, reconnectMin, reconnectMax, alarmAfter);
        }

        /**
         * The secret, from {@code secret} or the first line of {@code secret_file}.
         *
         * @throws IOException naming the file (never its content) when it cannot be read
         */
        public String resolveSecret() throws IOException {
            if (!secretFile.isEmpty()) {
                String text = Files.readString(Path.of(secretFile), StandardCharsets.UTF_8);
                int nl = text.indexOf('\n');
                return (nl < 0 ? text : text.substring(0, nl)).strip();
            }
            return secret;
        }

        /** The host and user, for messages: never the secret. */
        public String describe() {
            return "ami." + name + " (" + username + "@" + host + ":" + port + (tls ? " tls" : "") + ")";
        }

        /** Never prints the secret. */
        @Override
        public String toString() {
            return "Connection[" + describe() + ", auth=" + auth + ", events=" + events + ", secret="
                    + (secret.isEmpty() ? (secretFile.isEmpty() ? "none" : "file " + secretFile) : "***") + "]";
        }
    }

    /** Hanging up live calls of banned addresses. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record CallControl(Boolean enabled, List<String> onRules) {
        /** Geolock, impossible travel (a hijacked endpoint) and the toll-fraud rules. */
        public static final List<String> DEFAULT_RULES = List.of("SW-1005", "SW-1006", "SW-2*");
        public static final CallControl DEFAULT = new CallControl(true, DEFAULT_RULES);

        public CallControl {
            enabled = enabled == null || enabled;
            onRules = onRules == null ? DEFAULT_RULES : List.copyOf(onRules);
        }

        /** Whether decisions of this rule hang up calls; a trailing {@code *} matches a prefix. */
        public boolean appliesTo(String rule) {
            if (!enabled) {
                return false;
            }
            for (String r : onRules) {
                if (r.endsWith("*") ? rule.startsWith(r.substring(0, r.length() - 1)) : rule.equals(r)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Everything wrong with the section, each message naming the setting; empty when valid. */
    public List<String> problems() {
        return problems(connections);
    }

    private static List<String> problems(List<Connection> connections) {
        List<String> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < connections.size(); i++) {
            Connection c = connections.get(i);
            String at = "ami.connections[" + i + "]";
            if (c.name().isBlank()) {
                out.add(at + ".name: required (names the PBX in events and status)");
            } else if (!names.add(c.name())) {
                out.add(at + ".name: '" + c.name() + "' is used twice");
            }
            if (c.host().isBlank()) {
                out.add(at + ".host: required");
            }
            if (c.port() < 1 || c.port() > 65535) {
                out.add(at + ".port: " + c.port() + " is not a TCP port");
            }
            if (c.username().isBlank()) {
                out.add(at + ".username: required");
            }
            if (c.secret().isEmpty() == c.secretFile().isEmpty()) {
                out.add(at + ": set exactly one of secret and secret_file");
            } else if (!c.secretFile().isEmpty() && !Files.isReadable(Path.of(c.secretFile()))) {
                out.add(at + ".secret_file: cannot read " + c.secretFile());
            }
            if (!c.tlsCaFile().isEmpty() && !Files.isReadable(Path.of(c.tlsCaFile()))) {
                out.add(at + ".tls_ca_file: cannot read " + c.tlsCaFile());
            }
            if (!c.tls() && !c.tlsCaFile().isEmpty()) {
                out.add(at + ".tls_ca_file: set, but tls is false");
            }
            positive(out, at + ".ping_interval", c.pingInterval());
            positive(out, at + ".ping_timeout", c.pingTimeout());
            positive(out, at + ".reconnect_min", c.reconnectMin());
            positive(out, at + ".alarm_after", c.alarmAfter());
            notAbsurd(out, at + ".ping_interval", c.pingInterval());
            notAbsurd(out, at + ".ping_timeout", c.pingTimeout());
            notAbsurd(out, at + ".reconnect_min", c.reconnectMin());
            notAbsurd(out, at + ".reconnect_max", c.reconnectMax());
            notAbsurd(out, at + ".alarm_after", c.alarmAfter());
            if (c.reconnectMax().compareTo(c.reconnectMin()) < 0) {
                out.add(at + ".reconnect_max: " + c.reconnectMax() + " is less than reconnect_min " + c.reconnectMin());
            }
            if (!c.events().toLowerCase(Locale.ROOT).contains("security") && !c.events().equalsIgnoreCase("on")) {
                out.add(at + ".events: '" + c.events() + "' lacks class security: no security events would arrive");
            }
        }
        return out;
    }

    /** Longest timing accepted: the keepalive timer works in nanoseconds, which overflow after 292 years. */
    private static final Duration MAX_TIMING = Duration.ofDays(365);

    private static void notAbsurd(List<String> out, String setting, Duration d) {
        if (d.compareTo(MAX_TIMING) > 0) {
            out.add(setting + ": must be at most 365d, is " + io.sipwarden.time.DurationText.format(d));
        }
    }

    private static void positive(List<String> out, String setting, Duration d) {
        if (d.isNegative() || d.isZero()) {
            out.add(setting + ": must be positive, is " + d);
        }
    }
}
