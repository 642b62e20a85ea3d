package io.sipwarden.geo.load;

import io.sipwarden.geo.GeoDatabases;
import io.sipwarden.geo.GeoLookup;
import io.sipwarden.geo.GeoSettings;
import io.sipwarden.geo.ReloadingGeoLookup;
import io.sipwarden.geo.mmdb.MmdbLookup;
import io.sipwarden.geo.mmdb.Schema;
import io.sipwarden.geo.tor.TorGeoipTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Opens the databases a {@link GeoSettings} names, in order, with the Tor files last, and (for the
 * daemon) keeps each one following its files.
 */
public final class GeoLoader {

    private static final System.Logger LOG = System.getLogger(GeoLoader.class.getName());

    /** How long a replaced database stays open for lookups already under way. */
    public static final Duration GRACE = Duration.ofSeconds(30);

    private GeoLoader() {
    }

    /**
     * Opens every source. A configured MaxMind DB that cannot be opened is an error; missing Tor
     * files at their default place are only a warning (no tor-geoipdb package installed).
     *
     * @param follow reload files when they are replaced (the daemon); false for one-shot commands
     * @throws IOException naming the file that failed
     */
    public static GeoDatabases open(GeoSettings settings, boolean follow) throws IOException {
        List<GeoDatabases.Source> sources = new ArrayList<>();
        Duration interval = follow ? settings.reloadEvery() : Duration.ZERO;
        try {
            for (Path p : settings.databasePaths()) {
                GeoLookup db = follow
                        ? ReloadingGeoLookup.start(p.getFileName().toString(), List.of(p),
                                () -> MmdbLookup.open(p, 0), interval, GRACE)
                        : MmdbLookup.open(p, 0);
                GeoLookup opened = db instanceof ReloadingGeoLookup r ? r.current() : db;
                boolean asnOnly = opened instanceof MmdbLookup m && m.schema() == Schema.ASN;
                sources.add(new GeoDatabases.Source(db, asnOnly));
            }
            GeoLookup tor = openTor(settings, follow, interval);
            if (tor != null) {
                sources.add(new GeoDatabases.Source(tor, false));
            }
        } catch (IOException | RuntimeException e) {
            sources.forEach(s -> s.lookup().close());
            throw e;
        }
        if (sources.isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "no geo database configured or found: every address is of unknown location");
        }
        // One answer cache in front of the whole chain, not one per file: the daemon's call is one probe.
        return new GeoDatabases(sources, settings.cacheSize());
    }

    private static GeoLookup openTor(GeoSettings s, boolean follow, Duration interval) throws IOException {
        Path v4 = s.torGeoipPath();
        Path v6 = s.torGeoip6Path();
        List<Path> present = new ArrayList<>();
        for (Path p : new Path[] {v4, v6}) {
            if (p != null && Files.isReadable(p)) {
                present.add(p);
            }
        }
        if (present.isEmpty()) {
            if (v4 == null && v6 == null) {
                return null;
            }
            boolean defaults = GeoSettings.DEFAULT_TOR_GEOIP.equals(s.torGeoip())
                    && GeoSettings.DEFAULT_TOR_GEOIP6.equals(s.torGeoip6());
            String msg = "Tor geoip files not found at " + v4 + " and " + v6 + " (Debian package tor-geoipdb)";
            if (!defaults) {
                throw new IOException(msg);
            }
            LOG.log(System.Logger.Level.WARNING, msg + ": no country fallback");
            return null;
        }
        ReloadingGeoLookup.Opener opener = () -> TorGeoipTable.load(v4, v6);
        return follow
                ? ReloadingGeoLookup.start("tor-geoip", present, opener, interval, GRACE)
                : opener.open();
    }
}
