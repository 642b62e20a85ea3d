package io.sipwarden.audit.dialplan;

import io.sipwarden.audit.conf.Location;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Follows the dialplan from a starting context the way a caller can drive it: every extension the
 * caller may dial, {@code include =>}, Goto/GotoIf/GotoIfTime, Gosub/GosubIf, Macro, ExecIf and
 * Local channels, down to each Dial() that leaves the PBX. The number dialled is carried along as
 * a {@link Pattern} so the report can say whether international or premium numbers get through.
 * Breadth-first, so the first path found to a target is a shortest one; bounded by a state limit.
 */
public final class Reachability {

    /** One step of a path, for evidence. */
    public record Hop(Location at, String text) {
    }

    /** A Dial() to a trunk that the start context can reach, the numbers that get there and how. */
    public record Hit(String target, Pattern number, List<Hop> path, boolean pin) {

        /**
         * True when the trunk can be handed an international number: 00 or + followed by at least 8
         * digits, or a pattern that literally begins with 011. A pattern such as {@code _0[1-9].} can
         * produce 011… too, but that is the shape of a European national route (which excludes 00),
         * where 011 is a national prefix; NANP catch-alls ({@code _X.}, {@code _0.}) also allow 00 and are caught.
         */
        public boolean international() {
            return number.canStartWith("00", 8) || number.canStartWith("+", 8) || number.startsLiterally("011");
        }

        /** True when the trunk can be handed a premium-rate number (NANP 900/976, European 090x, 0137). */
        public boolean premium() {
            return PREMIUM.stream().anyMatch(p -> number.canStartWith(p, 4));
        }
    }

    static final List<String> PREMIUM = List.of("1900", "1976", "900", "976", "0900", "0906", "0908", "0909", "0137");
    private static final Set<String> TERMINAL = Set.of("hangup", "congestion", "busy", "return", "macroexit", "goto");
    private static final Set<String> PIN = Set.of("authenticate", "vmauthenticate");

    private record State(String ctx, Pattern enter, Pattern number, boolean pin) {
    }

    private record Node(State state, Node parent, Hop hop) {
    }

    private final Dialplan plan;
    private final Trunks trunks;
    private final int maxStates;
    private boolean truncated;

    public Reachability(Dialplan plan, Trunks trunks, int maxStates) {
        this.plan = plan;
        this.trunks = trunks;
        this.maxStates = maxStates;
    }

    /** True when the last {@link #from} stopped at the state limit (results may be incomplete). */
    public boolean truncated() {
        return truncated;
    }

    /** Trunk dials reachable from {@code context}; at most {@code maxHits}. */
    public List<Hit> from(String context, Hop start, int maxHits) {
        truncated = false;
        List<Hit> hits = new ArrayList<>();
        Set<State> seen = new HashSet<>();
        Deque<Node> queue = new ArrayDeque<>();
        State first = new State(context, null, null, false);
        seen.add(first);
        queue.add(new Node(first, null, start));
        while (!queue.isEmpty() && hits.size() < maxHits) {
            if (seen.size() > maxStates) {
                truncated = true;
                break;
            }
            Node node = queue.poll();
            Context c = plan.context(node.state().ctx());
            if (c == null) {
                continue;
            }
            for (Context.Include inc : c.includes()) {
                push(new State(inc.name(), node.state().enter(), node.state().number(), node.state().pin()),
                        node, new Hop(inc.at(), "include => " + inc.name()), seen, queue);
            }
            for (Extension e : c.extensionView()) {
                State st = node.state();
                if (st.enter() != null && !e.pattern().intersects(st.enter())) {
                    continue;
                }
                Pattern cur = st.number() != null ? st.number() : e.pattern();
                Node extNode = new Node(st, node, new Hop(e.at(), "[" + c.name() + "] exten => " + e.name()));
                walk(e, cur, st.pin(), extNode, hits, seen, queue);
            }
        }
        return hits;
    }

    private void walk(Extension e, Pattern cur, boolean pin, Node extNode, List<Hit> hits, Set<State> seen, Deque<Node> queue) {
        boolean dead = false;
        for (Step s : e.steps()) {
            if (dead && s.label().isEmpty()) {
                continue;
            }
            dead = false;
            pin |= step(s, s.app(), s.args(), cur, pin, extNode, hits, seen, queue);
            dead = TERMINAL.contains(s.app());
        }
    }

