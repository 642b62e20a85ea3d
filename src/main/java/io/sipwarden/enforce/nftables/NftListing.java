package io.sipwarden.enforce.nftables;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sipwarden.enforce.EnforcementException;
import io.sipwarden.enforce.KernelSet;
import io.sipwarden.net.Addresses;
import io.sipwarden.net.Cidr;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code nft -j list table inet <ours>} says is in the kernel. Elements are parsed back
 * through {@link Cidr#parse}, so nothing the kernel returns is ever echoed into a command unchecked.
 *
 * @param sets     our sets that exist, with elements → time left (null: no timeout)
 * @param rules    number of rules in our chain, or -1 if the chain is missing
 * @param counter  packets counted by our drop counter, or -1 if it is missing
 * @param foreign  elements we could not read back (ranges added by hand); left alone and logged
 */
record NftListing(Map<KernelSet, Map<Cidr, Duration>> sets, int rules, long counter, int foreign) {
    private static final ObjectMapper JSON = new ObjectMapper();

    static NftListing parse(String json) throws EnforcementException {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new EnforcementException("nftables returned unreadable JSON: " + e.getMessage(), e);
        }
        Map<KernelSet, Map<Cidr, Duration>> sets = new EnumMap<>(KernelSet.class);
        int rules = -1;
        long counter = -1;
        int foreign = 0;
        for (JsonNode item : root.path("nftables")) {
            if (item.has("set")) {
                JsonNode set = item.get("set");
                KernelSet k = bySuffix(set.path("name").asText());
                if (k == null) {
                    continue;
                }
                Map<Cidr, Duration> elems = new LinkedHashMap<>();
                for (JsonNode e : set.path("elem")) {
                    JsonNode val = e;
                    Duration left = null;
                    if (e.has("elem")) {
                        val = e.get("elem").path("val");
                        if (e.get("elem").has("timeout")) {
                            left = Duration.ofSeconds(e.get("elem").path("expires").asLong(0));
                        }
                    }
                    Cidr c = cidr(val);
                    if (c == null) {
                        foreign++;
                    } else {
                        elems.put(c, left);
                    }
                }
                sets.put(k, elems);
            } else if (item.has("chain") && NftText.CHAIN.equals(item.get("chain").path("name").asText())) {
                rules = Math.max(rules, 0);
            } else if (item.has("rule") && NftText.CHAIN.equals(item.get("rule").path("chain").asText())) {
                rules = Math.max(rules, 0) + 1;
            } else if (item.has("counter") && NftText.COUNTER.equals(item.get("counter").path("name").asText())) {
                counter = item.get("counter").path("packets").asLong(0);
            }
        }
        return new NftListing(sets, rules, counter, foreign);
    }

    private static KernelSet bySuffix(String name) {
        for (KernelSet k : KernelSet.values()) {
            if (k.suffix().equals(name)) {
                return k;
            }
        }
        return null;
    }

    private static Cidr cidr(JsonNode val) {
        try {
            if (val.isTextual()) {
                return Cidr.of(Addresses.parse(val.asText()));
            }
            JsonNode p = val.path("prefix");
            if (p.isObject()) {
                return new Cidr(Addresses.parse(p.path("addr").asText()), p.path("len").asInt(-1));
            }
        } catch (IllegalArgumentException e) {
            return null;
        }
        return null;
    }
}
