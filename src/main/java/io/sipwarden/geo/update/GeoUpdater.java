package io.sipwarden.geo.update;

import io.sipwarden.geo.Probe;
import io.sipwarden.geo.mmdb.MmdbLookup;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.zip.GZIPInputStream;

/**
 * Fetches a database, checks that it opens and answers, keeps the previous copy as
 * {@code name.prev} and moves the new one into place atomically. Any failure leaves the
 * existing file untouched and says what went wrong; a licence key never appears in a message.
 */
public final class GeoUpdater {

    private static final System.Logger LOG = System.getLogger(GeoUpdater.class.getName());
    private static final int MAX_REDIRECTS = 5;

    /** What an update did. */
    public record Result(Path dest, String from, String describe, Path previous) {
    }

    private final HttpClient http;
    private final InstantSource clock;
    private final Duration timeout;

    /**
     * @param http    a client that does not follow redirects itself (credentials must not follow
     *                a redirect to another host); see {@link #defaultClient()}
     * @param timeout for one whole download
     */
    public GeoUpdater(HttpClient http, InstantSource clock, Duration timeout) {
        this.http = Objects.requireNonNull(http, "http");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    public static HttpClient defaultClient() {
        return HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(30))
                .build();
    }

    /**
     * Fetches {@code source} into {@code dest}.
     *
     * @throws UpdateException with a message for the operator; {@code dest} is unchanged
     */
    public Result update(UpdateSource source, Path dest) throws UpdateException {
        Path dir = dest.toAbsolutePath().getParent();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UpdateException("cannot create " + dir + ": " + e.getMessage(), e);
        }
        String name = dest.getFileName().toString();
        Path download = null;
        Path unpacked = null;
        try {
            download = Files.createTempFile(dir, "." + name + ".", ".download");
            unpacked = Files.createTempFile(dir, "." + name + ".", ".new");
            String from = fetch(source, download);
            unpack(download, unpacked, from);
            String describe = verify(unpacked, from);
            Path prev = keepPrevious(dest);
            moveIntoPlace(unpacked, dest);
            LOG.log(System.Logger.Level.INFO, "geo update: {0} from {1}", dest, from);
            return new Result(dest, from, describe.replace(unpacked.toString(), dest.toString()), prev);
        } catch (IOException e) {
            throw new UpdateException("writing " + dest + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(download);
            deleteQuietly(unpacked);
        }
    }

    private String fetch(UpdateSource source, Path to) throws UpdateException, IOException {
        return switch (source) {
            case UpdateSource.LocalFile f -> {
                try {
                    Files.copy(f.path(), to, StandardCopyOption.REPLACE_EXISTING);
                } catch (NoSuchFileException e) {
                    throw new UpdateException(f.path() + ": no such file");
                }
                yield f.path().toString();
            }
            case UpdateSource.Url u -> download(u.uri(), null, to, false);
            case UpdateSource.DbIp d -> {
                List<URI> candidates = d.candidates(clock);
                String got = null;
                for (URI uri : candidates) {
                    got = download(uri, null, to, uri != candidates.getLast());
                    if (got != null) {
                        break;
                    }
                    LOG.log(System.Logger.Level.INFO, "geo update: {0} not published yet, trying the month before", uri);
                }
                yield got;
            }
            case UpdateSource.MaxMind m -> download(m.uri(), basicAuth(m), to, false);
        };
    }

    /**
     * GETs {@code uri} into {@code to}, following redirects by hand so that credentials go only
     * to the host they were meant for.
     *
     * @return the URI fetched, or null for a 404 when {@code notFoundOk}
     */
    private String download(URI start, String authorization, Path to, boolean notFoundOk)
            throws UpdateException, IOException {
        URI uri = start;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            HttpRequest.Builder req = HttpRequest.newBuilder(uri).timeout(timeout).GET()
                    .header("User-Agent", "sipwarden-geo-update");
            if (authorization != null && sameOrigin(uri, start)) {
                req.header("Authorization", authorization);
            }
            HttpResponse<InputStream> resp;
            try {
                resp = http.send(req.build(), HttpResponse.BodyHandlers.ofInputStream());
            } catch (HttpTimeoutException e) {
                throw new UpdateException(shown(uri) + ": timed out", e);
            } catch (ConnectException e) {
                // HttpClient's ConnectException carries no message; an unknown host shows only in its causes.
                for (Throwable c = e; c != null; c = c.getCause()) {
                    if (c instanceof java.nio.channels.UnresolvedAddressException || c instanceof java.net.UnknownHostException) {
                        throw new UpdateException(shown(uri) + ": cannot resolve host " + uri.getHost(), e);
                    }
                }
                throw new UpdateException(shown(uri) + ": cannot connect (" + Objects.toString(e.getMessage(), "refused") + ")", e);
            } catch (IOException e) {
                throw new UpdateException(shown(uri) + ": network error: " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UpdateException(shown(uri) + ": interrupted", e);
            }
            int status = resp.statusCode();
            try (InputStream body = resp.body()) {
                if (status == 200) {
                    Files.copy(body, to, StandardCopyOption.REPLACE_EXISTING);
                    return shown(uri);
                }
                if (status >= 300 && status < 400 && resp.headers().firstValue("Location").isPresent()) {
                    uri = uri.resolve(resp.headers().firstValue("Location").get());
                    continue;
                }
                if (status == 404 && notFoundOk) {
                    return null;
                }
                String why = switch (status) {
                    case 401, 403 -> authorization != null
                            ? "the account id or licence key was refused" : "access refused";
                    case 404 -> "not found";
                    case 429 -> "too many requests: try again later";
                    default -> "server answered";
                };
                throw new UpdateException(shown(uri) + ": " + why + " (HTTP " + status + ")");
            }
        }
        throw new UpdateException(shown(start) + ": more than " + MAX_REDIRECTS + " redirects");
    }

