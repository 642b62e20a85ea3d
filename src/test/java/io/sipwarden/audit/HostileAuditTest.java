package io.sipwarden.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A whole audit over a directory full of bad files: every bad file named, the good ones still checked. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HostileAuditTest {

    @TempDir
    Path dir;

    @Test
    void badFilesAreNamedAndTheRestIsAudited() throws Exception {
        Process p = new ProcessBuilder("mkfifo", dir.resolve("pjsip.conf").toString()).start();
        assertThat(p.waitFor(5, TimeUnit.SECONDS)).isTrue();
        Files.write(dir.resolve("sip.conf"), new byte[] {'[', 'g', ']', 0, 0});
        Files.writeString(dir.resolve("extensions.conf"), "[default]\n#include extensions.conf\n#include missing_custom.conf\n");
        Files.createSymbolicLink(dir.resolve("iax.conf"), dir.resolve("nowhere.conf"));
        Files.write(dir.resolve("logger.conf"), new byte[] {'[', 'l', 'o', 'g', 'f', 'i', 'l', 'e', 's', ']', '\n',
            'x', '=', (byte) 0xff, (byte) 0xfe, '\n'});
        Files.writeString(dir.resolve("manager.conf"), "[general]\nenabled=yes\n[admin]\nsecret=amp111\nwrite=all\n");
        AuditReport r = new Fixture(dir).audit();
        List<String> unreadable = Fixture.of(r, Rule.CONFIG_UNREADABLE).stream().map(f -> f.subject() + ": " + f.message()).toList();
        assertThat(unreadable).anySatisfy(s -> assertThat(s).startsWith("pjsip.conf").contains("not a regular file"));
        assertThat(unreadable).anySatisfy(s -> assertThat(s).startsWith("sip.conf").contains("binary"));
        assertThat(unreadable).anySatisfy(s -> assertThat(s).startsWith("extensions.conf").contains("include loop"));
        assertThat(unreadable).anySatisfy(s -> assertThat(s).contains("missing_custom.conf"));
        assertThat(unreadable).anySatisfy(s -> assertThat(s).startsWith("iax.conf").contains("dangling"));
        assertThat(unreadable).anySatisfy(s -> assertThat(s).startsWith("logger.conf").contains("UTF-8"));
        // the good file is still audited
        assertThat(Fixture.of(r, Rule.AMI_WEAK_SECRET)).hasSize(1);
        assertThat(Fixture.of(r, Rule.AMI_POWERFUL_REMOTE)).hasSize(1);
    }
}
