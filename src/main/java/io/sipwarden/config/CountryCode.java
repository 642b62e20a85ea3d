package io.sipwarden.config;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/** An ISO 3166-1 alpha-2 country code (upper case), checked against the embedded list. */
public record CountryCode(String code) {

    private static final Set<String> KNOWN = load();

    public CountryCode {
        Objects.requireNonNull(code, "code");
        if (!KNOWN.contains(code)) {
            throw new IllegalArgumentException("unknown country code '" + code + "' (ISO 3166-1 alpha-2, e.g. FR, US, DE)");
        }
    }

    /** Accepts any case and surrounding blanks: {@code fr} is FR. */
    public static CountryCode parse(String text) {
        return new CountryCode(text.strip().toUpperCase(Locale.ROOT));
    }

    public static boolean isKnown(String code) {
        return KNOWN.contains(code);
    }

    @Override
    public String toString() {
        return code;
    }

    private static Set<String> load() {
        Set<String> codes = new HashSet<>();
        try (InputStream in = CountryCode.class.getResourceAsStream("iso3166-1-alpha2.txt")) {
            if (in == null) {
                throw new IllegalStateException("iso3166-1-alpha2.txt missing from the jar");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String s = line.strip();
                if (!s.isEmpty() && !s.startsWith("#")) {
                    codes.add(s);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(codes);
    }
}
