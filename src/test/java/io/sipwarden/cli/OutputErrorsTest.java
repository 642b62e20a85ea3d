package io.sipwarden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OutputErrorsTest {

    /** Fails every write as the kernel would. */
    private static OutputStream failing(String why) {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException(why);
            }
        };
    }

    /** `sipwarden bans list --json > /dev/full` exited 0 with nothing written: PrintWriter swallows write errors. */
    @Test
    void outputThatCannotBeWrittenIsARuntimeErrorWithTheReason() {
        StringWriter err = new StringWriter();
        int code = Main.execute(Stdout.of(failing("No space left on device"), StandardCharsets.UTF_8),
                new PrintWriter(err, true), "lookup", "--no-tor", "192.0.2.1");
        assertThat(code).isEqualTo(Main.EXIT_RUNTIME);
        assertThat(err.toString()).contains("sipwarden: standard output not written: No space left on device");
    }

    /** A reader that stopped early (| head -1) is no error to report, as for any Unix tool; the exit still says it. */
    @Test
    void aClosedPipeIsNotReportedButIsNotSuccess() {
        StringWriter err = new StringWriter();
        int code = Main.execute(Stdout.of(failing("Broken pipe"), StandardCharsets.UTF_8),
                new PrintWriter(err, true), "lookup", "--no-tor", "192.0.2.1");
        assertThat(code).isEqualTo(Main.EXIT_RUNTIME);
        assertThat(err.toString()).doesNotContain("Broken pipe").doesNotContain("Exception");
    }
}
