package io.sipwarden.sensor.ami;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One AMI message (event, response or list item) as received: an ordered list of headers whose
 * names and values are decoded only when asked for, so the reader thread stays cheap.
 * Values of secret headers ({@link #SECRET_HEADERS}) were blanked by the reader on arrival.
 */
public final class AmiFrame {

    /** Headers whose values are secrets; never kept, never shown (e.g. the correct MD5 key). */
    public static final Set<String> SECRET_HEADERS =
            Set.of("expectedresponse", "secret", "password", "md5cred", "authdetail");

    private final byte[] bytes;
    /** Per header: name start, name end, value start, value end (offsets into {@link #bytes}). */
    private final int[] offsets;
    private final int size;

    AmiFrame(byte[] bytes, int[] offsets, int size) {
        this.bytes = bytes;
        this.offsets = offsets;
        this.size = size;
    }

    /** Builds a frame from name/value pairs (tests, the test server, tools). */
    public static AmiFrame of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values must come in pairs");
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            b.append(namesAndValues[i]).append(": ").append(namesAndValues[i + 1]).append("\r\n");
        }
        b.append("\r\n");
        try {
            return new AmiFrameReader(new java.io.ByteArrayInputStream(b.toString().getBytes(StandardCharsets.UTF_8)))
                    .next();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public int size() {
        return size;
    }

    public String name(int i) {
        return decode(offsets[4 * i], offsets[4 * i + 1]);
    }

    public String value(int i) {
        return decode(offsets[4 * i + 2], offsets[4 * i + 3]);
    }

    /** The value of the first header with this name (ASCII case-insensitive), or null. */
    public String get(String name) {
        int i = indexOf(name);
        return i < 0 ? null : value(i);
    }

    /** Like {@link #get} but "" when absent. */
    public String getOrEmpty(String name) {
        String v = get(name);
        return v == null ? "" : v;
    }

    /** Whether the header is present and its value equals {@code expected} (exact, ASCII). */
    public boolean is(String name, String expected) {
        int i = indexOf(name);
        if (i < 0) {
            return false;
        }
        int from = offsets[4 * i + 2];
        int to = offsets[4 * i + 3];
        if (to - from != expected.length()) {
            return false;
        }
        for (int k = 0; k < expected.length(); k++) {
            if (bytes[from + k] != expected.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    public boolean has(String name) {
        return indexOf(name) >= 0;
    }

    /** The {@code Event} header, or null for responses. */
    public String event() {
        return get("Event");
    }

    /** The {@code Response} header, or null for events. */
    public String response() {
        return get("Response");
    }

    public String actionId() {
        return get("ActionID");
    }

    /** All header names in order (for diagnostics such as {@code doctor}). */
    public List<String> names() {
        List<String> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(name(i));
        }
        return out;
    }

    int indexOf(String name) {
        int n = name.length();
        for (int i = 0; i < size; i++) {
            int from = offsets[4 * i];
            if (offsets[4 * i + 1] - from != n) {
                continue;
            }
            boolean eq = true;
            for (int k = 0; k < n; k++) {
                int a = bytes[from + k];
                int c = name.charAt(k);
                if (a != c && !(((a | 0x20) >= 'a' && (a | 0x20) <= 'z') && (a | 0x20) == (c | 0x20))) {
                    eq = false;
                    break;
                }
            }
            if (eq) {
                return i;
            }
        }
        return -1;
    }

    private String decode(int from, int to) {
        return new String(bytes, from, to - from, StandardCharsets.UTF_8);
    }

    /** Names only, with the first header's value (Event/Response): never dumps values, which may be hostile or secret. */
    @Override
    public String toString() {
        if (size == 0) {
            return "AmiFrame[]";
        }
        return "AmiFrame[" + name(0) + "=" + io.sipwarden.decision.Texts.safe(value(0), 40) + ", " + size + " headers]";
    }
}
