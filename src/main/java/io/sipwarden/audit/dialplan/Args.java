package io.sipwarden.audit.dialplan;

import java.util.ArrayList;
import java.util.List;

/** Splits dialplan application arguments at top-level separators, respecting ${…}, $[…], (…) and quotes. */
final class Args {
    private Args() {
    }

    static List<String> split(String s, char sep) {
        List<String> out = new ArrayList<>();
        int start = 0;
        int i;
        while ((i = index(s, sep, start)) >= 0) {
            out.add(s.substring(start, i).strip());
            start = i + 1;
        }
        out.add(s.substring(start).strip());
        return out;
    }

    /** Index of the first top-level {@code sep} at or after {@code from}, or -1. */
    static int index(String s, char sep, int from) {
        int depth = 0;
        boolean quoted = false;
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '(' || c == '{' || c == '[')) {
                depth++;
            } else if (!quoted && (c == ')' || c == '}' || c == ']')) {
                depth = Math.max(0, depth - 1);
            } else if (!quoted && depth == 0 && c == sep) {
                return i;
            }
        }
        return -1;
    }

    /** {@code cond?a:b} → [a, b] (either may be empty); anything without '?' → [s]. */
    static List<String> branches(String s) {
        int q = index(s, '?', 0);
        if (q < 0) {
            return List.of(s);
        }
        return split(s.substring(q + 1), ':');
    }
}
