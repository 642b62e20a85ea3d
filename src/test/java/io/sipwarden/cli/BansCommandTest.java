package io.sipwarden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BansCommandTest {

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = Main.execute(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void addListRemoveAgainstTheStore(@TempDir Path dir) {
        String sd = "--state-dir=" + dir;
        Run add = run("bans", "add", sd, "198.51.100.9", "--for", "2h", "--reason", "seen on honeypot");
        assertThat(add.code()).as(add.err()).isZero();
        assertThat(add.out()).contains("banned 198.51.100.9 until");
        Run list = run("bans", "list", sd);
        assertThat(list.out()).contains("198.51.100.9").contains("seen on honeypot").contains("1 active ban");
        Run json = run("bans", "list", sd, "--json");
        assertThat(json.out()).contains("\"event_type\":\"decision\"").contains("\"src_ip\":\"198.51.100.9\"");
        Run remove = run("bans", "remove", sd, "198.51.100.9");
        assertThat(remove.code()).isZero();
        assertThat(remove.out()).contains("lifted 1 ban");
        assertThat(run("bans", "list", sd).out()).contains("0 active bans");
        Run status = run("status", sd);
        assertThat(status.code()).isZero();
        assertThat(status.out()).contains("0 active bans").contains("no status file");
    }

    @Test
    void loopbackAndOwnAddressesAreRefusedAndBadInputIsAUsageError(@TempDir Path dir) {
        String sd = "--state-dir=" + dir;
        Run loop = run("bans", "add", sd, "127.0.0.1");
        assertThat(loop.code()).isEqualTo(Main.EXIT_RUNTIME);
        assertThat(loop.err()).contains("refused").contains("loopback");
        Run wide = run("bans", "add", sd, "0.0.0.0/0");
        assertThat(wide.code()).isEqualTo(Main.EXIT_RUNTIME);
        assertThat(run("bans", "add", sd, "not-an-address").code()).isEqualTo(Main.EXIT_USAGE);
        assertThat(run("bans").code()).isEqualTo(Main.EXIT_USAGE);
        assertThat(run("bans", "add", sd).code()).as("missing address").isEqualTo(Main.EXIT_USAGE);
        assertThat(run("bans", "add", sd, "198.51.100.9", "--for", "soon").code()).isEqualTo(Main.EXIT_USAGE);
        assertThat(run("bans", "list", sd).out()).contains("0 active bans");
    }

    /** --for beyond the longest ban was a ban until the year 19 million, or an overflow and exit 1. */
    @Test
    void banLengthBeyondTheLongestBanIsAUsageErrorNamingTheLimit(@TempDir Path dir) {
        String sd = "--state-dir=" + dir;
        String manyParts = "999999999w".repeat(20_000); // overflows Duration itself
        for (String huge : List.of("999999999w", "P106751991167300D", "PT2562047788015215H", "3651d", manyParts)) {
            String label = huge == manyParts ? "20,000 parts of 999999999w" : huge;
            Run r = run("bans", "add", sd, "198.51.100.9", "--for", huge);
            assertThat(r.code()).as(label).isEqualTo(Main.EXIT_USAGE);
            assertThat(r.err()).as(label).contains("--for");
            if (huge != manyParts) {
                assertThat(r.err()).as(label).contains("at most 3650d");
            }
        }
        assertThat(run("bans", "list", sd).out()).contains("0 active bans");
        Run longest = run("bans", "add", sd, "198.51.100.9", "--for", "3650d");
        assertThat(longest.code()).as(longest.err()).isZero();
    }

    /** A mistyped --state-dir was created with an empty store: "0 active bans", and a ban nobody reads. */
    @Test
    void aStateDirectoryThatDoesNotExistIsNamedAndNotCreated(@TempDir Path dir) throws Exception {
        Path typo = dir.resolve("sipwardn");
        java.nio.file.Files.writeString(dir.resolve("a-file"), "x");
        for (Path sd : List.of(typo, dir.resolve("a-file"))) {
            for (List<String> cmd : List.of(List.of("bans", "list"), List.of("bans", "add", "198.51.100.9"),
                    List.of("bans", "remove", "198.51.100.9"), List.of("status"), List.of("status", "--json"))) {
                List<String> args = new java.util.ArrayList<>(cmd);
                args.add("--state-dir=" + sd);
                Run r = run(args.toArray(String[]::new));
                assertThat(r.code()).as(args + ": " + r.err()).isEqualTo(Main.EXIT_USAGE);
                assertThat(r.err()).as(args.toString()).contains("--state-dir").contains(sd.toString()).doesNotContain("Exception");
                assertThat(r.out()).as(args.toString()).isEmpty();
            }
        }
        assertThat(typo).doesNotExist();
    }
}
