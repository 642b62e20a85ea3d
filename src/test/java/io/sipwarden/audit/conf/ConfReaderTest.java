package io.sipwarden.audit.conf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reader against Asterisk's config.c rules, one rule per test. */
class ConfReaderTest {

    @TempDir
    Path dir;

    private ConfFile read(String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text);
        return new ConfReader(dir).read(name);
    }

    private void write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    @Test
    void templatesAreCopiedFirstAndKeepTheirLocation() throws IOException {
        ConfFile f = read("pjsip.conf", """
                [ep](!)
                type = endpoint
                context = internal
                [codecs](!)
                allow = ulaw
                [alice](ep,codecs)
                context = phones
                """);
        assertThat(f.sections("ep")).isEmpty();
        Section alice = f.first("alice");
        assertThat(alice.inherits()).containsExactly("ep", "codecs");
        assertThat(alice.settings()).extracting(Setting::key).containsExactly("type", "context", "allow", "context");
        assertThat(alice.get("context").orElseThrow().value()).isEqualTo("phones");
        assertThat(alice.get("type").orElseThrow().at().line()).isEqualTo(2);
        assertThat(alice.get("allow").orElseThrow().at().line()).isEqualTo(5);
    }

    @Test
    void sameNameSectionsStaySeparateButPlusAppends() throws IOException {
        ConfFile f = read("pjsip.conf", """
                [alice]
                type = endpoint
                [alice]
                type = auth
                [alice](+)
                password = x
                """);
        assertThat(f.sections("alice")).hasSize(2);
        assertThat(f.sections("alice").get(1).get("password")).isPresent();
        assertThat(f.sections("alice").get(0).get("password")).isEmpty();
    }

    @Test
    void unknownTemplateIsReported() throws IOException {
        ConfFile f = read("sip.conf", "[bob](nosuch)\nsecret = x\n");
        assertThat(f.problems()).extracting(ConfProblem::kind).containsExactly(ConfProblem.Kind.UNKNOWN_TEMPLATE);
        assertThat(f.first("bob").get("secret")).isPresent();
    }

    @Test
    void commentsBlockCommentsAndEscapedSemicolons() throws IOException {
        ConfFile f = read("x.conf", """
                [s] ; a comment
                a = 1 ; trailing
                ;-- block starts
                b = 2
                  ;-- nested --; still inside
                --; c = 3
                d = semi\\;colon ; real comment
                e => obj
                """);
        Section s = f.first("s");
        assertThat(s.settings()).extracting(Setting::key).containsExactly("a", "c", "d", "e");
        assertThat(s.get("a").orElseThrow().value()).isEqualTo("1");
        assertThat(s.get("d").orElseThrow().value()).isEqualTo("semi;colon");
        assertThat(s.get("e").orElseThrow().object()).isTrue();
        assertThat(s.get("c").orElseThrow().at().line()).isEqualTo(6);
    }

    @Test
    void repeatedKeysKeepOrderAndPlusEqualsAppends() throws IOException {
        ConfFile f = read("manager.conf", """
                [u]
                deny = 0.0.0.0/0.0.0.0
                permit = 10.0.0.1
                permit = 10.0.0.2
                read = system
                read += ,call
                """);
        Section u = f.first("u");
        assertThat(u.all("permit")).extracting(Setting::value).containsExactly("10.0.0.1", "10.0.0.2");
        assertThat(u.get("read").orElseThrow().value()).isEqualTo("system,call");
    }

    @Test
    void includesResolveAgainstTheConfigDirWithGlobsAndContinueTheSection() throws IOException {
        write("sip_custom.conf", "secret = fromcustom\n");
        write("conf.d/a.conf", "[a]\nx = 1\n");
        write("conf.d/b.conf", "[b]\nx = 2\n");
        ConfFile f = read("sip.conf", """
                [general]
                #include sip_custom.conf
                #include "conf.d/*.conf"
                #tryinclude nothere.conf
                """);
        assertThat(f.problems()).isEmpty();
        assertThat(f.first("general").get("secret").orElseThrow().at().file()).isEqualTo(dir.resolve("sip_custom.conf"));
        assertThat(f.sections()).extracting(Section::name).containsExactly("general", "a", "b");
    }

    @Test
    void freepbxCustomAndAdditionalFilesAreRead() throws IOException {
        write("pjsip.endpoint.conf", "[1001]\ntype=endpoint\n");
        write("pjsip_custom.conf", "[1001](+)\ncontext=from-internal\n");
        ConfFile f = read("pjsip.conf", "#include pjsip.endpoint.conf\n#include pjsip_custom.conf\n");
        assertThat(f.first("1001").get("context").orElseThrow().value()).isEqualTo("from-internal");
    }

    @Test
    void includeLoopsAreDetectedAndNamed() throws IOException {
        write("a.conf", "[a]\n#include b.conf\n");
        write("b.conf", "x = 1\n#include a.conf\n");
        ConfFile f = new ConfReader(dir).read("a.conf");
        assertThat(f.problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(ConfProblem.Kind.INCLUDE_LOOP);
            assertThat(p.message()).contains("a.conf → b.conf → a.conf");
            assertThat(p.at().line()).isEqualTo(2);
        });
        assertThat(f.first("a").get("x")).isPresent();
    }

    @Test
    void missingIncludeAndExecAreReportedNeverRun() throws IOException {
        Path marker = dir.resolve("executed");
        ConfFile f = read("x.conf", "[s]\n#include nope.conf\n#exec /usr/bin/touch " + marker + "\n");
        assertThat(f.problems()).extracting(ConfProblem::kind)
                .containsExactly(ConfProblem.Kind.MISSING_INCLUDE, ConfProblem.Kind.EXEC);
        assertThat(marker).doesNotExist();
    }

    @Test
    void syntaxErrorsAreReportedAndTheRestRead() throws IOException {
        ConfFile f = read("x.conf", "orphan = 1\n[s]\nnoequals\n= nokey\ngood = yes\n[broken\n");
        assertThat(f.problems()).hasSize(4).allSatisfy(p -> assertThat(p.kind()).isEqualTo(ConfProblem.Kind.SYNTAX));
        assertThat(f.first("s").get("good")).isPresent();
    }

    @Test
    void byteOrderMarkAndCrLfAreTolerated() throws IOException {
        ConfFile f = read("sip.conf", "\uFEFF[general]\r\nallowguest = no\r\n");
        assertThat(f.problems()).isEmpty();
        assertThat(f.first("general").get("allowguest").orElseThrow().value()).isEqualTo("no");
    }

    @Test
    void absentFileIsNotAProblem() {
        ConfFile f = new ConfReader(dir).read("iax.conf");
        assertThat(f.present()).isFalse();
        assertThat(f.problems()).isEmpty();
        assertThat(f.sections()).isEqualTo(List.of());
    }
}
