package io.sipwarden.geo;

import io.sipwarden.net.Addresses;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Several configured sources answering as one: the first location source that knows the country
 * gives the location (so a city database comes before the Tor fallback), an ASN source gives the
 * ASN. Local addresses (private, loopback, link-local, ULA, CGNAT) are answered unknown without a
 * lookup: the policy treats them as local, never as foreign. With a cache size, finished answers
 * are kept in one {@link AnswerCache} in front of the whole chain (the daemon's call is then a
 * single table probe); a reload of any source drops the cache for a new, empty one.
 */
public final class GeoDatabases implements GeoLookup {

    /**
     * One source in order of preference.
     *
     * @param asnOnly true for an ASN database, which can say nothing about location
     */
    public record Source(GeoLookup lookup, boolean asnOnly) {
        public Source {
            Objects.requireNonNull(lookup, "lookup");
        }
    }

    private final GeoLookup[] locationSources;
    private final GeoLookup[] asnSources;
    private final List<Source> sources;
    private final CacheSlot cache;

    /**
     * The answers in use, replaced whole when a source reloads: a lookup puts its answer into the
     * cache it read before asking the sources, so an answer of a replaced database can only land
     * in a cache that is already dropped.
     */
    private static final class CacheSlot {
        private final int size;
        private volatile AnswerCache current;

        CacheSlot(int size) {
            this.size = size;
            this.current = size > 0 ? new AnswerCache(size) : null;
        }

        synchronized void renew() {
            if (current != null) {
                current = new AnswerCache(size);
            }
        }

        synchronized void close() {
            current = null;
        }
    }

    /** Without a cache: every lookup asks the sources. */
    public GeoDatabases(List<Source> sources) {
        this(sources, 0);
    }

    /** @param cacheSize how many distinct addresses' answers to keep; 0 for no cache */
    public GeoDatabases(List<Source> sources, int cacheSize) {
        this.sources = List.copyOf(sources);
        this.cache = new CacheSlot(cacheSize);
        List<GeoLookup> loc = new ArrayList<>();
        List<GeoLookup> asn = new ArrayList<>();
        for (Source s : this.sources) {
            (s.asnOnly() ? asn : loc).add(s.lookup());
        }
        this.locationSources = loc.toArray(GeoLookup[]::new);
        this.asnSources = asn.toArray(GeoLookup[]::new);
        if (cacheSize > 0) {
            CacheSlot c = cache;
            for (Source s : this.sources) {
                s.lookup().onChange(c::renew);
            }
        }
    }

    /** The sources in order, for {@code geo info}. */
    public List<Source> sources() {
        return sources;
    }

    @Override
    public GeoLocation lookup(InetAddress address) {
        Objects.requireNonNull(address, "address");
        AnswerCache c = cache.current;
        if (c == null) {
            return ask(address);
        }
        GeoLocation hit = c.get(address);
        if (hit != null) {
            return hit;
        }
        GeoLocation found = ask(address);
        c.put(address, found);
        return found;
    }

    /** A change of any source is a change of this one. */
    @Override
    public void onChange(Runnable listener) {
        for (Source s : sources) {
            s.lookup().onChange(listener);
        }
    }

    private GeoLocation ask(InetAddress address) {
        InetAddress a = Addresses.unmap(address);
        if (Addresses.isLocal(a)) {
            return GeoLocation.UNKNOWN;
        }
        GeoLocation where = GeoLocation.UNKNOWN;
        for (GeoLookup s : locationSources) {
            GeoLocation g = s.lookup(a);
            if (!g.country().isEmpty()) {
                where = g;
                break;
            }
            if (!where.isKnown() && g.isKnown()) {
                where = g; // a continent-only or ASN-only answer is better than none; keep looking
            }
        }
        for (GeoLookup s : asnSources) {
            GeoLocation g = s.lookup(a);
            if (g.asn() != 0) {
                return withAsn(where, g.asn(), g.org());
            }
        }
        return where;
    }

    private static GeoLocation withAsn(GeoLocation g, long asn, String org) {
        if (g.asn() == asn && g.org().equals(org)) {
            return g;
        }
        return new GeoLocation(g.continent(), g.country(), g.region(), g.city(), g.latitude(), g.longitude(), asn, org);
    }

    @Override
    public String describe() {
        if (sources.isEmpty()) {
            return "no geo databases";
        }
        StringBuilder b = new StringBuilder();
        for (Source s : sources) {
            if (!b.isEmpty()) {
                b.append("; then ");
            }
            b.append(s.lookup().describe());
        }
        return b.toString();
    }

    /** Closes every source; one failing does not keep the others open. */
    @Override
    public void close() {
        cache.close(); // a closed database answers what its closed sources answer, not from a cache
        for (Source s : sources) {
            try {
                s.lookup().close();
            } catch (RuntimeException e) {
                System.getLogger(GeoDatabases.class.getName()).log(System.Logger.Level.WARNING,
                        "closing {0}: {1}", s.lookup().describe(), e.toString());
            }
        }
    }
}
