package io.sipwarden.geo.update;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.sipwarden.geo.GeoTestData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every flow against a real HTTP server on loopback serving real MaxMind DB files. */
class GeoUpdaterTest {

    private static final String KEY = "s3cr3t-licence-key";

    @TempDir
    Path tmp;

    private HttpServer server;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final Map<String, String> authSeen = new ConcurrentHashMap<>();
    private byte[] mmdb;
    private Path dest;
    private GeoUpdater updater;

    @BeforeEach
    void serve() throws IOException {
        mmdb = Files.readAllBytes(GeoTestData.whoisCountryV4());
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
        dest = tmp.resolve("geo").resolve("geo.mmdb");
        updater = new GeoUpdater(GeoUpdater.defaultClient(),
                InstantSource.fixed(Instant.parse("2026-03-02T10:00:00Z")), Duration.ofSeconds(30));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange x) throws IOException {
        String path = x.getRequestURI().getPath();
        requests.add(x.getRequestURI().toString());
        authSeen.put(path, x.getRequestHeaders().getFirst("Authorization") == null ? "-"
                : x.getRequestHeaders().getFirst("Authorization"));
        if (path.startsWith("/geoip/databases/")) {
            String want = "Basic " + Base64.getEncoder().encodeToString(("12345:" + KEY).getBytes(StandardCharsets.UTF_8));
            if (!want.equals(x.getRequestHeaders().getFirst("Authorization"))) {
                x.sendResponseHeaders(401, -1);
                x.close();
                return;
            }
            // like MaxMind: a redirect to storage on another host, with a signature in the query
            x.getResponseHeaders().add("Location", "http://127.0.0.1:" + port() + "/r2/GeoLite2-Country.tar.gz?X-Sig=abc");
            x.sendResponseHeaders(302, -1);
            x.close();
            return;
        }
        byte[] body = files.get(path);
        if (body == null) {
            x.sendResponseHeaders(404, -1);
        } else {
            x.sendResponseHeaders(200, body.length);
            x.getResponseBody().write(body);
        }
        x.close();
    }