    /** gzip, tar.gz or a bare .mmdb, recognised by content, not by name. */
    private static void unpack(Path download, Path out, String from) throws UpdateException, IOException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(download))) {
            raw.mark(2);
            boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
            raw.reset();
            InputStream in = new BufferedInputStream(gzip ? new GZIPInputStream(raw, 64 * 1024) : raw, 64 * 1024);
            in.mark(512);
            byte[] head = in.readNBytes(512);
            in.reset();
            boolean tar = head.length == 512 && new String(head, 257, 5, StandardCharsets.US_ASCII).equals("ustar");
            if (tar) {
                extractMmdb(new TarReader(in), out, from);
            } else {
                try (OutputStream o = Files.newOutputStream(out)) {
                    in.transferTo(o);
                }
            }
        } catch (java.util.zip.ZipException e) {
            throw new UpdateException(from + ": damaged gzip data (" + e.getMessage() + ")", e);
        }
    }

    private static void extractMmdb(TarReader tar, Path out, String from) throws UpdateException, IOException {
        for (TarReader.Entry e; (e = tar.next()) != null; ) {
            if (e.name().toLowerCase(Locale.ROOT).endsWith(".mmdb")) {
                try (OutputStream o = Files.newOutputStream(out)) {
                    tar.copyTo(o);
                }
                return;
            }
        }
        throw new UpdateException(from + ": the archive holds no .mmdb file");
    }

    private static String verify(Path file, String from) throws UpdateException {
        try (MmdbLookup db = MmdbLookup.open(file, 0)) {
            Probe.check(db);
            return db.describe();
        } catch (IOException e) {
            throw new UpdateException(from + ": not a usable database: " + e.getMessage(), e);
        }
    }

    /** Keeps the file in use as {@code name.prev}: a hard link where possible, so no copy and no gap. */
    private static Path keepPrevious(Path dest) throws IOException {
        if (!Files.isRegularFile(dest)) {
            return null;
        }
        Path prev = dest.resolveSibling(dest.getFileName() + ".prev");
        Files.deleteIfExists(prev);
        try {
            Files.createLink(prev, dest);
        } catch (IOException | UnsupportedOperationException e) {
            Files.copy(dest, prev, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
        }
        return prev;
    }

    private static void moveIntoPlace(Path from, Path dest) throws IOException {
        Files.setPosixFilePermissions(from, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        try {
            Files.move(from, dest, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, dest, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String basicAuth(UpdateSource.MaxMind m) throws UpdateException {
        String key;
        try {
            key = Files.readString(m.licenseKeyFile(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UpdateException("cannot read the licence key file " + m.licenseKeyFile() + ": "
                    + e.getClass().getSimpleName(), e);
        }
        if (key.isEmpty()) {
            throw new UpdateException("the licence key file " + m.licenseKeyFile() + " is empty");
        }
        return "Basic " + Base64.getEncoder().encodeToString((m.accountId() + ":" + key).getBytes(StandardCharsets.UTF_8));
    }

    private static boolean sameOrigin(URI a, URI b) {
        return Objects.equals(a.getScheme(), b.getScheme()) && Objects.equals(a.getHost(), b.getHost())
                && a.getPort() == b.getPort();
    }

    /** A URI without query: a presigned redirect target carries a signature there. */
    private static String shown(URI uri) {
        return uri.getScheme() + "://" + uri.getRawAuthority() + uri.getRawPath();
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot delete temporary file {0}: {1}", p, e.toString());
            }
        }
    }
}
