package io.sipwarden.audit.check;

import io.sipwarden.audit.AuditFinding;
import io.sipwarden.audit.Evidence;
import io.sipwarden.audit.Rule;
import io.sipwarden.audit.conf.ConfFile;
import io.sipwarden.audit.conf.Section;
import io.sipwarden.audit.dialplan.Context;
import io.sipwarden.audit.dialplan.Dialplan;
import io.sipwarden.audit.dialplan.Extension;
import io.sipwarden.audit.dialplan.Reachability;
import io.sipwarden.audit.dialplan.Reachability.Hit;
import io.sipwarden.audit.dialplan.Reachability.Hop;
import io.sipwarden.audit.dialplan.Step;
import io.sipwarden.audit.dialplan.Trunks;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * [default] and the demo include, then the reachability proof: from every context an
 * unauthenticated caller can enter, is there a path to a trunk, and to international or premium
 * numbers? Authenticated phone contexts that dial abroad without a PIN are reported lower.
 */
final class DialplanChecks implements Check {

    static final int MAX_STATES = 20_000;
    static final int MAX_HITS = 200;
    private static final Set<String> DEAD_END = Set.of("noop", "hangup", "congestion", "busy", "answer", "wait",
            "verbose", "log", "set", "progress", "ringing", "playtones", "playback", "macroexit", "return");

    @Override
    public void run(AuditInput in, List<AuditFinding> out) {
        ConfFile ext = in.config().file("extensions.conf");
        if (!ext.present()) {
            return;
        }
        Dialplan plan = Dialplan.parse(ext);
        defaultContext(plan, out);
        demo(plan, out);
        Reachability r = new Reachability(plan, trunks(in.endpoints()), MAX_STATES);
        Map<String, List<String>> unauth = unauthenticatedEntries(in, plan);
        for (var e : unauth.entrySet()) {
            String ctx = e.getKey();
            String who = String.join("; ", e.getValue());
            Context c = plan.context(ctx);
            Hop start = new Hop(c.at(), "entry: " + who + " → [" + ctx + "]");
            List<Hit> hits = r.from(ctx, start, MAX_HITS);
            if (hits.isEmpty()) {
                continue;
            }
            Hit any = hits.getFirst();
            out.add(AuditFinding.of(Rule.GUEST_REACHES_TRUNK, "context " + ctx,
                    who + " can reach trunk " + any.target() + " with numbers like " + any.number(), evidence(any)));
            hits.stream().filter(h -> h.international() || h.premium()).findFirst().ifPresent(h ->
                    out.add(AuditFinding.of(Rule.GUEST_REACHES_INTERNATIONAL, "context " + ctx,
                            who + " can dial " + (h.international() ? "international" : "premium-rate")
                                    + " numbers through " + h.target() + " (pattern " + h.number() + ")", evidence(h))));
        }
        Map<String, Integer> authenticated = new LinkedHashMap<>();
        for (Endpoint e : in.endpoints()) {
            if (e.hasCredentials() && !e.trunk() && !unauth.containsKey(e.context()) && plan.context(e.context()) != null) {
                authenticated.merge(e.context(), 1, Integer::sum);
            }
        }
        for (var e : authenticated.entrySet()) {
            Context c = plan.context(e.getKey());
            Hop start = new Hop(c.at(), "entry: " + e.getValue() + " authenticated endpoint(s) → [" + e.getKey() + "]");
            r.from(e.getKey(), start, MAX_HITS).stream().filter(h -> h.international() && !h.pin()).findFirst()
                    .ifPresent(h -> out.add(AuditFinding.of(Rule.AUTH_INTERNATIONAL_NO_PIN, "context " + e.getKey(),
                            e.getValue() + " authenticated endpoint(s) can dial international numbers through "
                                    + h.target() + " (pattern " + h.number() + ") without a PIN", evidence(h))));
        }
    }

    private static List<Evidence> evidence(Hit h) {
        return h.path().stream().map(p -> Evidence.note(p.at(), p.text())).toList();
    }

    /** Context → who can enter it without authentication. */
    private static Map<String, List<String>> unauthenticatedEntries(AuditInput in, Dialplan plan) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        if (plan.context("default") != null) {
            add(m, "default", "fallback context [default]");
        }
        ConfFile sip = in.config().file("sip.conf");
        Section g = sip.first("general");
        Modules modules = new Modules(in.config().file("modules.conf"));
        if (sip.present() && !sip.objects().isEmpty() && modules.loaded("chan_sip.so")) {
            String ctx = g == null ? "default" : g.value("context", "default");
            if (g == null || Yes.is(g.value("allowguest", "yes"))) {
                add(m, ctx, "chan_sip guests (allowguest)");
            }
            if (g != null && (Yes.is(g.value("autocreatepeer", "no")) || g.value("autocreatepeer", "no").equals("persist"))) {
                add(m, ctx, "chan_sip autocreated peers");
            }
        }
        Map<String, Integer> open = new HashMap<>();
        for (Endpoint e : in.endpoints()) {
            if (e.name().equalsIgnoreCase("anonymous") && e.tech() == Endpoint.Tech.PJSIP) {
                add(m, e.context(), "pjsip anonymous endpoint");
            } else if (e.open()) {
                open.merge(e.context(), 1, Integer::sum);
            }
        }
        open.forEach((ctx, n) -> add(m, ctx, n + " endpoint(s) without authentication"));
        m.keySet().removeIf(ctx -> plan.context(ctx) == null);
        return m;
    }

    private static void add(Map<String, List<String>> m, String ctx, String who) {
        m.computeIfAbsent(ctx, k -> new ArrayList<>()).add(who);
    }

    private static void defaultContext(Dialplan plan, List<AuditFinding> out) {
        Context d = plan.context("default");
        if (d == null) {
            return;
        }
        for (Context.Include i : d.includes()) {
            out.add(AuditFinding.of(Rule.DEFAULT_NOT_DEAD_END, "context default",
                    "[default] includes [" + i.name() + "]", List.of(Evidence.note(i.at(), "include => " + i.name()))));
            return;
        }
        for (Extension e : d.extensions()) {
            for (Step s : e.steps()) {
                if (!DEAD_END.contains(s.app())) {
                    out.add(AuditFinding.of(Rule.DEFAULT_NOT_DEAD_END, "context default",
                            "[default] runs " + s.app() + "() for exten " + e.name(),
                            List.of(Evidence.note(s.at(), "exten => " + e.name() + ": " + Reachability.masked(s.shown())))));
                    return;
                }
            }
        }
    }

    private static void demo(Dialplan plan, List<AuditFinding> out) {
        for (Context c : plan.contexts()) {
            for (Context.Include i : c.includes()) {
                if (i.name().equalsIgnoreCase("demo")) {
                    out.add(AuditFinding.of(Rule.DEMO_INCLUDE, "context " + c.name(),
                            "[" + c.name() + "] includes the sample [demo] context",
                            List.of(Evidence.note(i.at(), "include => demo"))));
                }
            }
        }
    }

    private static Trunks trunks(List<Endpoint> endpoints) {
        Map<String, Boolean> known = new HashMap<>();
        for (Endpoint e : endpoints) {
            known.merge(e.tech().dial() + "/" + e.name(), e.trunk(), Boolean::logicalOr);
        }
        return new Trunks() {
            @Override
            public boolean isTrunk(String tech, String name) {
                return known.getOrDefault(tech + "/" + name, false);
            }

            @Override
            public boolean isPhone(String tech, String name) {
                return Boolean.FALSE.equals(known.get(tech + "/" + name));
            }
        };
    }

}
