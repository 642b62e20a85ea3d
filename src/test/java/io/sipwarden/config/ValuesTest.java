package io.sipwarden.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class ValuesTest {

    @Test
    void durationsInShortAndIsoForms() {
        assertThat(Durations.parse("10m")).isEqualTo(Duration.ofMinutes(10));
        assertThat(Durations.parse("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(Durations.parse("7d")).isEqualTo(Duration.ofDays(7));
        assertThat(Durations.parse("2w")).isEqualTo(Duration.ofDays(14));
        assertThat(Durations.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(Durations.parse("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(Durations.parse(" 30S ")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Durations.parse("PT10M")).isEqualTo(Duration.ofMinutes(10));
        assertThat(Durations.parse("p7d")).isEqualTo(Duration.ofDays(7));
        for (String bad : new String[] {"", "10", "m", "10 m", "-5m", "1.5h", "PT", "-PT5M", "5mm", "1y"}) {
            assertThatThrownBy(() -> Durations.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("not a duration");
        }
        assertThat(Durations.format(Duration.ofMinutes(90))).isEqualTo("1h30m");
        assertThat(Durations.format(Duration.ofDays(7))).isEqualTo("7d");
        assertThat(Durations.format(Duration.ZERO)).isEqualTo("0s");
    }

    @Test
    void embeddedCountryListIsTheJdkListPlusKosovo() {
        for (String c : Locale.getISOCountries()) {
            assertThat(CountryCode.isKnown(c)).as(c).isTrue();
        }
        assertThat(CountryCode.isKnown("XK")).isTrue();
        assertThat(CountryCode.isKnown("UK")).isFalse(); // GB is the code
        assertThat(CountryCode.isKnown("EU")).isFalse();
        assertThat(CountryCode.parse(" fr ").code()).isEqualTo("FR");
        assertThat(CountryCode.parse("NO").code()).isEqualTo("NO");
    }

    @Test
    void continentsAsnsHostNames() {
        assertThat(Arrays.stream(Continent.values()).map(Enum::name)).containsExactly("AF", "AN", "AS", "EU", "NA", "OC", "SA");
        assertThat(Continent.parse("eu")).isEqualTo(Continent.EU);
        assertThatThrownBy(() -> Continent.parse("AM")).hasMessageContaining("unknown continent code 'AM'");
        assertThat(Asn.parse("as4134").number()).isEqualTo(4134);
        assertThat(Asn.parse("4294967295").number()).isEqualTo(4294967295L);
        assertThatThrownBy(() -> Asn.parse("4294967296")).hasMessageContaining("out of range");
        assertThat(HostName.parse("Office.Example.NET.").name()).isEqualTo("office.example.net");
        assertThatThrownBy(() -> HostName.parse("192.0.2.1")).hasMessageContaining("not a host name");
        assertThatThrownBy(() -> HostName.parse("-bad.example")).hasMessageContaining("not a host name");
    }

    @Test
    void secretsNeverPrint() {
        Secret s = Secret.of("hunter2");
        assertThat(s.toString()).doesNotContain("hunter2");
        assertThat(s.reveal()).isEqualTo("hunter2");
    }
}
