package io.sipwarden.audit.dialplan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PatternTest {

    @Test
    void prefixesOfInternationalAndNationalPatterns() {
        assertThat(Pattern.of("_011.").canStartWith("011")).isTrue();
        assertThat(Pattern.of("_00.").canStartWith("00")).isTrue();
        assertThat(Pattern.of("_X.").canStartWith("011")).isTrue();
        assertThat(Pattern.of("_0.").canStartWith("00")).isTrue();
        assertThat(Pattern.of("_+!").canStartWith("+")).isTrue();
        assertThat(Pattern.of("_[+0-9].").canStartWith("+")).isTrue();
        assertThat(Pattern.of("_0[1-9]XXXXXXXX").canStartWith("00")).isFalse();
        assertThat(Pattern.of("_NXXNXXXXXX").canStartWith("011")).isFalse();
        assertThat(Pattern.of("_1NXXNXXXXXX").canStartWith("011")).isFalse();
        assertThat(Pattern.of("_1NXXNXXXXXX").canStartWith("1900")).isTrue();
        assertThat(Pattern.of("600").canStartWith("00")).isFalse();
        assertThat(Pattern.of("_XX").canStartWith("011")).isFalse();
    }

    @Test
    void internationalNeedsRoomForANumberAfterThePrefix() {
        assertThat(Pattern.of("_0[1-9]XXXXXXXX").canStartWith("011", 8)).isFalse();
        assertThat(Pattern.of("_00.").canStartWith("00", 8)).isTrue();
        assertThat(Pattern.of("_00XX").canStartWith("00", 8)).isFalse();
        assertThat(Pattern.of("_011.").startsLiterally("011")).isTrue();
        assertThat(Pattern.of("_0[1-9].").startsLiterally("011")).isFalse();
        assertThat(Pattern.of("_9011.").shift(1).startsLiterally("011")).isTrue();
    }

    @Test
    void intersectionAndShift() {
        assertThat(Pattern.of("_9011.").shift(1).canStartWith("011")).isTrue();
        assertThat(Pattern.of("_9NXXXXXX").shift(1).canStartWith("00")).isFalse();
        assertThat(Pattern.of("_X.").intersects(Pattern.of("s"))).isFalse();
        assertThat(Pattern.of("_[a-z].").intersects(Pattern.of("s"))).isFalse();
        assertThat(Pattern.of("_[a-z]!").intersects(Pattern.of("s"))).isTrue();
        assertThat(Pattern.of("_00.").intersects(Pattern.of("_0X."))).isTrue();
        assertThat(Pattern.of("_1XXX").intersects(Pattern.of("_2XXX"))).isFalse();
        assertThat(Pattern.of("_XXX").prepend("011").canStartWith("011")).isTrue();
    }

    /** A hostile extensions.conf line: a 200,000-character pattern overflowed the stack of the recursive intersection. */
    @Test
    void aVeryLongPatternNeitherOverflowsTheStackNorNeedsAQuadraticTable() {
        Pattern huge = Pattern.of("_011" + "X".repeat(200_000));
        assertThat(huge.canStartWith("011", 8)).isTrue();
        assertThat(huge.canStartWith("00")).isFalse();
        assertThat(Pattern.of("_" + "X".repeat(100_000) + ".").intersects(Pattern.of("_X."))).isTrue();
    }
}
