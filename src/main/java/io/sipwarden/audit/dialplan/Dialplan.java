package io.sipwarden.audit.dialplan;

import io.sipwarden.audit.conf.ConfFile;
import io.sipwarden.audit.conf.Location;
import io.sipwarden.audit.conf.Section;
import io.sipwarden.audit.conf.Setting;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** extensions.conf as contexts of extensions of steps, plus the {@code [globals]} for variable lookup. */
public final class Dialplan {

    private final Map<String, Context> contexts = new LinkedHashMap<>();
    private final Map<String, String> globals = new HashMap<>();

    private Dialplan() {
    }

    public static Dialplan parse(ConfFile extensions) {
        Dialplan d = new Dialplan();
        for (Section s : extensions.sections()) {
            String n = s.name();
            if (n.equalsIgnoreCase("general")) {
                continue;
            }
            if (n.equalsIgnoreCase("globals")) {
                s.settings().forEach(v -> d.globals.put(v.key(), v.value()));
                continue;
            }
            if (s.template()) {
                continue;
            }
            Context c = d.contexts.computeIfAbsent(n, k -> new Context(k, s.at()));
            d.read(c, s);
        }
        return d;
    }

    private void read(Context c, Section s) {
        Extension last = null;
        for (Setting v : s.settings()) {
            String key = v.key().toLowerCase(Locale.ROOT);
            switch (key) {
                case "exten" -> last = exten(c, v);
                case "same" -> {
                    if (last != null) {
                        step(last, v.value(), v.at());
                    }
                }
                case "include" -> {
                    String name = v.value();
                    int comma = name.indexOf(',');
                    int bar = name.indexOf('|');
                    int cut = comma < 0 ? bar : bar < 0 ? comma : Math.min(comma, bar);
                    c.include(new Context.Include((cut < 0 ? name : name.substring(0, cut)).strip(), v.at()));
                }
                default -> { }
            }
        }
    }

    private static Extension exten(Context c, Setting v) {
        String val = v.value();
        int comma = val.indexOf(',');
        if (comma <= 0) {
            return null;
        }
        String ext = val.substring(0, comma).strip();
        int cid = ext.indexOf('/');
        if (cid > 0) {
            ext = ext.substring(0, cid);
        }
        Extension e = c.extension(ext, v.at());
        step(e, val.substring(comma + 1), v.at());
        return e;
    }

    /** {@code priority(label),App(args)} after the extension. Hints are not steps. */
    private static void step(Extension e, String rest, Location at) {
        int comma = rest.indexOf(',');
        String prio = (comma < 0 ? rest : rest.substring(0, comma)).strip();
        if (prio.equalsIgnoreCase("hint")) {
            return;
        }
        String label = "";
        int lp = prio.indexOf('(');
        if (lp >= 0 && prio.endsWith(")")) {
            label = prio.substring(lp + 1, prio.length() - 1);
        }
        String call = comma < 0 ? "" : rest.substring(comma + 1).strip();
        e.add(call(call, label, at));
    }

    /** Parses {@code App(args)} (or the old {@code App,args}). */
    static Step call(String call, String label, Location at) {
        int paren = call.indexOf('(');
        int comma = call.indexOf(',');
        String app;
        String args;
        if (paren >= 0 && (comma < 0 || paren < comma)) {
            app = call.substring(0, paren);
            int close = call.lastIndexOf(')');
            args = close > paren ? call.substring(paren + 1, close) : call.substring(paren + 1);
        } else if (comma >= 0) {
            app = call.substring(0, comma);
            args = call.substring(comma + 1);
        } else {
            app = call;
            args = "";
        }
        return new Step(app.strip().toLowerCase(Locale.ROOT), args.strip(), label, at);
    }

    public Context context(String name) {
        return contexts.get(name);
    }

    public Iterable<Context> contexts() {
        return contexts.values();
    }

    public int size() {
        return contexts.size();
    }

    /** Replaces {@code ${NAME}} of a [globals] variable with its value (one level, as most dialplans need). */
    public String expand(String s) {
        if (!s.contains("${") || globals.isEmpty()) {
            return s;
        }
        StringBuilder b = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            int start = s.indexOf("${", i);
            if (start < 0) {
                b.append(s, i, s.length());
                break;
            }
            int end = s.indexOf('}', start);
            if (end < 0) {
                b.append(s, i, s.length());
                break;
            }
            String name = s.substring(start + 2, end);
            b.append(s, i, start);
            String g = globals.get(name);
            b.append(g != null ? g : s.substring(start, end + 1));
            i = end + 1;
        }
        return b.toString();
    }

}
