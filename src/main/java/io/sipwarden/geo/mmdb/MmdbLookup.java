package io.sipwarden.geo.mmdb;

import com.maxmind.db.CHMCache;
import com.maxmind.db.Metadata;
import com.maxmind.db.NoCache;
import com.maxmind.db.NodeCache;
import com.maxmind.db.Reader;
import io.sipwarden.geo.GeoLocation;
import io.sipwarden.geo.GeoLookup;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A MaxMind DB file (GeoIP2, GeoLite2, DB-IP, ip-location-db, ASN) read through MaxMind's own
 * memory-mapped reader into small records, with the reader's node cache and a bounded, lock-free
 * front cache of finished answers ({@link io.sipwarden.geo.AnswerCache}).
 */
public final class MmdbLookup implements GeoLookup {

    private static final System.Logger LOG = System.getLogger(MmdbLookup.class.getName());

    /** Default size of the front cache: the working set of a busy PBX fits with room to spare. */
    public static final int DEFAULT_CACHE_SIZE = 100_000;

    private final Path path;
    private final Reader reader;
    private final Schema schema;
    private final long fileSize;
    private final io.sipwarden.geo.AnswerCache cache;
    private final AtomicBoolean failureLogged = new AtomicBoolean();
    private volatile boolean closed;

    private MmdbLookup(Path path, Reader reader, Schema schema, long fileSize, int cacheSize) {
        this.path = path;
        this.reader = reader;
        this.schema = schema;
        this.fileSize = fileSize;
        this.cache = cacheSize <= 0 ? null : new io.sipwarden.geo.AnswerCache(cacheSize);
    }

    /** Opens a file with the reader's node cache and a front cache of {@code cacheSize} answers. */
    public static MmdbLookup open(Path path, int cacheSize) throws IOException {
        return open(path, cacheSize, true);
    }

    /**
     * Opens a file, memory-mapped.
     *
     * @param cacheSize  answers kept in the front cache; 0 for none
     * @param nodeCache  whether the reader keeps decoded records (its CHMCache)
     * @throws IOException naming the file if it is missing, not a MaxMind DB, or of no known schema
     */
    public static MmdbLookup open(Path path, int cacheSize, boolean nodeCache) throws IOException {
        Objects.requireNonNull(path, "path");
        if (Files.isDirectory(path)) {
            throw new IOException(path + ": is a directory, not a MaxMind DB file");
        }
        if (!Files.isRegularFile(path)) {
            throw new IOException(path + ": no such file");
        }
        NodeCache nc = nodeCache ? new CHMCache() : NoCache.getInstance();
        Reader reader;
        try {
            reader = new Reader(path.toFile(), Reader.FileMode.MEMORY_MAPPED, nc);
        } catch (IOException | RuntimeException e) {
            throw new IOException(path + ": not a readable MaxMind DB file (" + e.getMessage() + ")", e);
        }
        try {
            Schema schema = Schema.detect(reader);
            return new MmdbLookup(path, reader, schema, Files.size(path), cacheSize);
        } catch (IOException | RuntimeException e) {
            reader.close();
            throw new IOException(path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public GeoLocation lookup(InetAddress address) {
        Objects.requireNonNull(address, "address");
        if (closed) {
            // A lookup that raced a reload's close may have cached an answer after the close
            // emptied the cache: a closed database must not answer from it.
            return GeoLocation.UNKNOWN;
        }
        if (cache == null) {
            return read(address);
        }
        GeoLocation hit = cache.get(address);
        if (hit != null) {
            return hit;
        }
        GeoLocation found = read(address);
        cache.put(address, found);
        return found;
    }

    /**
     * Looks up without the front cache and lets a broken file show: what a probe before a swap
     * needs. A lookup of an unknown address returns {@link GeoLocation#UNKNOWN}.
     */
    public GeoLocation probe(InetAddress address) throws IOException {
        if (address instanceof Inet6Address && reader.getMetadata().ipVersion() == 4) {
            return GeoLocation.UNKNOWN;
        }
        MmdbRecord r;
        try {
            r = switch (schema) {
                case GEOIP2 -> reader.get(address, GeoIp2Record.class);
                case FLAT -> reader.get(address, FlatRecord.class);
                case ASN -> reader.get(address, AsnRecord.class);
            };
        } catch (InternalError e) {
            // The JDK reports a read past the end of a mapped file that shrank (copied over in
            // place instead of renamed) as this Error; uncaught it ended the caller's whole batch.
            throw new IOException(path + ": the file changed under the open database (overwritten in place?)", e);
        }
        return r == null ? GeoLocation.UNKNOWN : r.toLocation();
    }

    private GeoLocation read(InetAddress address) {
        try {
            return probe(address);
        } catch (IOException | RuntimeException e) {
            if (closed) {
                return GeoLocation.UNKNOWN; // a lookup that raced a reload's close: not a fault of the file
            }
            // A corrupt region of a file fails every lookup that lands there: say it once, not per packet.
            if (failureLogged.compareAndSet(false, true)) {
                LOG.log(System.Logger.Level.WARNING, "{0}: lookup failed, answering unknown from now on where it fails: {1}",
                        path, e.toString());
            }
            return GeoLocation.UNKNOWN;
        }
    }

    public Path path() {
        return path;
    }

    public Schema schema() {
        return schema;
    }

    public String databaseType() {
        return reader.getMetadata().databaseType();
    }

    public Instant buildTime() {
        return reader.getMetadata().buildTime();
    }

    /** Nodes of the search tree: the nearest thing to a record count the format keeps. */
    public long nodeCount() {
        return reader.getMetadata().nodeCount();
    }

    public long fileSize() {
        return fileSize;
    }

    @Override
    public String describe() {
        Metadata m = reader.getMetadata();
        return "mmdb " + path + ": " + m.databaseType() + " (" + schema.name().toLowerCase(java.util.Locale.ROOT)
                + " schema, IPv" + m.ipVersion() + "), built " + m.buildTime() + ", " + m.nodeCount()
                + " nodes, " + fileSize + " bytes";
    }

    @Override
    public void close() {
        closed = true;
        try {
            reader.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing {0}: {1}", path, e.toString());
        }
        if (cache != null) {
            cache.clear();
        }
    }
}
