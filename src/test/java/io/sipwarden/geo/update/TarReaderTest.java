package io.sipwarden.geo.update;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Archives made by the system's GNU tar in its gnu, pax and ustar formats. */
class TarReaderTest {

    @TempDir
    Path tmp;

    @Test
    void readsLongNamesInEveryFormat() throws Exception {
        String longDir = "GeoLite2-City_20260301/" + "d".repeat(90);
        Path dir = tmp.resolve("src").resolve(longDir);
        Files.createDirectories(dir);
        Files.writeString(dir.getParent().resolve("LICENSE.txt"), "licence\n");
        byte[] payload = new byte[70_000];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (i * 31);
        }
        Files.write(dir.resolve("GeoLite2-City.mmdb"), payload);
        for (String format : List.of("gnu", "pax", "ustar")) {
            Path tar = tmp.resolve(format + ".tar");
            // gnu: an 'L' long-name entry; pax: a 'path' record; ustar: the name split into prefix + name
            run("tar", "--format=" + format, "-cf", tar.toString(), "-C", tmp.resolve("src").toString(), "GeoLite2-City_20260301");
            List<String> names = new ArrayList<>();
            byte[] got = null;
            try (InputStream in = Files.newInputStream(tar)) {
                TarReader r = new TarReader(in);
                for (TarReader.Entry e; (e = r.next()) != null; ) {
                    names.add(e.name());
                    if (e.name().endsWith(".mmdb")) {
                        ByteArrayOutputStream b = new ByteArrayOutputStream();
                        r.copyTo(b);
                        got = b.toByteArray();
                    }
                }
            }
            assertThat(names).as(format).contains("GeoLite2-City_20260301/LICENSE.txt", longDir + "/GeoLite2-City.mmdb");
            assertThat(got).as(format).isEqualTo(payload);
        }
    }

    @Test
    void notATarIsSaidSo() {
        byte[] junk = "<html>not found</html>".repeat(40).getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> new TarReader(new java.io.ByteArrayInputStream(junk)).next())
                .isInstanceOf(IOException.class).hasMessageContaining("not a tar archive");
    }

    private static void run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", cmd)).isZero();
    }
}
