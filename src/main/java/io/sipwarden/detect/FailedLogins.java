package io.sipwarden.detect;

import io.sipwarden.decision.Texts;
import io.sipwarden.detect.DetectorSettings.Action;
import io.sipwarden.detect.DetectorSettings.Counting;
import io.sipwarden.event.AuthFailure;
import io.sipwarden.event.Service;
import io.sipwarden.time.CompactTime;
import io.sipwarden.time.DurationText;
import java.util.EnumSet;
import java.util.Set;

/**
 * N failed authentications (any reason: wrong password, unknown account, ACL, bad request) from
 * one source within a window, on a set of services. Two rules are this class:
 * SW-1001 brute force (SIP, IAX2) and SW-1008 manager login failures (AMI, HTTP/ARI) — separate
 * rules and counters because nobody mistypes an AMI secret in a loop, so its threshold is lower.
 */
final class FailedLogins implements Detector {
    static final String BRUTE_FORCE = "SW-1001";
    static final String MANAGER = "SW-1008";

    private final String rule;
    private final int revision;
    private final Set<Service> services;
    private final Finding.Severity severity;
    private final String noun;
    private final String accountWord;
    private final WindowCounter counter;
    private final boolean ban;
    private final String window;

    private FailedLogins(String rule, int revision, Set<Service> services, Finding.Severity severity, String noun,
                         String accountWord, Counting s) {
        this.rule = rule;
        this.revision = revision;
        this.services = services;
        this.severity = severity;
        this.noun = noun;
        this.accountWord = accountWord;
        this.counter = new WindowCounter(s.threshold(), CompactTime.seconds(s.window()));
        this.ban = s.action() == Action.BAN;
        this.window = DurationText.format(s.window());
    }

    static FailedLogins bruteForce(Counting s) {
        return new FailedLogins(BRUTE_FORCE, 1, EnumSet.of(Service.SIP, Service.IAX2), Finding.Severity.MEDIUM,
                "authentications", "for", s);
    }

    static FailedLogins manager(Counting s) {
        return new FailedLogins(MANAGER, 1, EnumSet.of(Service.AMI, Service.HTTP), Finding.Severity.HIGH, "logins", "as", s);
    }

    @Override
    public String rule() {
        return rule;
    }

    @Override
    public int revision() {
        return revision;
    }

    @Override
    public Columns columns() {
        return counter;
    }

    @Override
    public void observe(EnrichedEvent e, SourceSlot source, FindingSink out) {
        if (!(e.event() instanceof AuthFailure f) || !services.contains(f.service())) {
            return;
        }
        int start = counter.count(source.slot(), source.now());
        if (start != Integer.MIN_VALUE) {
            String reason = counter.threshold() + " failed " + f.service() + " " + noun + " within " + window
                    + " (last: " + describe(f.reason())
                    + (f.account().isEmpty() ? "" : " " + accountWord + " '" + Texts.safe(f.account(), 48) + "'") + ")";
            out.report(new Finding(rule, revision, f.address(), severity, reason, "",
                    CompactTime.toInstant(start), f.time(), counter.threshold(), ban));
        }
    }

    static String describe(AuthFailure.Reason r) {
        return switch (r) {
            case WRONG_PASSWORD -> "wrong password";
            case UNKNOWN_ACCOUNT -> "unknown account";
            case ACL_DENIED -> "denied by ACL";
            case BAD_REQUEST -> "bad request";
            case OTHER -> "rejected";
        };
    }
}
