package io.sipwarden.audit.check;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Tests an md5secret / md5_cred (md5 of "user:realm:password") against the passwords an attacker
 * tries first: names derived from the account and the head of zxcvbn's own common-password list
 * (read from the zxcvbn jar, not a copy of ours). A hit means the password is as weak as a plain one.
 */
final class Md5Guess {

    /** How much of zxcvbn's frequency-ranked password list to try per hash. */
    static final int COMMON = 2000;
    private static final String LIST = "/com/nulabinc/zxcvbn/matchers/dictionaries/passwords.txt";
    private static volatile List<String> common;

    private Md5Guess() {
    }

    /** The kind of password that produced the hash, or null when none of the guesses did. */
    static String crack(String hash, String user, String realm, String extension) {
        String want = hash.strip().toLowerCase(Locale.ROOT);
        if (want.length() != 32) {
            return null;
        }
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        String prefix = user + ":" + realm + ":";
        for (String g : derived(user, extension)) {
            if (matches(md, prefix, g, want)) {
                return "derived from the user name or extension";
            }
        }
        for (String g : common()) {
            if (matches(md, prefix, g, want)) {
                return "a common password";
            }
        }
        return null;
    }

    private static boolean matches(MessageDigest md, String prefix, String guess, String want) {
        byte[] d = md.digest((prefix + guess).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(d).equals(want);
    }

    private static Set<String> derived(String user, String ext) {
        Set<String> out = new LinkedHashSet<>();
        for (String n : new String[] {user, ext}) {
            if (n == null || n.isBlank()) {
                continue;
            }
            out.add(n);
            out.add(n + n);
            out.add(new StringBuilder(n).reverse().toString());
            for (String suffix : new String[] {"1", "12", "123", "1234", "!", "@123", "2024", "2025", "2026"}) {
                out.add(n + suffix);
            }
        }
        return out;
    }

    private static List<String> common() {
        List<String> c = common;
        if (c == null) {
            List<String> l = new ArrayList<>(COMMON);
            try (InputStream in = Md5Guess.class.getResourceAsStream(LIST)) {
                if (in != null) {
                    BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                    String line;
                    while (l.size() < COMMON && (line = r.readLine()) != null) {
                        if (!line.isBlank()) {
                            l.add(line.strip());
                        }
                    }
                }
            } catch (IOException e) {
                // the list is optional: without it only the derived guesses are tried
            }
            c = List.copyOf(l);
            common = c;
        }
        return c;
    }
}
