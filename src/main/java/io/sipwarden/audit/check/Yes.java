package io.sipwarden.audit.check;

import java.util.Locale;
import java.util.Set;

/** Asterisk's ast_true(): the spellings it accepts as "yes". */
final class Yes {
    private static final Set<String> TRUE = Set.of("yes", "true", "y", "t", "1", "on");

    private Yes() {
    }

    static boolean is(String v) {
        return v != null && TRUE.contains(v.strip().toLowerCase(Locale.ROOT));
    }

    /** True when {@code addr} (maybe with :port or [v6]:port) is a loopback address or "localhost". */
    static boolean loopback(String addr) {
        String a = addr.strip().toLowerCase(Locale.ROOT);
        if (a.startsWith("[")) {
            int e = a.indexOf(']');
            a = e > 0 ? a.substring(1, e) : a;
        } else if (a.indexOf(':') == a.lastIndexOf(':') && a.indexOf(':') > 0) {
            a = a.substring(0, a.indexOf(':'));
        }
        return a.startsWith("127.") || a.equals("::1") || a.equals("localhost");
    }
}
