package io.sipwarden.decision;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Hostile text (User-Agent, Call-ID, AMI fields) made safe for one log line. */
class TextsTest {

    @Test
    void nothingThatEndsALineOrHidesTextSurvives() {
        String forged = "friendly-scanner\r\n[Nov 21 00:00:00] NOTICE fake\u2028line\u2029para\u0085nel\u202Ertl\u200Bzw\u001B[31m";
        String safe = Texts.safe(forged, 200);
        assertThat(safe).doesNotContain("\r", "\n", "\u2028", "\u2029", "\u0085", "\u202E", "\u200B", "\u001B");
        assertThat(safe).startsWith("friendly-scanner??[Nov 21 00:00:00] NOTICE fake?line?para?nel?rtl?zw?[31m");
    }

    @Test
    void ordinaryTextIsKeptAndLongTextCut() {
        assertThat(Texts.safe("Zoiper rv2.10.20.4 Ünïcödé 電話", 80)).isEqualTo("Zoiper rv2.10.20.4 Ünïcödé 電話");
        assertThat(Texts.safe("a\"b\\c", 80)).isEqualTo("a?b?c");
        assertThat(Texts.safe("x".repeat(100), 10)).isEqualTo("x".repeat(10) + "…");
        assertThat(Texts.safe(null, 10)).isEmpty();
    }
}
