package io.sipwarden.sensor.ami;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * An action to send: its name and headers in order. The client adds the {@code ActionID}.
 * Values must not contain line breaks (that would inject headers); {@link #with} rejects them.
 */
public record AmiAction(String name, List<String[]> headers) {

    public AmiAction {
        Objects.requireNonNull(name, "name");
        checkValue(name);
        headers = List.copyOf(headers);
    }

    public static AmiAction of(String name) {
        return new AmiAction(name, List.of());
    }

    /** A copy with one more header. */
    public AmiAction with(String header, String value) {
        checkValue(header);
        checkValue(value);
        List<String[]> h = new ArrayList<>(headers);
        h.add(new String[] {header, value});
        return new AmiAction(name, h);
    }

    private static void checkValue(String v) {
        Objects.requireNonNull(v, "header or value");
        if (v.indexOf('\r') >= 0 || v.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("line break in an AMI header or value");
        }
    }

    byte[] bytes(String actionId) {
        StringBuilder b = new StringBuilder(64 + 32 * headers.size());
        b.append("Action: ").append(name).append("\r\n");
        b.append("ActionID: ").append(actionId).append("\r\n");
        for (String[] h : headers) {
            b.append(h[0]).append(": ").append(h[1]).append("\r\n");
        }
        b.append("\r\n");
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Secret headers are shown as {@code ***}. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("AmiAction[").append(name);
        for (String[] h : headers) {
            String n = h[0].toLowerCase(Locale.ROOT);
            boolean secret = n.equals("key") || AmiFrame.SECRET_HEADERS.contains(n);
            b.append(", ").append(h[0]).append('=').append(secret ? "***" : h[1]);
        }
        return b.append(']').toString();
    }
}
