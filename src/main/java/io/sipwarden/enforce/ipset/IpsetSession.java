package io.sipwarden.enforce.ipset;

import io.sipwarden.enforce.EnforcementException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A long-lived {@code ipset -} (interactive mode) so a single ban costs a pipe write instead of
 * a process start. Each batch ends with {@code version}, whose answer marks that every line
 * before it was executed; error lines in between belong to the batch. Output is unbuffered
 * ({@code stdbuf -o0}) and stderr is merged, so they arrive in order.
 */
final class IpsetSession implements AutoCloseable {
    private static final long TIMEOUT_MS = 10_000;

    private final List<String> argv;
    private Process process;
    private OutputStream in;
    private BlockingQueue<String> out;

    IpsetSession(List<String> prefix, String ipsetCommand) {
        List<String> a = new ArrayList<>(prefix);
        a.addAll(List.of("stdbuf", "-o0", ipsetCommand, "-"));
        this.argv = List.copyOf(a);
    }

    /** Runs ipset commands (one per line, without the leading "ipset"); fails with ipset's first error. */
    synchronized void run(String lines) throws EnforcementException {
        try {
            runOnce(lines);
        } catch (IOException e) {
            // The process died (killed, or ipset upgraded underneath us): start a new one, once.
            stop();
            try {
                runOnce(lines);
            } catch (IOException again) {
                stop();
                throw new EnforcementException("ipset session failed: " + again.getMessage(), again);
            }
        }
    }

    private void runOnce(String lines) throws IOException, EnforcementException {
        if (process == null || !process.isAlive()) {
            start();
        }
        StringBuilder cmd = new StringBuilder();
        for (String l : lines.lines().toList()) {
            if (!l.isBlank()) {
                cmd.append("-exist ").append(l).append('\n');
            }
        }
        cmd.append("version\n");
        in.write(cmd.toString().getBytes(StandardCharsets.US_ASCII));
        in.flush();
        StringBuilder got = new StringBuilder();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MS);
        while (true) {
            int nl = got.indexOf("protocol version");
            if (nl >= 0 && got.indexOf("\n", nl) >= 0) {
                break;
            }
            String chunk;
            try {
                chunk = out.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
            if (chunk == null) {
                throw new IOException("ipset did not answer within " + TIMEOUT_MS + " ms");
            }
            if (chunk.isEmpty()) {
                throw new IOException("ipset exited");
            }
            got.append(chunk);
        }
        for (String line : got.toString().replace("ipset> ", "").lines().toList()) {
            if (line.startsWith("ipset v") && !line.contains("protocol version")) {
                String hint = line.contains("not permitted") ? " — the daemon needs CAP_NET_ADMIN" : "";
                throw new EnforcementException("ipset: " + line.substring(line.indexOf(':') + 1).strip() + hint);
            }
        }
    }

    private void start() throws IOException {
        process = new ProcessBuilder(argv).redirectErrorStream(true).start();
        in = process.getOutputStream();
        BlockingQueue<String> q = new LinkedBlockingQueue<>();
        out = q;
        InputStream stream = process.getInputStream();
        Thread.ofPlatform().daemon().name("ipset-session").start(() -> {
            byte[] buf = new byte[8192];
            try (stream) {
                int n;
                while ((n = stream.read(buf)) > 0) {
                    q.add(new String(buf, 0, n, StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                // process gone; signalled below
            }
            q.add("");
        });
    }

    private void stop() {
        if (process != null) {
            process.destroy();
            process = null;
        }
    }

    @Override
    public synchronized void close() {
        if (process != null) {
            try {
                in.close();
                if (!process.waitFor(2, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (IOException e) {
                process.destroyForcibly();
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }
}
