package io.sipwarden.sensor.ami;

import io.sipwarden.event.AuthFailure;
import io.sipwarden.event.AuthSuccess;
import io.sipwarden.event.SecurityEvent;
import io.sipwarden.net.Addresses;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The comparable core of a security event, (kind, address, account, reason, time), built two
 * independent ways: from an AMI transcript through the product's reader and mapper, and from
 * the scenario's security log by a small test-only oracle (the log sensor is another helper's).
 */
public record ScenarioEvents() {

    record Key(String kind, String address, String account, String reason, Instant time) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            return java.util.Comparator.comparing(Key::time).thenComparing(Key::kind).thenComparing(Key::address)
                    .thenComparing(Key::account).thenComparing(Key::reason).compare(this, o);
        }
    }

    static Key key(SecurityEvent e) {
        return switch (e) {
            case AuthFailure f -> new Key("AuthFailure", f.address().getHostAddress(), f.account(), f.reason().name(),
                    f.time());
            case AuthSuccess s -> new Key("AuthSuccess", s.address().getHostAddress(), s.account(), "", s.time());
            default -> new Key(e.getClass().getSimpleName(), e.address().getHostAddress(), "", "", e.time());
        };
    }

    /** Security events of a transcript, through AmiFrameReader and SecurityEventMapper. */
    public static List<SecurityEvent> fromTranscript(Transcript t) throws IOException {
        return fromBytes(t.events());
    }

    /**
     * Security events of transcript bytes with addresses rewritten ({@code "10.77.0.3" -> "81.2.69.142"}):
     * the private lab addresses become public ones for geography tests.
     */
    public static List<SecurityEvent> rewritten(String scenario, Map<String, String> addresses) throws IOException {
        String text = new String(Transcript.load(scenario).events(), StandardCharsets.ISO_8859_1);
        for (var e : addresses.entrySet()) {
            text = text.replace("/" + e.getKey() + "/", "/" + e.getValue() + "/");
        }
        return fromBytes(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    static List<SecurityEvent> fromBytes(byte[] bytes) throws IOException {
        AmiFrameReader r = new AmiFrameReader(new ByteArrayInputStream(bytes));
        SecurityEventMapper m = new SecurityEventMapper("replay");
        List<SecurityEvent> out = new ArrayList<>();
        AmiFrame f;
        while ((f = r.next()) != null) {
            SecurityEvent e = m.map(f, Instant.EPOCH);
            if (e != null) {
                out.add(e);
            }
        }
        return out;
    }

    private static final Pattern LINE = Pattern.compile(
            "SecurityEvent=\"([A-Za-z]+)\",EventTV=\"([^\"]+)\",Severity=\"[A-Za-z]+\",Service=\"([A-Z0-9]+)\","
            + "EventVersion=\"\\d+\",AccountID=\"(.*?)\",SessionID=.*RemoteAddress=\"IPV[46]/(?:[A-Z]+/)?([0-9a-fA-F.:]+)/\\d+\"");

    private static final Map<String, String> REASONS = Map.of(
            "InvalidAccountID", "UNKNOWN_ACCOUNT", "ChallengeResponseFailed", "WRONG_PASSWORD",
            "InvalidPassword", "WRONG_PASSWORD", "FailedACL", "ACL_DENIED");

    /** Expected keys from security-<scenario>.log (ChallengeSent excluded: never a failure). */
    static List<Key> fromSecurityLog(String scenario) throws IOException {
        List<Key> out = new ArrayList<>();
        for (String line : Files.readAllLines(Transcript.captures().resolve("security-" + scenario + ".log"),
                StandardCharsets.UTF_8)) {
            Matcher m = LINE.matcher(line);
            if (!m.find()) {
                continue;
            }
            String name = m.group(1);
            if (name.equals("ChallengeSent")) {
                continue;
            }
            Instant time = java.time.OffsetDateTime.parse(m.group(2),
                    java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ")).toInstant();
            String address = Addresses.parse(m.group(5)).getHostAddress();
            if (name.equals("SuccessfulAuth")) {
                out.add(new Key("AuthSuccess", address, m.group(4), "", time));
            } else {
                out.add(new Key("AuthFailure", address, m.group(4), REASONS.getOrDefault(name, "?" + name), time));
            }
        }
        return out;
    }

    /** "AMI security-class events by (Event, Service)" of SUMMARY.txt, e.g. {InvalidAccountID/PJSIP=2, ...}. */
    static Map<String, Integer> summaryCounts(String scenario) throws IOException {
        List<String> lines = Files.readAllLines(Transcript.captures().resolve("SUMMARY.txt"));
        boolean in = false;
        for (String l : lines) {
            if (l.startsWith("SCENARIO ")) {
                in = l.strip().equals("SCENARIO " + scenario);
            } else if (in && l.contains("AMI security-class events by (Event, Service):")) {
                Map<String, Integer> out = new java.util.TreeMap<>();
                for (String part : l.substring(l.indexOf("):") + 2).split(",")) {
                    String[] kv = part.strip().split("=");
                    out.put(kv[0], Integer.parseInt(kv[1]));
                }
                return out;
            }
        }
        throw new IllegalStateException("no summary for " + scenario);
    }
}
