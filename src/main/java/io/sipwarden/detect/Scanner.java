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
        String hit = match(client);
        if (hit != null) {
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
