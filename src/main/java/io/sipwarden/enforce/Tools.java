package io.sipwarden.enforce;

import io.sipwarden.enforce.EnforcementException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs system tools (ipset, iptables) (optionally inside a network namespace) with a time limit; input
 * goes through stdin, never through a shell.
 */
public final class Tools {
    private static final long TIMEOUT_SECONDS = 60;

    private final List<String> prefix;

    /** Outcome of one command. */
    public record Result(int exit, String out, String err) {
        public boolean ok() {
            return exit == 0;
        }
    }

    /** The namespace prefix, for long-lived tools started elsewhere. */
    public List<String> prefix() {
        return prefix;
    }

    /** @param netns namespace name (ip netns exec) or path (nsenter), empty for our own */
    public Tools(String netns) {
        if (netns == null || netns.isEmpty()) {
            prefix = List.of();
        } else if (netns.startsWith("/")) {
            prefix = List.of("nsenter", "--net=" + netns, "--");
        } else {
            prefix = List.of("ip", "netns", "exec", netns);
        }
    }

    /** Runs and returns whatever the tool said; only failure to start or a hang throws. */
    public Result run(String stdin, String... argv) throws EnforcementException {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.addAll(List.of(argv));
        Process p;
        try {
            p = new ProcessBuilder(cmd).start();
        } catch (IOException e) {
            throw new EnforcementException("cannot run " + argv[0] + " (" + e.getMessage() + "); install the "
                    + (argv[0].contains("ipset") ? "ipset" : "iptables") + " package or fix enforce.ipset in the configuration", e);
        }
        try {
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
            try (OutputStream in = p.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin.getBytes(StandardCharsets.US_ASCII));
                }
            }
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new EnforcementException(String.join(" ", argv) + " did not finish within " + TIMEOUT_SECONDS + " s");
            }
            return new Result(p.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            p.destroyForcibly();
            throw new EnforcementException(argv[0] + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new EnforcementException("interrupted while running " + argv[0], e);
        }
    }

    /** Runs and fails with the tool's first error line when it exits non-zero. */
    public String check(String stdin, String... argv) throws EnforcementException {
        Result r = run(stdin, argv);
        if (!r.ok()) {
            String first = r.err().strip().lines().findFirst().orElse("exit " + r.exit());
            String hint = r.err().contains("Operation not permitted") || r.err().contains("Permission denied")
                    ? " — the daemon needs CAP_NET_ADMIN" : "";
            throw new EnforcementException(argv[0] + ": " + first + hint);
        }
        return r.out();
    }

    private static String read(java.io.InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
