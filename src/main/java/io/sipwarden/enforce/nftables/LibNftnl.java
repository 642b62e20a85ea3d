package io.sipwarden.enforce.nftables;

import io.sipwarden.enforce.EnforcementException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;

/**
 * Hand-written FFM bindings to libnftnl and libmnl — the libraries libnftables itself is built on
 * (Debian {@code libnftnl11}, {@code libmnl0}, both dependencies of {@code libnftables1}) — for the
 * one hot operation: adding elements to a hash set as one netlink batch (one transaction).
 *
 * <p>Why not libnftables for this too: before every command, libnftables 1.0.6 refreshes its
 * cache whenever the ruleset generation changed (it does after each of our own bans), and that
 * refresh dumps every element of every interval set in the table. Measured here: with 10,000
 * prefix bans in the table a single-address ban took 30 ms through libnftables; with none it
 * still costs about ten netlink round trips. This path builds the same NEWSETELEM messages nft
 * would send, sends one batch and reads one acknowledgement, whatever the table holds. Everything
 * else (tables, chains, interval sets, listings, deletions) stays with libnftables.
 *
 * <p>Not thread-safe; {@link NftSession} owns it, on the thread that lives in the right network
 * namespace (the netlink socket belongs to the namespace it was opened in).
 */
final class LibNftnl implements AutoCloseable {
    static final String SONAME = "libnftnl.so.11";
    private static final int NETLINK_NETFILTER = 12;
    private static final int NFT_MSG_NEWSETELEM = 12;
    private static final int NFPROTO_INET = 1;
    private static final int NLM_F_ACK = 0x4;
    private static final int NLM_F_CREATE = 0x400;
    private static final int NFTNL_SET_TABLE = 0;
    private static final int NFTNL_SET_NAME = 1;
    private static final int NFTNL_SET_ELEM_KEY = 1;
    private static final int NFTNL_SET_ELEM_TIMEOUT = 5;
    private static final int SOL_SOCKET = 1;
    private static final int SO_RCVTIMEO = 20;
    private static final int SO_SNDBUFFORCE = 32;
    private static final int SOL_NETLINK = 270;
    private static final int NETLINK_CAP_ACK = 10;
    /** Room for one element's attributes (nest, key nest, value, timeout) with alignment, generously. */
    private static final int BYTES_PER_ELEMENT = 64;
    /** Room for headers plus one message that may run past the estimate before the library splits it. */
    private static final int SLACK = 256 * 1024;
    private static final int REPLY_BUFFER = 64 * 1024;
    private static final ValueLayout.OfInt NLMSG_LEN = ValueLayout.JAVA_INT_UNALIGNED;
    private static final ValueLayout.OfShort NLMSG_FLAGS = ValueLayout.JAVA_SHORT_UNALIGNED;

    private final StructLayout callState = Linker.Option.captureStateLayout();
    private final VarHandle errnoHandle = callState.varHandle(java.lang.foreign.MemoryLayout.PathElement.groupElement("errno"));

    private final MethodHandle setAlloc;
    private final MethodHandle setFree;
    private final MethodHandle setSetStr;
    private final MethodHandle elemAlloc;
    private final MethodHandle elemSet;
    private final MethodHandle elemSetU64;
    private final MethodHandle elemAdd;
    private final MethodHandle iterCreate;
    private final MethodHandle iterDestroy;
    private final MethodHandle buildPayloadIter;
    private final MethodHandle buildHdr;
    private final MethodHandle batchBegin;
    private final MethodHandle batchEnd;
    private final MethodHandle socketClose;
    private final MethodHandle sendto;
    private final MethodHandle recvfrom;
    private final MethodHandle cbRun;
    private final MethodHandle strerror;
    private final MethodHandle setsockopt;

    private final Arena arena = Arena.ofShared();
    private final MemorySegment state = arena.allocate(callState);
    private final MemorySegment key = arena.allocate(16);
    private final MemorySegment reply = arena.allocate(REPLY_BUFFER);
    private final MemorySegment tableName;
    private final MemorySegment socket;
    private final int portId;
    private final int fd;
    private int sendBufferSize;
    private MemorySegment buffer;
    private Arena bufferArena;
    private int seq = (int) (System.nanoTime() & 0x3fffffff);
    private boolean closed;