    private int port() {
        return server.getAddress().getPort();
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + port() + path);
    }

    @Test
    void plainMmdbFromAUrlThenAgainKeepsThePreviousCopy() throws Exception {
        files.put("/geo.mmdb", mmdb);
        GeoUpdater.Result first = updater.update(new UpdateSource.Url(url("/geo.mmdb")), dest);
        assertThat(Files.readAllBytes(dest)).isEqualTo(mmdb);
        assertThat(first.previous()).isNull();
        assertThat(first.describe()).contains("country ipv4", dest.toString());

        GeoUpdater.Result second = updater.update(new UpdateSource.Url(url("/geo.mmdb")), dest);
        assertThat(second.previous()).isEqualTo(tmp.resolve("geo/geo.mmdb.prev"));
        assertThat(Files.readAllBytes(second.previous())).isEqualTo(mmdb);
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void gzipAndTarGzAreUnpacked() throws Exception {
        files.put("/geo.mmdb.gz", gzip(mmdb));
        updater.update(new UpdateSource.Url(url("/geo.mmdb.gz")), dest);
        assertThat(Files.readAllBytes(dest)).isEqualTo(mmdb);

        Files.delete(dest);
        files.put("/db.tar.gz", tarGz());
        updater.update(new UpdateSource.Url(url("/db.tar.gz")), dest);
        assertThat(Files.readAllBytes(dest)).isEqualTo(mmdb);
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void aBadFileIsRejectedAndTheOldOneKept() throws Exception {
        Files.createDirectories(dest.getParent());
        Files.write(dest, mmdb);
        files.put("/geo.mmdb", "<html><body>Service unavailable</body></html>".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> updater.update(new UpdateSource.Url(url("/geo.mmdb")), dest))
                .isInstanceOf(UpdateException.class).hasMessageContaining("not a usable database");
        files.put("/trunc.mmdb.gz", java.util.Arrays.copyOf(gzip(mmdb), 10_000));
        assertThatThrownBy(() -> updater.update(new UpdateSource.Url(url("/trunc.mmdb.gz")), dest))
                .isInstanceOf(UpdateException.class);
        assertThat(Files.readAllBytes(dest)).isEqualTo(mmdb);
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void notFoundAndNoServerAreClearErrorsAndTouchNothing() throws Exception {
        Files.createDirectories(dest.getParent());
        Files.write(dest, mmdb);
        assertThatThrownBy(() -> updater.update(new UpdateSource.Url(url("/missing.mmdb")), dest))
                .hasMessageContaining("not found (HTTP 404)");
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        assertThatThrownBy(() -> updater.update(new UpdateSource.Url(URI.create("http://127.0.0.1:" + closed + "/x.mmdb")), dest))
                .hasMessageContaining("cannot connect");
        assertThat(Files.readAllBytes(dest)).isEqualTo(mmdb);
        assertThat(leftovers()).isEmpty();
    }

    /** A mistyped host read "cannot connect (refused)": the JDK's ConnectException has no message, its cause says unresolved. */
    @Test
    void aHostThatDoesNotResolveIsSaidSoNotRefused() {
        // A 64-character label: the resolver refuses it without sending a query.
        String host = "a".repeat(64) + ".invalid";
        assertThatThrownBy(() -> updater.update(new UpdateSource.Url(URI.create("http://" + host + "/x.mmdb")), dest))
                .hasMessageContaining("cannot resolve host " + host).hasMessageNotContaining("refused");
    }

    @Test
    void dbIpFallsBackToLastMonthBeforeThisMonthIsOut() throws Exception {
        files.put("/free/dbip-city-lite-2026-02.mmdb.gz", gzip(mmdb));
        GeoUpdater.Result r = updater.update(new UpdateSource.DbIp(url("/free/").toString()), dest);
        assertThat(requests).containsExactly("/free/dbip-city-lite-2026-03.mmdb.gz", "/free/dbip-city-lite-2026-02.mmdb.gz");
        assertThat(r.from()).endsWith("dbip-city-lite-2026-02.mmdb.gz");
        assertThat(Files.readAllBytes(dest)).isEqualTo(mmdb);
    }

    @Test
    void dbIpWithNeitherMonthFails() {
        assertThatThrownBy(() -> updater.update(new UpdateSource.DbIp(url("/free/").toString()), dest))
                .hasMessageContaining("dbip-city-lite-2026-02.mmdb.gz").hasMessageContaining("404");
    }

    @Test
    void maxMindSendsBasicAuthOnlyToMaxMindAndFollowsTheRedirect() throws Exception {
        files.put("/r2/GeoLite2-Country.tar.gz", tarGz());
        Path keyFile = tmp.resolve("key");
        Files.writeString(keyFile, KEY + "\n");
        // "localhost" and "127.0.0.1" are different hosts to the updater: the key must not follow
        UpdateSource src = new UpdateSource.MaxMind("http://localhost:" + port() + "/geoip/databases/", "12345", keyFile,
                "GeoLite2-Country");
        GeoUpdater.Result r = updater.update(src, dest);
        assertThat(Files.readAllBytes(dest)).isEqualTo(mmdb);
        assertThat(requests.getFirst()).isEqualTo("/geoip/databases/GeoLite2-Country/download?suffix=tar.gz");
        assertThat(authSeen.get("/geoip/databases/GeoLite2-Country/download")).startsWith("Basic ");
        assertThat(authSeen.get("/r2/GeoLite2-Country.tar.gz")).isEqualTo("-");
        assertThat(r.from()).doesNotContain("X-Sig");
    }

    @Test
    void aWrongLicenceKeyIsRefusedWithoutShowingIt() throws Exception {
        Path keyFile = tmp.resolve("key");
        Files.writeString(keyFile, "wrong-key-value");
        UpdateSource src = new UpdateSource.MaxMind(url("/geoip/databases/").toString(), "12345", keyFile, "GeoLite2-City");
        assertThatThrownBy(() -> updater.update(src, dest))
                .hasMessageContaining("licence key was refused (HTTP 401)")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("wrong-key-value"));
        assertThatThrownBy(() -> updater.update(new UpdateSource.MaxMind(url("/").toString(), "1", tmp.resolve("nokey"),
                "GeoLite2-City"), dest)).hasMessageContaining("cannot read the licence key file");
        assertThat(src.toString()).doesNotContain("wrong-key-value");
    }

    @Test
    void localFilesInEveryForm() throws Exception {
        Path gz = tmp.resolve("in.mmdb.gz");
        Files.write(gz, gzip(mmdb));
        updater.update(new UpdateSource.LocalFile(gz), dest);
        assertThat(Files.readAllBytes(dest)).isEqualTo(mmdb);
        assertThatThrownBy(() -> updater.update(new UpdateSource.LocalFile(tmp.resolve("nope.mmdb")), dest))
                .hasMessageContaining("no such file");
    }

    @Test
    void sourcesParseFromTheCommandLine() {
        assertThat(UpdateSource.parse("dbip", null, null, "x")).isInstanceOf(UpdateSource.DbIp.class);
        assertThat(UpdateSource.parse("https://example.org/a.mmdb", null, null, "x")).isInstanceOf(UpdateSource.Url.class);
        assertThat(UpdateSource.parse("/var/tmp/a.mmdb", null, null, "x")).isInstanceOf(UpdateSource.LocalFile.class);
        assertThatThrownBy(() -> UpdateSource.parse("maxmind", null, null, "GeoLite2-City"))
                .hasMessageContaining("account id");
    }

    private List<Path> leftovers() throws IOException {
        try (var s = Files.list(dest.getParent())) {
            return s.filter(p -> p.getFileName().toString().startsWith(".")).toList();
        }
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(b)) {
            z.write(data);
        }
        return b.toByteArray();
    }

    /** A MaxMind-style archive made by the system tar: a folder with a licence and the database. */
    private byte[] tarGz() throws Exception {
        Path root = tmp.resolve("tar");
        Path folder = root.resolve("GeoLite2-Country_20260301");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("LICENSE.txt"), "licence text\n");
        Files.write(folder.resolve("GeoLite2-Country.mmdb"), mmdb);
        Path out = tmp.resolve("db.tar.gz");
        Process p = new ProcessBuilder("tar", "czf", out.toString(), "-C", root.toString(), folder.getFileName().toString())
                .inheritIO().start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        return Files.readAllBytes(out);
    }
}
