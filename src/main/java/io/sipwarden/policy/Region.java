package io.sipwarden.policy;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.sipwarden.config.CountryCode;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A region entry: an ISO 3166-2 code ({@code US-MN}, its country part checked) or a name as
 * the database gives it ({@code Minnesota}). Compared without regard to case.
 */
public record Region(String text) {

    private static final Pattern ISO = Pattern.compile("[A-Za-z]{2}-[A-Za-z0-9]{1,3}");

    public Region {
        text = text.strip();
        if (text.isEmpty() || text.length() > 100) {
            throw new IllegalArgumentException("a region must be an ISO 3166-2 code such as US-MN or a region name");
        }
        if (ISO.matcher(text).matches()) {
            text = text.toUpperCase(Locale.ROOT);
            if (!CountryCode.isKnown(text.substring(0, 2))) {
                throw new IllegalArgumentException("unknown country '" + text.substring(0, 2) + "' in region " + text);
            }
        }
    }

    @JsonCreator
    public static Region parse(String text) {
        return new Region(text);
    }

    /** Lower-cased form used for matching. */
    String key() {
        return text.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return text;
    }
}
