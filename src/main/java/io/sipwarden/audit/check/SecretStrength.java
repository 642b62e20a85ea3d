package io.sipwarden.audit.check;

import com.nulabinc.zxcvbn.Strength;
import com.nulabinc.zxcvbn.Zxcvbn;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Judges secrets: cheap rules first (length, character classes, user name), then zxcvbn's
 * guess estimate. zxcvbn costs about 0.3–4 ms a secret, growing with length, so results are
 * memoised (under a salted hash, never the secret itself), computed in parallel by
 * {@link #prepare}, and long secrets are first judged on a 12-character prefix (see docs/audit.md).
 * Thread-safe; one instance may live as long as the daemon to make re-runs cheap.
 */
public final class SecretStrength {

    /** Shorter than this is weak, whatever its content (Digium's advice; NIST asks 8+, SIP is brute-forced online at high rate). */
    public static final int MIN_LENGTH = 12;
    /** zxcvbn scores 0–2 (under 10^8 guesses) count as guessable. */
    static final double GUESSABLE_LOG10 = 8.0;
    /**
     * Secrets longer than this are first measured on their first {@code PREFIX} characters: zxcvbn's
     * cost grows faster than linearly with length (0.3 ms at 12 characters, 3 ms at 32 on this machine).
     */
    static final int PREFIX = 12;
    /**
     * A prefix that alone needs 10^10 guesses makes the whole secret safe (100 times the 10^8
     * threshold): zxcvbn multiplies the guesses of consecutive matches, so the rest can only add,
     * except for a match that starts inside the prefix and runs past it, and such a match would
     * have to swallow the prefix's random part to lower the total. Otherwise the whole secret is measured.
     */
    static final double PREFIX_SAFE_LOG10 = 10.0;

    private final byte[] salt = new byte[16];
    private final ConcurrentHashMap<String, Double> guesses = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong measured = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong bounded = new java.util.concurrent.atomic.AtomicLong();
    /** zxcvbn and the bound built from the same dictionaries and keyboards. */
    private record Engines(Zxcvbn zxcvbn, GuessBound bound) {
    }

    /**
     * One zxcvbn for the process: building it loads all its dictionaries (about 100 ms), and its
     * context is read-only afterwards (each measure() builds its own matcher), so threads share it.
     * Loading starts in the background as soon as a judge is made, overlapping config parsing.
     */
    private static volatile java.util.concurrent.CompletableFuture<Engines> shared;

    private static Engines engines() {
        return loader().join();
    }

    private static java.util.concurrent.CompletableFuture<Engines> loader() {
        var f = shared;
        if (f == null) {
            synchronized (SecretStrength.class) {
                f = shared;
                if (f == null) {
                    f = java.util.concurrent.CompletableFuture.supplyAsync(SecretStrength::load,
                            r -> Thread.ofPlatform().daemon().name("zxcvbn-load").start(r));
                    shared = f;
                }
            }
        }
        return f;
    }

    private static Engines load() {
        try {
            var dictionaries = com.nulabinc.zxcvbn.StandardDictionaries.loadAllDictionaries();
            var keyboards = com.nulabinc.zxcvbn.StandardKeyboards.loadAllKeyboards();
            Zxcvbn z = new com.nulabinc.zxcvbn.ZxcvbnBuilder().dictionaries(dictionaries).keyboards(keyboards).build();
            return new Engines(z, new GuessBound(dictionaries, keyboards));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot load zxcvbn's dictionaries", e);
        }
    }

    private final boolean guess;
    private volatile java.util.concurrent.CompletableFuture<Void> pending;

    /** A judge with zxcvbn's guess estimate. */
    public SecretStrength() {
        this(true);
    }

    /**
     * @param guess false to skip zxcvbn (length, character classes and user-name rules still apply;
     *              md5 hashes are still tested against common passwords): for very large
     *              configurations in a cold CI run, where zxcvbn dominates the cost
     */
    public SecretStrength(boolean guess) {
        this.guess = guess;
        new SecureRandom().nextBytes(salt);
        if (guess) {
            loader();
        }
    }

    /** What to judge: a secret and the names it must not resemble. */
    public record Candidate(String secret, String username, String extension) {
    }

    /**
     * Starts measuring all candidates with zxcvbn in parallel, in the background, so the other
     * checks run meanwhile; {@link #prepare} waits for it.
     */
    public void prepareAsync(Collection<Candidate> candidates) {
        if (guesses.size() > 2 * candidates.size() + 10_000) {
            // a long-running daemon sees secrets change; forget old ones rather than grow forever
            guesses.clear();
        }
        if (guess) {
            List<Candidate> copy = List.copyOf(candidates);
            pending = java.util.concurrent.CompletableFuture.runAsync(() -> copy.parallelStream().forEach(this::log10Guesses));
        }
    }

    /** Measures all candidates with zxcvbn in parallel so later {@link #weaknesses} calls hit the memo. */
    public void prepare(Collection<Candidate> candidates) {
        var p = pending;
        if (p != null) {
            p.join();
            pending = null;
        }
        if (guess) {
            candidates.parallelStream().forEach(this::log10Guesses);
        }
    }

    /** Why the secret is weak; empty when it is not. Never contains the secret. */
    public List<String> weaknesses(Candidate c) {
        List<String> reasons = cheapReasons(c);
        if (guess && !c.secret().isEmpty()) {
            double g = log10Guesses(c);
            if (g < GUESSABLE_LOG10) {
                reasons.add(String.format(Locale.ROOT,
                        "guessable: zxcvbn estimates about 10^%.0f guesses (common password, word or keyboard pattern)", g));
            }
        }
        return reasons;
    }

    /** log10 of zxcvbn's guesses for the whole secret, measured directly (for tests of the prefix shortcut). */
    double fullLog10(Candidate c) {
        return engines().zxcvbn().measure(c.secret(), inputs(c)).getGuessesLog10();
    }

    /** The verdict the shortcut gives (memoised). */
    boolean guessable(Candidate c) {
        return log10Guesses(c) < GUESSABLE_LOG10;
    }

    /** Secrets decided by {@link GuessBound} without zxcvbn so far (for the benchmark). */
    public long bounded() {
        return bounded.get();
    }

    /** Number of zxcvbn measurements made so far (for the benchmark). */
    public long measured() {
        return measured.get();
    }

    static List<String> cheapReasons(Candidate c) {
        List<String> r = new ArrayList<>();
        String s = c.secret();
        int len = s.codePointCount(0, s.length());
        if (len < MIN_LENGTH) {
            r.add("too short (" + len + " characters, at least " + MIN_LENGTH + " needed)");
        }
        String cls = singleClass(s);
        if (cls != null) {
            r.add("only " + cls);
        }
        String lower = s.toLowerCase(Locale.ROOT);
        for (String name : new String[] {c.username(), c.extension()}) {
            if (name == null || name.isBlank()) {
                continue;
            }
            String n = name.toLowerCase(Locale.ROOT);
            String what = name.equals(c.username()) ? "the user name" : "the extension";
            if (lower.equals(n)) {
                r.add("equal to " + what);
                break;
            } else if (n.length() >= 3 && lower.contains(n)) {
                r.add("contains " + what);
                break;
            } else if (n.length() >= 3 && lower.contains(new StringBuilder(n).reverse())) {
                r.add("contains " + what + " reversed");
                break;
            }
        }
        return r;
    }

    private static String singleClass(String s) {
        boolean lower = false;
        boolean upper = false;
        boolean digit = false;
        boolean other = false;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch >= 'a' && ch <= 'z') {
                lower = true;
            } else if (ch >= 'A' && ch <= 'Z') {
                upper = true;
            } else if (ch >= '0' && ch <= '9') {
                digit = true;
            } else {
                other = true;
            }
        }
        int n = (lower ? 1 : 0) + (upper ? 1 : 0) + (digit ? 1 : 0) + (other ? 1 : 0);
        if (n > 1 || s.isEmpty()) {
            return s.isEmpty() ? "empty" : null;
        }
        return lower ? "lower-case letters" : upper ? "upper-case letters" : digit ? "digits" : "symbols";
    }

    private double log10Guesses(Candidate c) {
        String key = key(c);
        Double g = guesses.get(key);
        if (g != null) {
            return g;
        }
        List<String> inputs = inputs(c);
        String s = c.secret();
        double v;
        if (engines().bound().provablyStrong(s, inputs)) {
            // proved to need at least 10^8 guesses without running zxcvbn (see GuessBound)
            v = Double.POSITIVE_INFINITY;
            bounded.incrementAndGet();
        } else if (s.length() > PREFIX) {
            v = measure(s.substring(0, PREFIX), inputs);
            if (v < PREFIX_SAFE_LOG10) {
                v = measure(s, inputs);
            }
        } else {
            v = measure(s, inputs);
        }
        guesses.put(key, v);
        return v;
    }

    /** Words an attacker would try with this account, given to zxcvbn as its user dictionary. */
    private static List<String> inputs(Candidate c) {
        List<String> inputs = new ArrayList<>(List.of("asterisk", "freepbx", "sip", "pbx", "voip", "pjsip"));
        if (c.username() != null) {
            inputs.add(c.username());
        }
        if (c.extension() != null) {
            inputs.add(c.extension());
        }
        return inputs;
    }

    private double measure(String s, List<String> inputs) {
        Strength st = engines().zxcvbn().measure(s, inputs);
        measured.incrementAndGet();
        return st.getGuessesLog10();
    }

    private String key(Candidate c) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(salt);
            d.update((c.username() + "\0" + c.extension() + "\0" + c.secret()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
