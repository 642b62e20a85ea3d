package io.sipwarden.audit.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The bound may only ever say "strong" where zxcvbn itself says at least 10^8 guesses. */
class GuessBoundTest {

    private final SecretStrength s = new SecretStrength();

    private static List<String> samples() {
        Random rnd = new Random(5);
        List<String> out = new ArrayList<>();
        String alnum = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789!#%+";
        for (int i = 0; i < 120; i++) {
            byte[] b = new byte[8 + rnd.nextInt(9)];
            rnd.nextBytes(b);
            out.add(HexFormat.of().formatHex(b));
            StringBuilder a = new StringBuilder();
            int len = 10 + rnd.nextInt(16);
            for (int k = 0; k < len; k++) {
                a.append(alnum.charAt(rnd.nextInt(alnum.length())));
            }
            out.add(a.toString());
        }
        String[] words = {"password", "dragon", "monkey", "letmein", "football", "asterisk", "sunshine", "princess",
            "qwerty", "michael", "superman", "batman", "trustno1", "shadow", "master", "jennifer"};
        for (String w : words) {
            String l33t = w.replace('a', '4').replace('e', '3').replace('o', '0').replace('s', '$').replace('i', '1');
            out.add(w + w + w);
            out.add(l33t + "2019" + l33t);
            out.add("Xk" + new StringBuilder(w).reverse() + "12345" + w.toUpperCase());
            out.add(w + "qwertyuiop" + w);
            out.add("1qaz2wsx3edc4rfv" + w);
            out.add("abcdefghijklmnop" + w.charAt(0));
            out.add("2019-12-31" + w + "01/01/1990");
            out.add(w + "!" + w + "!" + w + "!");
            out.add("zxcvbnm,./" + l33t + "asdfghjkl;");
            out.add("10001" + w + "10001" + w);
        }
        out.add("aaaaaaaaaaaaaaaaaaaaaaaaaaaa");
        out.add("abababababababababababababab");
        out.add("0123456789012345678901234567");
        out.add("9876543210ZYXWVUTSRQPONMLKJI");
        out.add("Xk9#mQ2$vLXk9#mQ2$vLXk9#mQ2$vL");
        return out;
    }

    @Test
    void neverContradictsZxcvbn() {
        GuessBound bound = engines();
        List<String> wrong = new ArrayList<>();
        int proved = 0;
        for (String sec : samples()) {
            SecretStrength.Candidate c = new SecretStrength.Candidate(sec, "10001", "10001");
            if (bound.provablyStrong(sec, List.of("asterisk", "freepbx", "sip", "pbx", "voip", "pjsip", "10001"))) {
                proved++;
                if (s.fullLog10(c) < SecretStrength.GUESSABLE_LOG10) {
                    wrong.add(sec);
                }
            }
        }
        assertThat(wrong).as("bound said strong, zxcvbn disagrees").isEmpty();
        assertThat(proved).as("the bound decides a useful share").isGreaterThan(60);
    }

    @Test
    void decidesMostFreePbxSecrets() {
        GuessBound bound = engines();
        Random rnd = new Random(9);
        int proved = 0;
        for (int i = 0; i < 500; i++) {
            byte[] b = new byte[16];
            rnd.nextBytes(b);
            if (bound.provablyStrong(HexFormat.of().formatHex(b), List.of("10001"))) {
                proved++;
            }
        }
        assertThat(proved).isGreaterThan(450);
    }

    @Test
    void coverageFollowsTheScoringFormula() {
        GuessBound bound = engines();
        // three 50-guess matches of m characters plus one 10-guess character: 4! * 50^3 * 10 = 3e7 < 1e8
        assertThat(bound.coverage(5)).isEqualTo(16);
        assertThat(bound.coverage(10)).isEqualTo(31);
        assertThat(bound.coverage(1)).isGreaterThanOrEqualTo(7);
    }

    @Test
    void footprintIsModest() {
        assertThat(engines().footprintBytes()).isLessThan(24L * 1024 * 1024);
    }

    @Test
    void weakSecretsAreNeverProvedStrong() {
        GuessBound bound = engines();
        for (String weak : List.of("password123456", "qwertyuiopasdf", "P@ssw0rdP@ssw0rd", "abcdefghijklmnopqrstuvwxyz",
                "19901231password")) {
            assertThat(bound.provablyStrong(weak, List.of())).as(weak).isFalse();
        }
    }

    private static GuessBound engines() {
        try {
            var d = com.nulabinc.zxcvbn.StandardDictionaries.loadAllDictionaries();
            var k = com.nulabinc.zxcvbn.StandardKeyboards.loadAllKeyboards();
            return new GuessBound(d, k);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
