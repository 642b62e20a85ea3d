package io.sipwarden.cli;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;

/**
 * The CLI's standard output: a PrintWriter, as picocli wants, that keeps the first write error.
 * A PrintWriter swallows write errors, so output to a full disk ended with exit 0.
 */
final class Stdout extends PrintWriter {

    private final Recorder recorder;

    private Stdout(Recorder recorder, Charset charset) {
        super(new OutputStreamWriter(recorder, charset), true);
        this.recorder = recorder;
    }

    static Stdout of(OutputStream out, Charset charset) {
        return new Stdout(new Recorder(out), charset);
    }

    /** The first write error, or null. */
    IOException failure() {
        flush();
        return recorder.first;
    }

    private static final class Recorder extends FilterOutputStream {
        volatile IOException first;

        Recorder(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                keep(e);
                throw e;
            }
        }

        @Override
        public void write(int b) throws IOException {
            try {
                out.write(b);
            } catch (IOException e) {
                keep(e);
                throw e;
            }
        }

        @Override
        public void flush() throws IOException {
            try {
                out.flush();
            } catch (IOException e) {
                keep(e);
                throw e;
            }
        }

        private void keep(IOException e) {
            if (first == null) {
                first = e;
            }
        }
    }
}
