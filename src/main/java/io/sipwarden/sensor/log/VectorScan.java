package io.sipwarden.sensor.log;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link LineSplitter}'s newline search, and {@link SecurityBytes}' backward search, 32 or 64 bytes per
 * step with the Vector API, which the JIT compiles to AVX2/AVX-512 compares: ≈ 13 ns instead of
 * ≈ 64 ns for the word loop over a 290-byte log line (docs/bench-log.md). The API is still an
 * incubator module, so it exists only when the JVM was started with
 * {@code --add-modules jdk.incubator.vector} (bin/sipwarden does so for {@code replay}; the tests
 * run with it). Callers check {@link VectorSupport#ENABLED}, which is false without the module or
 * without 256-bit vectors, and then use the word loops. Never loaded without the module: it could
 * not be linked.
 */
final class VectorScan {
    /** The widest vectors the CPU has (64 bytes with AVX-512, 32 with AVX2): one mask per step. */
    private static final VectorSpecies<Byte> SPECIES = ByteVector.SPECIES_PREFERRED.length() <= 64
            ? ByteVector.SPECIES_PREFERRED : ByteVector.SPECIES_512;
    private static final int STEP = SPECIES.length();
    // Made once: a scalar operand is broadcast into a register on every call, and a line's scan is
    // only five or six steps, so the broadcast was 2 % of a replay pass (perf, docs/bench-log.md round 8).
    private static final ByteVector NEWLINES = ByteVector.broadcast(SPECIES, (byte) '\n');
    private static final ByteVector ZEROS = ByteVector.zero(SPECIES);

    private VectorScan() {
    }

    /** Whether the CPU has 256-bit vectors: without them the API runs in plain Java, far slower than SWAR. */
    static boolean wideVectors() {
        return ByteVector.SPECIES_PREFERRED.vectorBitSize() >= 256;
    }

    /** The last {@code c} in {@code b[from, to)}, or -1; one vector per step from the end. */
    static int lastIndexOf(byte[] b, byte c, int from, int to) {
        int i = to - STEP;
        for (; i >= from; i -= STEP) {
            long hits = ByteVector.fromArray(SPECIES, b, i).compare(VectorOperators.EQ, c).toLong();
            if (hits != 0) {
                return i + 63 - Long.numberOfLeadingZeros(hits);
            }
        }
        for (i += STEP - 1; i >= from; i--) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The first '\n' in {@code b[from, end)} and whether the bytes before it are all below 0x80:
     * {@code index << 1 | (ascii ? 1 : 0)}, or -1 if there is none.
     */
    static long newline(byte[] b, int from, int end) {
        int i = from;
        long high = 0; // bytes >= 0x80 seen, as mask bits: no vector lives across iterations
        for (; i + STEP <= end; i += STEP) {
            ByteVector v = ByteVector.fromArray(SPECIES, b, i);
            long newlines = v.compare(VectorOperators.EQ, NEWLINES).toLong();
            long negative = v.compare(VectorOperators.LT, ZEROS).toLong();
            if (newlines != 0) {
                int k = Long.numberOfTrailingZeros(newlines);
                high |= negative & ((1L << k) - 1);
                return (long) (i + k) << 1 | (high == 0 ? 1 : 0);
            }
            high |= negative;
        }
        for (; i < end; i++) {
            byte c = b[i];
            if (c == '\n') {
                return (long) i << 1 | (high == 0 ? 1 : 0);
            }
            high |= c & 0x80;
        }
        return -1;
    }
}