    /** Handles one application call; returns true when it asks for a PIN. */
    private boolean step(Step s, String app, String rawArgs, Pattern cur, boolean pin, Node from,
                         List<Hit> hits, Set<State> seen, Deque<Node> queue) {
        String args = plan.expand(rawArgs);
        Hop hop = new Hop(s.at(), masked(app + "(" + rawArgs + ")"));
        switch (app) {
            case "dial" -> {
                String targets = Args.split(args, ',').getFirst();
                for (String t : targets.split("&")) {
                    dial(DialTarget.parse(t.strip(), trunks), cur, pin, from, hop, hits, seen, queue);
                }
            }
            case "goto", "gotoif", "gotoiftime", "gosub", "gosubif" -> {
                for (String label : Args.branches(args)) {
                    label(label, app.startsWith("gosub"), cur, pin, from, hop, seen, queue);
                }
            }
            case "macro" -> {
                String name = Args.split(args, ',').getFirst();
                if (name.toLowerCase(java.util.Locale.ROOT).contains("pinset")) {
                    return true;
                }
                if (!name.contains("${")) {
                    push(new State("macro-" + name, Pattern.of("s"), cur, pin), from, hop, seen, queue);
                }
            }
            case "execif", "exec" -> {
                for (String inner : app.equals("exec") ? List.of(args) : Args.branches(args)) {
                    if (!inner.isBlank()) {
                        Step sub = Dialplan.call(inner, "", s.at());
                        pin |= step(s, sub.app(), sub.args(), cur, pin, from, hits, seen, queue);
                    }
                }
                return pin;
            }
            default -> {
                return PIN.contains(app);
            }
        }
        return false;
    }

    private void dial(DialTarget t, Pattern cur, boolean pin, Node from, Hop hop, List<Hit> hits,
                      Set<State> seen, Deque<Node> queue) {
        switch (t.kind()) {
            case LOCAL -> {
                if (!t.name().contains("${")) {
                    push(new State(t.name(), derive(t.number(), cur), derive(t.number(), cur), pin), from, hop, seen, queue);
                }
            }
            case TRUNK -> {
                List<Hop> path = path(from);
                path.add(hop);
                hits.add(new Hit(t.tech() + "/" + t.name(), derive(t.number(), cur), path, pin));
            }
            case PHONE, UNKNOWN -> { }
        }
    }

    /** {@code [[context,]exten,]priority[(args)]}. */
    private void label(String label, boolean sub, Pattern cur, boolean pin, Node from, Hop hop, Set<State> seen, Deque<Node> queue) {
        if (label.isBlank()) {
            return;
        }
        List<String> parts = Args.split(label, ',');
        if (sub) {
            String last = parts.getLast();
            int p = last.indexOf('(');
            if (p >= 0) {
                parts = new ArrayList<>(parts);
                parts.set(parts.size() - 1, last.substring(0, p));
            }
        }
        String ctx;
        String ext;
        if (parts.size() >= 3) {
            ctx = parts.get(0);
            ext = parts.get(1);
        } else if (parts.size() == 2) {
            ctx = from.state().ctx();
            ext = parts.get(0);
        } else {
            return;
        }
        if (ctx.contains("${") || ext.isEmpty()) {
            return;
        }
        Pattern enter = ext.contains("$") ? derive(ext, cur) : Pattern.of(ext);
        Pattern number = sub || !ext.contains("${EXTEN") ? cur : enter;
        push(new State(ctx, enter, number, pin), from, hop, seen, queue);
    }

    /** The number an expression such as {@code 9${EXTEN:1}} or {@code ${ARG2}} yields, given the caller's number. */
    static Pattern derive(String expr, Pattern cur) {
        String e = expr.strip();
        if (e.isEmpty()) {
            return cur;
        }
        int i = e.indexOf("${EXTEN");
        if (i >= 0) {
            String prefix = e.substring(0, i);
            int close = e.indexOf('}', i);
            String inner = close < 0 ? "" : e.substring(i + 7, close);
            int k = 0;
            if (inner.startsWith(":")) {
                String[] p = inner.substring(1).split(":");
                try {
                    k = Integer.parseInt(p[0].strip());
                } catch (NumberFormatException ex) {
                    k = 0;
                }
            }
            Pattern p = k >= 0 ? cur.shift(k) : cur;
            return prefix.contains("$") ? p : p.prepend(prefix);
        }
        if (e.contains("$")) {
            return cur;
        }
        return Pattern.of(e);
    }

    private void push(State s, Node from, Hop hop, Set<State> seen, Deque<Node> queue) {
        if (seen.add(s)) {
            queue.add(new Node(s, from, hop));
        }
    }

    private static List<Hop> path(Node n) {
        List<Hop> l = new ArrayList<>();
        for (Node x = n; x != null; x = x.parent()) {
            if (x.hop() != null) {
                l.add(0, x.hop());
            }
        }
        return l;
    }

    /**
     * Dial strings may embed credentials (IAX2/user:secret@host): keep them out of evidence. chan_iax2
     * takes everything from the first ':' to the '@' as the secret, colons included.
     */
    public static String masked(String s) {
        return s.replaceAll(":[^@/,()]+@", ":********@");
    }
}
