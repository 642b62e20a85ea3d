package io.sipwarden.enforce.nftables;

import io.sipwarden.enforce.EnforcementException;
import io.sipwarden.enforce.Netns;
import io.sipwarden.enforce.nftables.LibNftnl.SetElements;
import java.util.List;

/**
 * A libnftables context bound to one network namespace: the daemon's own (calls run on the
 * caller's thread) or a named one (calls run on a thread that joined it, so libnftables' netlink
 * socket lives there). The library is loaded lazily and again after a failure, so installing
 * {@code libnftables1} or granting CAP_NET_ADMIN heals a degraded enforcer without a restart.
 */
public final class NftSession implements AutoCloseable {
    private final String library;
    private final String netnsName;
    private final String nftnl;
    private Netns netns;
    private LibNftables lib;
    private LibNftnl fast;
    /**
     * Why the libnftnl fast path is off (library missing), or null while it is usable. Volatile
     * rather than read under the session's lock: health asks for it from the detection thread,
     * which must not wait out a kernel transaction of seconds on the enforcement thread.
     */
    private volatile String fastOff;

    /**
     * @param library   soname or path of libnftables ("libnftables.so.1")
     * @param netnsName network namespace to act in, or empty for the daemon's own
     */
    public NftSession(String library, String netnsName) {
        this(library, netnsName, LibNftnl.SONAME);
    }

    /**
     * @param nftnl soname of libnftnl for the fast element path (benchmarks and tests point it at
     *              a missing one to measure or test the libnftables-only path)
     */
    public NftSession(String library, String netnsName, String nftnl) {
        this.library = library;
        this.netnsName = netnsName == null ? "" : netnsName;
        this.nftnl = nftnl;
    }

    /** Runs nft commands as one transaction; a failure carries nft's own error text. */
    public synchronized String run(String commands) throws EnforcementException {
        LibNftables.Result r = call(commands, false, false);
        if (!r.ok()) {
            throw new EnforcementException(explain(r.error()));
        }
        return r.output();
    }

    /** Runs a listing command with JSON output. */
    public synchronized String json(String command) throws EnforcementException {
        LibNftables.Result r = call(command, true, false);
        if (!r.ok()) {
            throw new EnforcementException(explain(r.error()));
        }
        return r.output();
    }

    /** Asks the kernel whether {@code commands} would be accepted, without applying them. */
    public synchronized boolean accepts(String commands) throws EnforcementException {
        return call(commands, false, true).ok();
    }

    /**
     * Adds elements to hash sets in one transaction through libnftnl (see {@link LibNftnl} for
     * why), with the same all-or-nothing meaning as {@code add element} commands in one batch.
     *
     * @param parts per set: keys in network byte order and timeouts in ms (0: permanent)
     * @return false when the fast path is unavailable here (libnftnl or libmnl missing): use {@link #run}
     * @throws EnforcementException with the kernel's reason (ENOENT text when the table or a set is missing)
     */
    synchronized boolean addElements(String table, List<SetElements> parts) throws EnforcementException {
        if (fastOff != null) {
            return false;
        }
        return inNamespace(() -> {
            if (fast == null) {
                try {
                    fast = LibNftnl.open(nftnl, table);
                } catch (EnforcementException e) {
                    if (e.getMessage().startsWith("cannot load") || e.getMessage().startsWith("no symbol")) {
                        fastOff = e.getMessage();
                        System.getLogger(NftSession.class.getName()).log(System.Logger.Level.INFO,
                                "address bans go through libnftables commands (slower when the table holds many prefixes): " + fastOff);
                        return false;
                    }
                    throw e;
                }
            }
            try {
                fast.addElements(parts);
            } catch (EnforcementException e) {
                // The socket may hold replies of the failed batch: start afresh next time.
                fast.close();
                fast = null;
                throw new EnforcementException(explain(e.getMessage().replaceFirst("^nftables: ", "")), e);
            }
            return true;
        });
    }

    /** One set's worth of {@link #addElements}: the single-set convenience. */
    public boolean addElements(String table, String set, byte[][] keys, long[] timeoutsMs) throws EnforcementException {
        return addElements(table, List.of(new SetElements(set, keys, timeoutsMs)));
    }

    /** Why address bans go through libnftables commands instead of libnftnl, or null when they do not. */
    public String fastPathOff() {
        return fastOff;
    }

    /** Work that must run where libnftables' and libnftnl's netlink sockets live. */
    private interface NsWork<T> {
        T run() throws EnforcementException;
    }

    private <T> T inNamespace(NsWork<T> work) throws EnforcementException {
        if (netnsName.isEmpty()) {
            return work.run();
        }
        if (netns == null) {
            try {
                netns = Netns.join(netnsName);
            } catch (RuntimeException e) {
                throw new EnforcementException("cannot enter network namespace " + netnsName + ": " + e.getMessage(), e);
            }
        }
        try {
            return netns.call(work::run);
        } catch (RuntimeException e) {
            if (e.getCause() instanceof EnforcementException ee) {
                throw ee;
            }
            throw new EnforcementException(e.getMessage(), e);
        }
    }

    private LibNftables.Result call(String commands, boolean json, boolean dryRun) throws EnforcementException {
        return inNamespace(() -> ensure().run(commands, json, dryRun));
    }

    private LibNftables ensure() throws EnforcementException {
        if (lib == null) {
            lib = LibNftables.open(library);
        }
        return lib;
    }

    /** Turns nft's multi-line error into one line an operator can act on. */
    static String explain(String error) {
        String first = error == null ? "" : error.strip().lines().findFirst().orElse("").strip();
        if (first.isEmpty()) {
            first = "nftables command failed without a message";
        }
        if (error != null && error.contains("Operation not permitted")) {
            return "nftables: permission denied — the daemon needs CAP_NET_ADMIN (" + first + ")";
        }
        if (error != null && error.contains("Protocol not supported")) {
            return "nftables: the kernel lacks nf_tables support (" + first + ")";
        }
        return "nftables: " + first;
    }

    @Override
    public synchronized void close() {
        LibNftnl f = fast;
        LibNftables l = lib;
        fast = null;
        lib = null;
        // Each was opened on the namespace's thread; it is closed there too.
        closeWhereOpened(f);
        closeWhereOpened(l);
        if (netns != null) {
            netns.close();
            netns = null;
        }
    }

    private void closeWhereOpened(AutoCloseable c) {
        if (c == null) {
            return;
        }
        Runnable close = () -> {
            try {
                c.close();
            } catch (Exception ignored) {
                // Both close() methods only free memory and a socket; nothing to report.
            }
        };
        if (netns != null) {
            netns.call(() -> {
                close.run();
                return null;
            });
        } else {
            close.run();
        }
    }
}