    private LibNftnl(SymbolLookup nftnl, SymbolLookup mnl, String table) throws EnforcementException {
        Linker linker = Linker.nativeLinker();
        ValueLayout a = ValueLayout.ADDRESS;
        ValueLayout i = ValueLayout.JAVA_INT;
        ValueLayout s = ValueLayout.JAVA_SHORT;
        ValueLayout l = ValueLayout.JAVA_LONG;
        Linker.Option errno = Linker.Option.captureCallState("errno");
        setAlloc = find(linker, nftnl, "nftnl_set_alloc", FunctionDescriptor.of(a));
        setFree = find(linker, nftnl, "nftnl_set_free", FunctionDescriptor.ofVoid(a));
        setSetStr = find(linker, nftnl, "nftnl_set_set_str", FunctionDescriptor.of(i, a, s, a));
        elemAlloc = find(linker, nftnl, "nftnl_set_elem_alloc", FunctionDescriptor.of(a));
        elemSet = find(linker, nftnl, "nftnl_set_elem_set", FunctionDescriptor.of(i, a, s, a, i));
        elemSetU64 = find(linker, nftnl, "nftnl_set_elem_set_u64", FunctionDescriptor.ofVoid(a, s, l));
        elemAdd = find(linker, nftnl, "nftnl_set_elem_add", FunctionDescriptor.ofVoid(a, a));
        iterCreate = find(linker, nftnl, "nftnl_set_elems_iter_create", FunctionDescriptor.of(a, a));
        iterDestroy = find(linker, nftnl, "nftnl_set_elems_iter_destroy", FunctionDescriptor.ofVoid(a));
        buildPayloadIter = find(linker, nftnl, "nftnl_set_elems_nlmsg_build_payload_iter", FunctionDescriptor.of(i, a, a));
        buildHdr = find(linker, nftnl, "nftnl_nlmsg_build_hdr", FunctionDescriptor.of(a, a, s, s, s, i));
        batchBegin = find(linker, nftnl, "nftnl_batch_begin", FunctionDescriptor.of(a, a, i));
        batchEnd = find(linker, nftnl, "nftnl_batch_end", FunctionDescriptor.of(a, a, i));
        MethodHandle socketOpen = find(linker, mnl, "mnl_socket_open", FunctionDescriptor.of(a, i), errno);
        MethodHandle bind = find(linker, mnl, "mnl_socket_bind", FunctionDescriptor.of(i, a, i, i), errno);
        MethodHandle getPortId = find(linker, mnl, "mnl_socket_get_portid", FunctionDescriptor.of(i, a));
        MethodHandle getFd = find(linker, mnl, "mnl_socket_get_fd", FunctionDescriptor.of(i, a));
        socketClose = find(linker, mnl, "mnl_socket_close", FunctionDescriptor.of(i, a));
        sendto = find(linker, mnl, "mnl_socket_sendto", FunctionDescriptor.of(l, a, a, l), errno);
        recvfrom = find(linker, mnl, "mnl_socket_recvfrom", FunctionDescriptor.of(l, a, a, l), errno);
        cbRun = find(linker, mnl, "mnl_cb_run", FunctionDescriptor.of(i, a, l, i, i, a, a), errno);
        SymbolLookup libc = linker.defaultLookup();
        setsockopt = find(linker, libc, "setsockopt", FunctionDescriptor.of(i, i, i, i, a, i), errno);
        strerror = find(linker, libc, "strerror", FunctionDescriptor.of(a, i));
        tableName = arena.allocateFrom(table);
        try {
            socket = (MemorySegment) socketOpen.invokeExact(state, NETLINK_NETFILTER);
            if (socket.equals(MemorySegment.NULL)) {
                throw failure("cannot open a netfilter netlink socket");
            }
            if ((int) bind.invokeExact(state, socket, 0, 0) < 0) {
                int e = errno();
                int rc = (int) socketClose.invokeExact(socket);
                throw new EnforcementException("nftables: cannot bind a netfilter netlink socket: " + describe(e));
            }
            portId = (int) getPortId.invokeExact(socket);
            fd = (int) getFd.invokeExact(socket);
            // Best effort: errors then echo only the failing header, not the whole request.
            socketOption(SOL_NETLINK, NETLINK_CAP_ACK, arena.allocateFrom(ValueLayout.JAVA_INT, 1));
            // A lost reply must not hang the enforcer thread: give up after a second.
            MemorySegment timeval = arena.allocate(16);
            timeval.set(ValueLayout.JAVA_LONG, 0, 1L);
            socketOption(SOL_SOCKET, SO_RCVTIMEO, timeval);
        } catch (EnforcementException e) {
            arena.close();
            throw e;
        } catch (Throwable t) {
            arena.close();
            throw new EnforcementException("libnftnl/libmnl failed to start: " + t, t);
        }
    }

