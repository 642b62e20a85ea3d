package io.sipwarden.geo;

import io.sipwarden.net.Cidr;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Inet4Address;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tiny MaxMind DB writer for tests (IPv6 tree, 24-bit records; IPv4 networks go under ::/96
 * as MaxMind's own files do). Values: String, Double, Float, Long/Integer (uint32), Map, List.
 * Written from the published MaxMind DB format specification.
 */
public final class MmdbWriter {

    private static final class Node {
        final Object[] child = new Object[2]; // Node, Integer (data offset) or null
    }

    private final String databaseType;
    private final Node root = new Node();
    private final ByteArrayOutputStream data = new ByteArrayOutputStream();

    public MmdbWriter(String databaseType) {
        this.databaseType = databaseType;
    }

    /** Adds a network with its record (a map of the database's own keys). */
    public MmdbWriter put(String cidr, Map<String, ?> record) {
        Cidr c = Cidr.parse(cidr);
        byte[] b = c.network().getAddress();
        int length = c.length();
        if (c.network() instanceof Inet4Address) {
            byte[] v6 = new byte[16];
            System.arraycopy(b, 0, v6, 12, 4);
            b = v6;
            length += 96;
        }
        int offset = data.size();
        encode(record);
        Node n = root;
        for (int i = 0; i < length; i++) {
            int bit = (b[i / 8] >> (7 - i % 8)) & 1;
            if (i == length - 1) {
                n.child[bit] = offset;
            } else {
                if (!(n.child[bit] instanceof Node)) {
                    n.child[bit] = new Node();
                }
                n = (Node) n.child[bit];
            }
        }
        return this;
    }

    public Path write(Path file) throws IOException {
        List<Node> nodes = new ArrayList<>();
        Map<Node, Integer> index = new LinkedHashMap<>();
        List<Node> queue = new ArrayList<>(List.of(root));
        for (int q = 0; q < queue.size(); q++) {
            Node n = queue.get(q);
            index.put(n, nodes.size());
            nodes.add(n);
            for (Object c : n.child) {
                if (c instanceof Node child) {
                    queue.add(child);
                }
            }
        }
        int count = nodes.size();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Node n : nodes) {
            for (Object c : n.child) {
                long v = switch (c) {
                    case null -> count;
                    case Node child -> index.get(child);
                    case Integer off -> count + 16L + off;
                    default -> throw new IllegalStateException();
                };
                out.write((int) (v >> 16));
                out.write((int) (v >> 8));
                out.write((int) v);
            }
        }
        out.write(new byte[16]);
        data.writeTo(out);
        out.write(new byte[] {(byte) 0xAB, (byte) 0xCD, (byte) 0xEF});
        out.write("MaxMind.com".getBytes(StandardCharsets.US_ASCII));
        ByteArrayOutputStream meta = new ByteArrayOutputStream();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("node_count", (long) count);
        m.put("record_size", new Uint16(24));
        m.put("ip_version", new Uint16(6));
        m.put("database_type", databaseType);
        m.put("languages", List.of("en"));
        m.put("binary_format_major_version", new Uint16(2));
        m.put("binary_format_minor_version", new Uint16(0));
        m.put("build_epoch", new Uint64(1_767_225_600L));
        m.put("description", Map.of("en", "test database"));
        encode(meta, m);
        meta.writeTo(out);
        Files.write(file, out.toByteArray());
        return file;
    }

    private record Uint16(int v) {
    }

    private record Uint64(long v) {
    }

    private void encode(Object v) {
        encode(data, v);
    }

    private static void encode(ByteArrayOutputStream o, Object v) {
        switch (v) {
            case String s -> {
                byte[] b = s.getBytes(StandardCharsets.UTF_8);
                control(o, 2, b.length);
                o.writeBytes(b);
            }
            case Double d -> {
                control(o, 3, 8);
                long bits = Double.doubleToLongBits(d);
                for (int i = 7; i >= 0; i--) {
                    o.write((int) (bits >> (i * 8)));
                }
            }
            case Float f -> {
                control(o, 15, 4);
                int bits = Float.floatToIntBits(f);
                for (int i = 3; i >= 0; i--) {
                    o.write(bits >> (i * 8));
                }
            }
            case Uint16 u -> unsigned(o, 5, u.v(), 2);
            case Uint64 u -> unsigned(o, 9, u.v(), 8);
            case Integer i -> unsigned(o, 6, i, 4);
            case Long l -> unsigned(o, 6, l, 4);
            case Map<?, ?> map -> {
                control(o, 7, map.size());
                map.forEach((k, val) -> {
                    encode(o, (String) k);
                    encode(o, val);
                });
            }
            case List<?> list -> {
                control(o, 11, list.size());
                list.forEach(e -> encode(o, e));
            }
            default -> throw new IllegalArgumentException("cannot encode " + v.getClass());
        }
    }

    private static void unsigned(ByteArrayOutputStream o, int type, long v, int max) {
        int n = 0;
        for (long x = v; x != 0; x >>>= 8) {
            n++;
        }
        n = Math.min(n, max);
        control(o, type, n);
        for (int i = n - 1; i >= 0; i--) {
            o.write((int) (v >> (i * 8)));
        }
    }

    private static void control(ByteArrayOutputStream o, int type, int size) {
        int sizeBits = size < 29 ? size : size < 285 ? 29 : size < 65_821 ? 30 : 31;
        o.write(((type <= 7 ? type : 0) << 5) | sizeBits);
        if (type > 7) {
            o.write(type - 7);
        }
        if (sizeBits == 29) {
            o.write(size - 29);
        } else if (sizeBits == 30) {
            o.write((size - 285) >> 8);
            o.write(size - 285);
        } else if (sizeBits == 31) {
            int s = size - 65_821;
            o.write(s >> 16);
            o.write(s >> 8);
            o.write(s);
        }
    }
}
