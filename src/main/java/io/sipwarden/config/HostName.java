package io.sipwarden.config;

import java.util.Locale;
import java.util.Objects;

/** A DNS host name (letters, digits, hyphens, dots), lower-cased; never an address literal. */
public record HostName(String name) {

    public HostName {
        Objects.requireNonNull(name, "name");
        if (!valid(name)) {
            throw new IllegalArgumentException("not a host name: '" + name + "'");
        }
    }

    public static HostName parse(String text) {
        String s = text.strip().toLowerCase(Locale.ROOT);
        return new HostName(s.endsWith(".") ? s.substring(0, s.length() - 1) : s);
    }

    private static boolean valid(String s) {
        if (s.isEmpty() || s.length() > 253) {
            return false;
        }
        boolean allNumeric = true;
        for (String label : s.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > 63 || label.startsWith("-") || label.endsWith("-")) {
                return false;
            }
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
                    return false;
                }
            }
            allNumeric &= label.chars().allMatch(Character::isDigit);
        }
        return !allNumeric; // 192.0.2.1 belongs in a network list, not here
    }

    @Override
    public String toString() {
        return name;
    }
}