    private int socketOption(int level, int name, MemorySegment value) throws Throwable {
        return (int) setsockopt.invokeExact(state, fd, level, name, value, (int) value.byteSize());
    }

    /**
     * Loads both libraries and opens a netlink socket in the calling thread's network namespace.
     *
     * @throws EnforcementException when a library or symbol is missing or the socket cannot be opened
     */
    static LibNftnl open(String soname, String table) throws EnforcementException {
        SymbolLookup nftnl = load(soname, "libnftnl11");
        SymbolLookup mnl = load("libmnl.so.0", "libmnl0");
        return new LibNftnl(nftnl, mnl, table);
    }

    private static SymbolLookup load(String soname, String pkg) throws EnforcementException {
        try {
            return SymbolLookup.libraryLookup(soname, Arena.global());
        } catch (IllegalArgumentException | IllegalCallerException e) {
            throw new EnforcementException("cannot load " + soname + " (" + e.getMessage() + "); install " + pkg);
        }
    }

    private static MethodHandle find(Linker linker, SymbolLookup lib, String name, FunctionDescriptor d,
                                     Linker.Option... options) throws EnforcementException {
        MemorySegment sym = lib.find(name).orElseThrow(() -> new EnforcementException("no symbol " + name
                + " (libnftnl 1.1.2 or later and libmnl 1.0 are needed)"));
        return linker.downcallHandle(sym, d, options);
    }

    /** Elements for one hash set: keys in network byte order, timeouts in ms (0: none). */
    record SetElements(String set, byte[][] keys, long[] timeoutsMs) {
        SetElements {
            if (keys.length != timeoutsMs.length) {
                throw new IllegalArgumentException("one timeout per key");
            }
        }
    }

    /**
     * Adds elements to hash sets of table {@code inet <table>} in one transaction: all are
     * applied or none. An existing element gets the given timeout (kernels that reset on
     * re-add; the caller checks). A timeout of 0 means none (permanent).
     *
     * @throws EnforcementException with the kernel's error text (ENOENT when the table or a set is missing)
     */
    void addElements(List<SetElements> parts) throws EnforcementException {
        if (closed) {
            throw new EnforcementException("libnftnl context already closed");
        }
        long total = 0;
        for (SetElements p : parts) {
            total += p.keys().length;
        }
        if (total == 0) {
            return;
        }
        List<MemorySegment> sets = new ArrayList<>(parts.size());
        try (Arena call = Arena.ofConfined()) {
            try {
                MemorySegment buf = buffer(total * BYTES_PER_ELEMENT + (long) parts.size() * SLACK);
                int off = message((MemorySegment) batchBegin.invokeExact(buf, seq++));
                int last = -1;
                for (SetElements p : parts) {
                    if (p.keys().length == 0) {
                        continue;
                    }
                    MemorySegment s = (MemorySegment) setAlloc.invokeExact();
                    if (s.equals(MemorySegment.NULL)) {
                        throw new EnforcementException("nftables: out of memory building a batch");
                    }
                    sets.add(s);
                    fill(call, s, p);
                    off = messages(buf, off, s);
                    last = lastMessage;
                }
                // Only the last message asks for an acknowledgement: its ACK (or any error before it) ends the wait.
                short flags = buf.get(NLMSG_FLAGS, last + 6);
                buf.set(NLMSG_FLAGS, last + 6, (short) (flags | NLM_F_ACK));
                off += message((MemorySegment) batchEnd.invokeExact(buf.asSlice(off), seq++));
                send(off);
            } finally {
                for (MemorySegment s : sets) {
                    setFree.invokeExact(s);
                }
            }
        } catch (EnforcementException e) {
            throw e;
        } catch (Throwable t) {
            throw new EnforcementException("libnftnl call failed: " + t, t);
        }
    }

    /** Where the last NEWSETELEM message written by {@link #messages} starts. */
    private int lastMessage;

