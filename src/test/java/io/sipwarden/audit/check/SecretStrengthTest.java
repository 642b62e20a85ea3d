package io.sipwarden.audit.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The secret judge: cheap rules, zxcvbn, and the prefix shortcut agreeing with full zxcvbn. */
class SecretStrengthTest {

    private final SecretStrength s = new SecretStrength();

    private List<String> why(String secret, String user) {
        return s.weaknesses(new SecretStrength.Candidate(secret, user, user));
    }

    @Test
    void cheapRules() {
        assertThat(why("abc123", "2001")).anySatisfy(r -> assertThat(r).startsWith("too short (6"));
        assertThat(why("123456789012345", "2001")).anySatisfy(r -> assertThat(r).isEqualTo("only digits"));
        assertThat(why("Alice", "alice")).contains("equal to the user name");
        assertThat(why("xY7!alice2024#Q", "alice")).contains("contains the user name");
        assertThat(why("xY7!ecila2024#Q", "alice")).contains("contains the user name reversed");
        assertThat(why("", "alice")).contains("only empty");
    }

    @Test
    void strongSecretsPass() {
        for (String strong : List.of("Tr7vQ2mX9kLp4WzN8sYc", "Hb6nR3yU8jPq2VxC5tMz", "9f86d081884c7d659a2feaa0c55ad015")) {
            assertThat(why(strong, "1002")).as(strong).isEmpty();
        }
    }

    @Test
    void guessableButLongSecretsAreCaught() {
        assertThat(why("Password1234!", "bob")).anySatisfy(r -> assertThat(r).startsWith("guessable"));
        assertThat(why("qwertyuiopasdfgh", "bob")).isNotEmpty();
        assertThat(why("Summer2024Summer2024", "bob")).anySatisfy(r -> assertThat(r).startsWith("guessable"));
    }

    /** The 12-character prefix shortcut must give the verdict full zxcvbn gives. */
    @Test
    void prefixShortcutAgreesWithFullZxcvbn() {
        Random rnd = new Random(11);
        List<String> secrets = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            byte[] b = new byte[16];
            rnd.nextBytes(b);
            secrets.add(HexFormat.of().formatHex(b));
        }
        String[] words = {"password", "dragon", "monkey", "letmein", "football", "asterisk", "freepbx", "sunshine"};
        for (String w : words) {
            secrets.add(w + w + "123!");
            secrets.add("Xk9#" + w + "2024" + w);
            secrets.add(w.toUpperCase() + "!" + w + "1990");
            secrets.add("1qaz2wsx3edc" + w);
            secrets.add("abcdefghijkl" + w);
            secrets.add("Qz7" + w + w + w);
        }
        secrets.add("aaaaaaaaaaaaaaaaaaaaaaaa");
        secrets.add("Xk9#mQ2$vLXk9#mQ2$vLXk9#mQ2$vL");
        int disagree = 0;
        List<String> bad = new ArrayList<>();
        for (String sec : secrets) {
            SecretStrength.Candidate c = new SecretStrength.Candidate(sec, "10001", "10001");
            boolean full = s.fullLog10(c) < SecretStrength.GUESSABLE_LOG10;
            if (full != s.guessable(c)) {
                disagree++;
                bad.add(sec);
            }
        }
        assertThat(bad).as("secrets where the shortcut disagrees").isEmpty();
        assertThat(disagree).isZero();
    }
}
