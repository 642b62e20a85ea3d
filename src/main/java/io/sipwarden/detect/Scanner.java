package io.sipwarden.detect;

import io.sipwarden.decision.Texts;
import io.sipwarden.detect.DetectorSettings.Action;
import io.sipwarden.event.AuthFailure;
import io.sipwarden.event.RequestSeen;
import java.util.List;

/**
 * SW-1003: the client names a known attack tool (User-Agent, or the From display name that
 * sipvicious forges). Fires on first sight. Matching is a case-insensitive substring test that
 * allocates nothing; sipsak and PortSIP are deliberately not in the default list (legitimate
 * monitoring tool and softphone SDK).
 */
final class Scanner implements Detector {
    static final String RULE = "SW-1003";
    static final int REVISION = 1;

    private final String[] patterns;
    private final boolean ban;
    // Clients repeat (a PBX sees a handful of User-Agents): a small direct-mapped cache of
    // recent verdicts turns 12 substring scans into one hash and one equals.
    private static final int CACHE = 256;
    private final String[] seen = new String[CACHE];
    private final String[] verdict = new String[CACHE];
    private static final String NO_MATCH = new String("no match");

    Scanner(DetectorSettings.Scanner s) {
        List<String> clients = s.clients();
        this.patterns = clients.toArray(String[]::new);
        this.ban = s.action() == Action.BAN;
    }

    @Override
    public String rule() {
        return RULE;
    }

    @Override
    public int revision() {
        return REVISION;
    }

    @Override
    public void observe(EnrichedEvent e, SourceSlot source, FindingSink out) {
        String client = switch (e.event()) {
            case AuthFailure f -> f.client();
            case RequestSeen r -> r.client();
            default -> "";
        };
        if (client.isEmpty()) {
            return;
        }
        int h = client.hashCode();
        int i = (h ^ (h >>> 16)) & (CACHE - 1);
        String hit;
        if (client.equals(seen[i])) {
            hit = verdict[i];
        } else {
            hit = match(client);
            if (client.length() <= 256) {
                seen[i] = client;
                verdict[i] = hit == null ? NO_MATCH : hit;
            }
            hit = hit == null ? NO_MATCH : hit;
        }
        if (hit != NO_MATCH) {
            out.report(new Finding(RULE, REVISION, e.event().address(), Finding.Severity.HIGH,
                    "client '" + Texts.safe(client, 64) + "' is the attack tool " + hit, "",
                    e.event().time(), e.event().time(), 1, ban));
        }
    }

    String match(String client) {
        for (String p : patterns) {
            int last = client.length() - p.length();
            char first = p.charAt(0);
            for (int i = 0; i <= last; i++) {
                char c = client.charAt(i);
                if ((c == first || Character.toLowerCase(c) == first) && client.regionMatches(true, i, p, 0, p.length())) {
                    return p;
                }
            }
        }
        return null;
    }
}
