package io.sipwarden.enforce.nftables;

import io.sipwarden.enforce.EnforcementException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * Hand-written FFM bindings to Debian's libnftables ({@code libnftables1}): one context, commands
 * in nft syntax, output and errors captured in buffers. Not thread-safe; {@link NftSession} owns it.
 */
final class LibNftables implements AutoCloseable {
    static final int OUTPUT_JSON = 1 << 4;

    private final MethodHandle ctxFree;
    private final MethodHandle runCmd;
    private final MethodHandle getOutput;
    private final MethodHandle getError;
    private final MethodHandle setOutputFlags;
    private final MethodHandle setDryRun;
    private final MemorySegment ctx;
    private boolean closed;

    /** Outcome of one {@code nft_run_cmd_from_buffer} call. */
    record Result(boolean ok, String output, String error) {
    }

    private LibNftables(SymbolLookup lib, String library) throws EnforcementException {
        Linker linker = Linker.nativeLinker();
        ValueLayout a = ValueLayout.ADDRESS;
        ValueLayout i = ValueLayout.JAVA_INT;
        MethodHandle ctxNew = find(linker, lib, library, "nft_ctx_new", FunctionDescriptor.of(a, i));
        ctxFree = find(linker, lib, library, "nft_ctx_free", FunctionDescriptor.ofVoid(a));
        MethodHandle bufOut = find(linker, lib, library, "nft_ctx_buffer_output", FunctionDescriptor.of(i, a));
        MethodHandle bufErr = find(linker, lib, library, "nft_ctx_buffer_error", FunctionDescriptor.of(i, a));
        runCmd = find(linker, lib, library, "nft_run_cmd_from_buffer", FunctionDescriptor.of(i, a, a));
        getOutput = find(linker, lib, library, "nft_ctx_get_output_buffer", FunctionDescriptor.of(a, a));
        getError = find(linker, lib, library, "nft_ctx_get_error_buffer", FunctionDescriptor.of(a, a));
        setOutputFlags = find(linker, lib, library, "nft_ctx_output_set_flags", FunctionDescriptor.ofVoid(a, i));
        setDryRun = find(linker, lib, library, "nft_ctx_set_dry_run", FunctionDescriptor.ofVoid(a, ValueLayout.JAVA_BOOLEAN));
        try {
            ctx = (MemorySegment) ctxNew.invokeExact(0);
            if (ctx.equals(MemorySegment.NULL)) {
                throw new EnforcementException("nft_ctx_new returned NULL (out of memory?)");
            }
            int r1 = (int) bufOut.invokeExact(ctx);
            int r2 = (int) bufErr.invokeExact(ctx);
            if (r1 != 0 || r2 != 0) {
                throw new EnforcementException("libnftables could not buffer its output");
            }
        } catch (EnforcementException e) {
            throw e;
        } catch (Throwable t) {
            throw new EnforcementException("libnftables failed to start: " + t, t);
        }
    }

    /**
     * Loads {@code library} (a soname like {@code libnftables.so.1} or a path) and makes a context.
     *
     * @throws EnforcementException saying which package to install when the library is missing
     */
    static LibNftables open(String library) throws EnforcementException {
        SymbolLookup lib;
        try {
            lib = SymbolLookup.libraryLookup(library, Arena.global());
        } catch (IllegalArgumentException | IllegalCallerException e) {
            throw new EnforcementException("cannot load " + library + " (" + e.getMessage()
                    + "); install the libnftables1 package (Debian/Ubuntu) or nftables-libs, or choose backend ipset");
        }
        return new LibNftables(lib, library);
    }

    private static MethodHandle find(Linker linker, SymbolLookup lib, String library, String name, FunctionDescriptor d)
            throws EnforcementException {
        MemorySegment sym = lib.find(name).orElseThrow(() -> new EnforcementException(
                library + " has no symbol " + name + "; libnftables 0.9.3 or later is needed"));
        return linker.downcallHandle(sym, d);
    }

    /** Runs commands (one transaction: all or nothing). */
    Result run(String commands, boolean json, boolean dryRun) throws EnforcementException {
        if (closed) {
            throw new EnforcementException("libnftables context already closed");
        }
        try (Arena call = Arena.ofConfined()) {
            setOutputFlags.invokeExact(ctx, json ? OUTPUT_JSON : 0);
            setDryRun.invokeExact(ctx, dryRun);
            int rc = (int) runCmd.invokeExact(ctx, call.allocateFrom(commands));
            String out = text((MemorySegment) getOutput.invokeExact(ctx));
            String err = text((MemorySegment) getError.invokeExact(ctx));
            return new Result(rc == 0, out, err);
        } catch (Throwable t) {
            throw new EnforcementException("libnftables call failed: " + t, t);
        }
    }

    private static String text(MemorySegment p) {
        if (p.equals(MemorySegment.NULL)) {
            return "";
        }
        return p.reinterpret(Integer.MAX_VALUE).getString(0);
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            try {
                ctxFree.invokeExact(ctx);
            } catch (Throwable ignored) {
                // Freeing cannot usefully fail; the process is going away or the context is unused.
            }
        }
    }
}
