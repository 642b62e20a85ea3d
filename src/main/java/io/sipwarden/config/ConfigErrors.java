package io.sipwarden.config;

import java.util.ArrayList;
import java.util.List;

/**
 * The errors of one configuration read: the first {@value #KEPT} in full, the rest only counted.
 * A broken or hostile configuration (a list of a million bad entries, conf.d with thousands of
 * bad files) would otherwise cost memory, and a screen of output, for every mistake.
 */
final class ConfigErrors {

    /** Enough to fix a file by; beyond it the same mistake is usually repeated. */
    static final int KEPT = 100;

    private final List<ConfigError> kept = new ArrayList<>();
    private long count;

    void add(ConfigError error) {
        count++;
        if (kept.size() < KEPT) {
            kept.add(error);
        }
    }

    /** Every error so far, kept or only counted: "did this step find one?" compares two counts. */
    long count() {
        return count;
    }

    boolean isEmpty() {
        return count == 0;
    }

    ConfigException exception() {
        return new ConfigException(kept, count - kept.size());
    }
}
