package io.sipwarden.geo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class CountriesTest {

    @Test
    void everyIsoCountryHasAContinent() {
        for (String cc : Locale.getISOCountries()) {
            assertThat(Countries.continentOf(cc)).as(cc).isIn("AF", "AN", "AS", "EU", "NA", "OC", "SA");
        }
        assertThat(Countries.size()).isGreaterThanOrEqualTo(Locale.getISOCountries().length);
    }

    @Test
    void continentsFollowTheGeoNamesAssignmentVendorsUse() {
        assertThat(Countries.continentOf("FR")).isEqualTo("EU");
        assertThat(Countries.continentOf("ru")).isEqualTo("EU");
        assertThat(Countries.continentOf("TR")).isEqualTo("AS");
        assertThat(Countries.continentOf("EG")).isEqualTo("AF");
        assertThat(Countries.continentOf("PA")).isEqualTo("NA");
        assertThat(Countries.continentOf("BR")).isEqualTo("SA");
        assertThat(Countries.continentOf("NZ")).isEqualTo("OC");
        assertThat(Countries.continentOf("AQ")).isEqualTo("AN");
        assertThat(Countries.continentOf("XK")).isEqualTo("EU");
        assertThat(Countries.continentOf("EU")).isEqualTo("EU"); // region-wide allocation in the Tor files
        assertThat(Countries.continentOf("AP")).isEqualTo("AS");
        assertThat(Countries.continentOf("QQ")).isEmpty();
        assertThat(Countries.continentOf("")).isEmpty();
        assertThat(Countries.continentOf(null)).isEmpty();
    }

    @Test
    void canonicalFormFoldsCaseUkAndUnknownMarkers() {
        assertThat(Countries.canonical("de")).isEqualTo("DE");
        assertThat(Countries.canonical("UK")).isEqualTo("GB");
        assertThat(Countries.canonical("??")).isEmpty();
        assertThat(Countries.canonical("ZZ")).isEmpty();
        assertThat(Countries.canonical("USA")).isEmpty();
        assertThat(Countries.canonical(null)).isEmpty();
    }
}