    /** Gives {@code s} its table, name and elements (the set owns each element once added). */
    private void fill(Arena call, MemorySegment s, SetElements p) throws Throwable {
        int r = (int) setSetStr.invokeExact(s, (short) NFTNL_SET_TABLE, tableName);
        r |= (int) setSetStr.invokeExact(s, (short) NFTNL_SET_NAME, call.allocateFrom(p.set()));
        if (r != 0) {
            throw new EnforcementException("nftables: out of memory building a batch");
        }
        byte[][] keys = p.keys();
        for (int i = 0; i < keys.length; i++) {
            MemorySegment e = (MemorySegment) elemAlloc.invokeExact();
            if (e.equals(MemorySegment.NULL)) {
                throw new EnforcementException("nftables: out of memory building a batch");
            }
            MemorySegment.copy(keys[i], 0, key, ValueLayout.JAVA_BYTE, 0, keys[i].length);
            r = (int) elemSet.invokeExact(e, (short) NFTNL_SET_ELEM_KEY, key, keys[i].length);
            if (p.timeoutsMs()[i] > 0) {
                elemSetU64.invokeExact(e, (short) NFTNL_SET_ELEM_TIMEOUT, p.timeoutsMs()[i]);
            }
            elemAdd.invokeExact(s, e); // the set owns the element from here on, also if r failed
            if (r != 0) {
                throw new EnforcementException("nftables: out of memory building a batch");
            }
        }
    }

    /** Writes the set's elements as NEWSETELEM messages of at most 64 KiB of elements each; returns the new offset. */
    private int messages(MemorySegment buf, int off, MemorySegment s) throws Throwable {
        MemorySegment iter = (MemorySegment) iterCreate.invokeExact(s);
        try {
            int more;
            do {
                if (off + SLACK / 2 > buf.byteSize()) {
                    throw new EnforcementException("nftables: batch buffer too small (" + buf.byteSize() + " bytes)");
                }
                MemorySegment nlh = (MemorySegment) buildHdr.invokeExact(buf.asSlice(off), (short) NFT_MSG_NEWSETELEM,
                        (short) NFPROTO_INET, (short) NLM_F_CREATE, seq++);
                more = (int) buildPayloadIter.invokeExact(nlh, iter);
                lastMessage = off;
                off += message(nlh);
            } while (more > 0);
        } finally {
            iterDestroy.invokeExact(iter);
        }
        return off;
    }

    /** The aligned length of the netlink message that starts at {@code nlh}. */
    private static int message(MemorySegment nlh) {
        int len = nlh.reinterpret(16).get(NLMSG_LEN, 0);
        return (len + 3) & ~3;
    }

    private MemorySegment buffer(long size) {
        if (buffer == null || buffer.byteSize() < size) {
            // Grown, never shrunk: the daemon's largest burst sets the size; the smaller one is freed.
            if (bufferArena != null) {
                bufferArena.close();
            }
            bufferArena = Arena.ofShared();
            buffer = bufferArena.allocate(Math.max(size, 1 << 20), 8);
        }
        return buffer;
    }

    private void send(int len) throws Throwable {
        if (len > sendBufferSize && len > 200_000) {
            // A batch is one datagram; larger than the default socket buffer needs SO_SNDBUFFORCE (CAP_NET_ADMIN).
            if (socketOption(SOL_SOCKET, SO_SNDBUFFORCE, arena.allocateFrom(ValueLayout.JAVA_INT, len)) == 0) {
                sendBufferSize = len;
            }
        }
        long sent = (long) sendto.invokeExact(state, socket, buffer, (long) len);
        if (sent < 0) {
            throw failure("sending the batch failed");
        }
        while (true) {
            long n = (long) recvfrom.invokeExact(state, socket, reply, (long) REPLY_BUFFER);
            if (n < 0) {
                throw failure("no answer from the kernel");
            }
            int r = (int) cbRun.invokeExact(state, reply, n, 0, portId, MemorySegment.NULL, MemorySegment.NULL);
            if (r < 0) {
                throw failure("the kernel refused the batch");
            }
            if (r == 0) {
                return; // the acknowledgement of the last message
            }
        }
    }

    private EnforcementException failure(String what) {
        int e = errno();
        return new EnforcementException("nftables: " + what + ": " + describe(e));
    }

    private int errno() {
        return (int) errnoHandle.get(state, 0L);
    }

    /** strerror text (as nft prints it, so callers can recognise ENOENT and EPERM) and the number. */
    private String describe(int errno) {
        try {
            MemorySegment p = (MemorySegment) strerror.invokeExact(errno);
            return (p.equals(MemorySegment.NULL) ? "error" : p.reinterpret(256).getString(0)) + " (errno " + errno + ")";
        } catch (Throwable t) {
            return "errno " + errno;
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            try {
                int rc = (int) socketClose.invokeExact(socket);
            } catch (Throwable t) {
                // Closing a socket cannot usefully fail here.
            }
            if (bufferArena != null) {
                bufferArena.close();
            }
            arena.close();
        }
    }
}
