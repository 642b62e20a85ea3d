package io.sipwarden.config;

import java.util.ArrayList;
import java.util.List;

/**
 * The configuration cannot be used; carries every error found, not just the first, up to
 * {@value ConfigErrors#KEPT} of them, and how many more there were.
 */
public final class ConfigException extends Exception {

    private final transient List<ConfigError> errors;
    private final long more;

    public ConfigException(List<ConfigError> errors) {
        this(errors, 0);
    }

    ConfigException(List<ConfigError> errors, long more) {
        super(summary(errors.size() + more) + ":\n" + String.join("\n", lines(errors, more)));
        this.errors = List.copyOf(errors);
        this.more = more;
    }

    /** The errors kept, in the order found. */
    public List<ConfigError> errors() {
        return errors;
    }

    /** Errors found beyond {@link #errors()}, counted but not kept. */
    public long more() {
        return more;
    }

    /** Every error found. */
    public long total() {
        return errors.size() + more;
    }

    /** What to print: each error kept, then a line saying how many more were not shown. */
    public List<String> lines() {
        return lines(errors, more);
    }

    /** "1 configuration error", "250 configuration errors". */
    public String summary() {
        return summary(total());
    }

    private static String summary(long n) {
        return n + " configuration error" + (n == 1 ? "" : "s");
    }

    private static List<String> lines(List<ConfigError> errors, long more) {
        List<String> out = new ArrayList<>(errors.size() + 1);
        errors.forEach(e -> out.add(e.toString()));
        if (more > 0) {
            out.add("... and " + more + " more configuration error" + (more == 1 ? "" : "s")
                    + " (only the first " + errors.size() + " are shown)");
        }
        return out;
    }
}
