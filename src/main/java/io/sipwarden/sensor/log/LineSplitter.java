package io.sipwarden.sensor.log;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Splits a byte stream into lines without ever holding more than {@code maxLineBytes} of one
 * line: a longer line is skipped up to its newline and counted. Bytes are decoded as UTF-8
 * with replacement, so invalid input, NULs and binary garbage become ordinary (unmatched) text.
 * Tracks the offset just after the last complete line, which is what a cursor may store.
 */
final class LineSplitter {
    /** Receives complete lines. */
    @FunctionalInterface
    interface Sink {
        void line(String line);

        /**
         * Handles a line straight from its bytes if it can (true), which saves decoding it;
         * false means "decode it and call {@link #line}". {@code b[off, off + len)} is only
         * valid during the call; {@code ascii} tells whether all its bytes are below 0x80.
         */
        default boolean bytes(byte[] b, int off, int len, boolean ascii) {
            return false;
        }
    }

    private final byte[] pending;
    private final LogStats stats;
    private int pendingLength;
    private boolean skipping;
    /** Stream offset of the byte after the last complete (or skipped) line. */
    private long consumed;
    /** Stream offset of the next byte to be fed. */
    private long position;

    LineSplitter(int maxLineBytes, LogStats stats, long startOffset) {
        if (maxLineBytes < 64) {
            throw new IllegalArgumentException("max_line_bytes must be at least 64: " + maxLineBytes);
        }
        this.pending = new byte[maxLineBytes];
        this.stats = stats;
        this.consumed = startOffset;
        this.position = startOffset;
    }

    long consumed() {
        return consumed;
    }

    /** Feeds bytes in stream order and emits each complete line. */
    void feed(byte[] b, int off, int len, Sink sink) {
        int end = off + len;
        int start = off;
        for (int i = scan(b, off, end); i >= 0; i = scan(b, i + 1, end)) {
            int segment = i - start;
            if (skipping) {
                skipping = false;
            } else if (pendingLength + segment > pending.length) {
                stats.countOversize();
            } else if (pendingLength == 0) {
                emit(b, start, segment, sink, scannedAscii);
            } else {
                System.arraycopy(b, start, pending, pendingLength, segment);
                int n = pendingLength + segment;
                emit(pending, 0, n, sink, AsciiScan.isAscii(pending, 0, n));
            }
            pendingLength = 0;
            consumed = position + (i - off) + 1;
            start = i + 1;
        }
        // Keep the unterminated rest, or start skipping if it is already too long.
        int rest = end - start;
        if (rest > 0 && !skipping) {
            if (pendingLength + rest > pending.length) {
                skipping = true;
                pendingLength = 0;
                stats.countOversize();
            } else {
                System.arraycopy(b, start, pending, pendingLength, rest);
                pendingLength += rest;
            }
        }
        position += len;
        if (skipping) {
            // An oversize line is never re-read: the cursor moves past what was skipped.
            consumed = position;
        }
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long NEWLINES = 0x0A0A_0A0A_0A0A_0A0AL;
    private static final long ONES = 0x0101_0101_0101_0101L;
    private static final long HIGHS = 0x8080_8080_8080_8080L;

    /**
     * Index of the first '\n' in {@code b[from, end)}, or -1; eight bytes at a time (a byte of
     * {@code w} is zero where the text has '\n'; the lowest flagged byte is always a true one).
     */
    static int nextNewline(byte[] b, int from, int end) {
        int i = from;
        for (; i + 8 <= end; i += 8) {
            long w = (long) LONGS.get(b, i) ^ NEWLINES;
            long zero = (w - ONES) & ~w & HIGHS;
            if (zero != 0) {
                return i + (Long.numberOfTrailingZeros(zero) >>> 3);
            }
        }
        for (; i < end; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** Whether the bytes before the newline the last {@link #scan} found were all ASCII. */
    private boolean scannedAscii;

    boolean scannedAscii() {
        return scannedAscii;
    }

    /**
     * {@link #nextNewline}, and whether the bytes before the newline are all below 0x80 in
     * {@link #scannedAscii}: the same pass over the bytes, so the byte parsers get the check
     * for free. Vector compares where the JVM has them ({@link VectorScan}), words otherwise.
     */
    int scan(byte[] b, int from, int end) {
        long r = VectorSupport.ENABLED ? VectorScan.newline(b, from, end) : newlineWords(b, from, end);
        if (r < 0) {
            return -1;
        }
        scannedAscii = (r & 1) != 0;
        return (int) (r >>> 1);
    }

    /** {@link VectorScan#newline} eight bytes at a time: {@code index << 1 | ascii}, or -1. */
    static long newlineWords(byte[] b, int from, int end) {
        int i = from;
        long seen = 0;
        for (; i + 8 <= end; i += 8) {
            long v = (long) LONGS.get(b, i);
            long w = v ^ NEWLINES;
            long zero = (w - ONES) & ~w & HIGHS;
            if (zero != 0) {
                int k = Long.numberOfTrailingZeros(zero) >>> 3;
                seen |= v & ((1L << (k << 3)) - 1); // only the bytes before the newline
                return (long) (i + k) << 1 | ((seen & HIGHS) == 0 ? 1 : 0);
            }
            seen |= v;
        }
        for (; i < end; i++) {
            if (b[i] == '\n') {
                return (long) i << 1 | ((seen & HIGHS) == 0 ? 1 : 0);
            }
            seen |= b[i];
        }
        return -1;
    }

    /** At the end of a finished file: an unterminated last line is still a line. */
    void finish(Sink sink) {
        if (pendingLength > 0 && !skipping) {
            emit(pending, 0, pendingLength, sink, AsciiScan.isAscii(pending, 0, pendingLength));
            consumed = position;
        }
        pendingLength = 0;
        skipping = false;
    }

    private static void emit(byte[] b, int off, int len, Sink sink, boolean ascii) {
        if (len > 0 && b[off + len - 1] == '\r') {
            len--;
        }
        if (!sink.bytes(b, off, len, ascii)) {
            sink.line(new String(b, off, len, StandardCharsets.UTF_8));
        }
    }
}
