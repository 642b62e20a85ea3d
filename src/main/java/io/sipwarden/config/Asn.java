package io.sipwarden.config;

import java.util.Locale;

/** An autonomous system number, written {@code 4134} or {@code AS4134}. */
public record Asn(long number) {

    public Asn {
        if (number <= 0 || number > 4_294_967_295L) {
            throw new IllegalArgumentException("AS number " + number + " out of range (1..4294967295)");
        }
    }

    public static Asn parse(String text) {
        String s = text.strip().toUpperCase(Locale.ROOT);
        if (s.startsWith("AS")) {
            s = s.substring(2);
        }
        if (s.isEmpty() || s.length() > 10 || !s.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("not an AS number: '" + text.strip() + "' (write 4134 or AS4134)");
        }
        return new Asn(Long.parseLong(s));
    }

    @Override
    public String toString() {
        return "AS" + number;
    }
}
