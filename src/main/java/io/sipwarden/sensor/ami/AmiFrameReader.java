package io.sipwarden.sensor.ami;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits an AMI byte stream into {@link AmiFrame}s: {@code Key: Value} lines ended by CRLF or LF,
 * a blank line ends a message. Hostile or broken input never throws: over-long lines are cut at
 * {@link #MAX_LINE} bytes, lines without a colon are skipped, headers beyond {@link #MAX_HEADERS}
 * are dropped, and each case is counted. Secret header values are blanked before the frame exists.
 * Not thread-safe: one reader thread owns it.
 */
public final class AmiFrameReader {

    /** Longest line kept; Asterisk's own input limit is 1024, its output lines are far shorter. */
    public static final int MAX_LINE = 8192;
    /** Most headers kept per frame (Asterisk accepts 128 on input). */
    public static final int MAX_HEADERS = 512;

    private final InputStream in;
    private final byte[] buf = new byte[64 * 1024];
    private int pos;
    private int limit;

    private byte[] frame = new byte[4096];
    private int frameLen;
    private int[] offsets = new int[4 * 32];
    private int headers;

    private long truncatedLines;
    private long malformedLines;
    private long droppedHeaders;
    private long bytesRead;

    private final boolean keepSecrets;

    public AmiFrameReader(InputStream in) {
        this(in, false);
    }

    /** {@code keepSecrets} only for the server side of tests, which must check a login. */
    AmiFrameReader(InputStream in, boolean keepSecrets) {
        this.in = in;
        this.keepSecrets = keepSecrets;
    }

    /**
     * Reads one raw line (the banner), without its line end, at most {@link #MAX_LINE} bytes.
     *
     * @return the line, or null at end of stream
     */
    public String readLine() throws IOException {
        int start = frameLen = 0;
        boolean over = false;
        while (true) {
            if (pos == limit && !fill()) {
                return frameLen == 0 ? null : text(start);
            }
            byte b = buf[pos++];
            if (b == '\n') {
                return text(start);
            }
            if (frameLen < MAX_LINE) {
                append(b);
            } else if (!over) {
                over = true;
                truncatedLines++;
            }
        }
    }

    private String text(int start) {
        int end = frameLen;
        if (end > start && frame[end - 1] == '\r') {
            end--;
        }
        String s = new String(frame, start, end - start, StandardCharsets.UTF_8);
        frameLen = 0;
        return s;
    }

    /**
     * Reads the next complete frame.
     *
     * @return the frame, or null at end of stream (a partial frame at the end is discarded:
     *         it was never complete)
     */
    public AmiFrame next() throws IOException {
        frameLen = 0;
        headers = 0;
        while (true) {
            int lineStart = frameLen;
            int state = readLineInto();
            if (state < 0) {
                return null;
            }
            int lineEnd = frameLen;
            if (lineEnd > lineStart && frame[lineEnd - 1] == '\r') {
                lineEnd--;
            }
            if (lineEnd == lineStart) {
                frameLen = lineStart;
                if (headers > 0) {
                    return build();
                }
                continue; // blank lines between frames
            }
            addHeader(lineStart, lineEnd);
        }
    }

    /** Copies one line into {@link #frame}; returns -1 at end of stream, else 0. */
    private int readLineInto() throws IOException {
        int lineStart = frameLen;
        boolean over = false;
        while (true) {
            if (pos == limit && !fill()) {
                return -1;
            }
            // Fast path: scan the buffer for the line end and copy in one go.
            int i = pos;
            int end = limit;
            while (i < end && buf[i] != '\n') {
                i++;
            }
            int n = i - pos;
            int room = MAX_LINE - (frameLen - lineStart);
            if (n > room) {
                if (!over) {
                    over = true;
                    truncatedLines++;
                }
                n = Math.max(room, 0);
            }
            if (n > 0) {
                ensure(n);
                System.arraycopy(buf, pos, frame, frameLen, n);
                frameLen += n;
            }
            if (i < end) {
                pos = i + 1;
                return 0;
            }
            pos = end;
        }
    }

    private void addHeader(int from, int to) {
        int colon = -1;
        for (int i = from; i < to; i++) {
            if (frame[i] == ':') {
                colon = i;
                break;
            }
        }
        if (colon <= from) {
            malformedLines++;
            frameLen = from;
            return;
        }
        if (headers == MAX_HEADERS) {
            droppedHeaders++;
            frameLen = from;
            return;
        }
        int vs = colon + 1;
        while (vs < to && (frame[vs] == ' ' || frame[vs] == '\t')) {
            vs++;
        }
        int ne = colon;
        while (ne > from && (frame[ne - 1] == ' ' || frame[ne - 1] == '\t')) {
            ne--;
        }
        if (!keepSecrets && isSecret(from, ne)) {
            Arrays.fill(frame, vs, to, (byte) 0);
            to = vs;
        }
        if (offsets.length < 4 * (headers + 1)) {
            offsets = Arrays.copyOf(offsets, offsets.length * 2);
        }
        int o = 4 * headers++;
        offsets[o] = from;
        offsets[o + 1] = ne;
        offsets[o + 2] = vs;
        offsets[o + 3] = to;
    }

    /** Lower-case names of {@link AmiFrame#SECRET_HEADERS}, as bytes, for an allocation-free check. */
    private static final byte[][] SECRETS = AmiFrame.SECRET_HEADERS.stream()
            .map(n -> n.getBytes(StandardCharsets.US_ASCII)).toArray(byte[][]::new);

    private boolean isSecret(int from, int to) {
        int n = to - from;
        outer:
        for (byte[] secret : SECRETS) {
            if (secret.length != n) {
                continue;
            }
            for (int k = 0; k < n; k++) {
                int c = frame[from + k];
                if (c >= 'A' && c <= 'Z') {
                    c += 32;
                }
                if (c != secret[k]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private AmiFrame build() {
        byte[] copy = Arrays.copyOf(frame, frameLen);
        AmiFrame f = new AmiFrame(copy, Arrays.copyOf(offsets, 4 * headers), headers);
        frameLen = 0;
        headers = 0;
        return f;
    }

    private void append(byte b) {
        ensure(1);
        frame[frameLen++] = b;
    }

    private void ensure(int n) {
        if (frameLen + n > frame.length) {
            frame = Arrays.copyOf(frame, Math.max(frame.length * 2, frameLen + n));
        }
    }

    private boolean fill() throws IOException {
        int n = in.read(buf, 0, buf.length);
        if (n <= 0) {
            pos = limit = 0;
            return false;
        }
        bytesRead += n;
        pos = 0;
        limit = n;
        return true;
    }

    /** Whether bytes are already buffered (a frame may be complete without another read). */
    public boolean hasBuffered() {
        return pos < limit;
    }

    public long truncatedLines() {
        return truncatedLines;
    }

    public long malformedLines() {
        return malformedLines;
    }

    public long droppedHeaders() {
        return droppedHeaders;
    }

    public long bytesRead() {
        return bytesRead;
    }
}
