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
 * lookup: the policy treats them as local, never as foreign.
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

    public GeoDatabases(List<Source> sources) {
        this.sources = List.copyOf(sources);
        List<GeoLookup> loc = new ArrayList<>();
        List<GeoLookup> asn = new ArrayList<>();
        for (Source s : this.sources) {
            (s.asnOnly() ? asn : loc).add(s.lookup());
        }
        this.locationSources = loc.toArray(GeoLookup[]::new);
        this.asnSources = asn.toArray(GeoLookup[]::new);
    }

    /** The sources in order, for {@code geo info}. */
    public List<Source> sources() {
        return sources;
    }

    @Override
    public GeoLocation lookup(InetAddress address) {
        InetAddress a = Addresses.unmap(Objects.requireNonNull(address, "address"));
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
