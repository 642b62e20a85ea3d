package io.sipwarden.enforce.ipset;

import io.sipwarden.enforce.KernelSet;
import io.sipwarden.net.Cidr;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Our sets as {@code ipset save} prints them; entries are parsed back through {@link Cidr#parse}.
 *
 * @param sets our sets that exist, entry → time left (null: no timeout)
 */
record IpsetListing(Map<KernelSet, Map<Cidr, Duration>> sets) {

    static IpsetListing parse(String save, IpsetText text) {
        Map<String, KernelSet> byName = new LinkedHashMap<>();
        for (KernelSet k : KernelSet.values()) {
            byName.put(text.setName(k), k);
        }
        Map<KernelSet, Map<Cidr, Duration>> sets = new EnumMap<>(KernelSet.class);
        for (String line : save.lines().toList()) {
            String[] f = line.strip().split("\\s+");
            if (f.length < 2) {
                continue;
            }
            KernelSet k = byName.get(f[1]);
            if (k == null) {
                continue;
            }
            if ("create".equals(f[0])) {
                sets.computeIfAbsent(k, x -> new LinkedHashMap<>());
            } else if ("add".equals(f[0]) && f.length >= 3) {
                Duration left = null;
                for (int i = 3; i + 1 < f.length; i++) {
                    if ("timeout".equals(f[i])) {
                        long t = Long.parseLong(f[i + 1]);
                        // In a set created with "timeout 0", an entry's timeout 0 means permanent.
                        left = t == 0 ? null : Duration.ofSeconds(t);
                    }
                }
                try {
                    sets.computeIfAbsent(k, x -> new LinkedHashMap<>()).put(Cidr.parse(f[2]), left);
                } catch (IllegalArgumentException e) {
                    System.getLogger(IpsetListing.class.getName()).log(System.Logger.Level.WARNING,
                            "unreadable entry in ipset " + f[1] + " left alone: " + e.getMessage());
                }
            }
        }
        return new IpsetListing(sets);
    }
}
