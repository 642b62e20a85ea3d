package io.sipwarden.sensor.ami;

import static io.sipwarden.sensor.ami.Collector.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.sipwarden.endpoint.EndpointLocations;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS (AMI port 5039) with the server certificate checked: CA and host name. Certificates come from keytool. */
class AmiTlsTest {
    private static final char[] PASS = "test-store-pass".toCharArray();

    @TempDir
    Path dir;

    private Path keystore(String name, String san) throws Exception {
        Path ks = dir.resolve(name + ".p12");
        Path pem = dir.resolve(name + ".pem");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        exec(keytool, "-genkeypair", "-alias", "ami", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=" + name, "-ext", "san=" + san, "-validity", "2", "-keystore", ks.toString(),
                "-storetype", "PKCS12", "-storepass", new String(PASS), "-keypass", new String(PASS));
        exec(keytool, "-exportcert", "-alias", "ami", "-rfc", "-file", pem.toString(), "-keystore", ks.toString(),
                "-storepass", new String(PASS));
        return ks;
    }

    private static void exec(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
    }

    private static AmiTestServer tlsServer(Path keystore) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, PASS);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, PASS);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        return new AmiTestServer("idsmon", "tls-test-secret", ctx.getServerSocketFactory())
                .byDefault(c -> c.frame(AmiClientTest.failure("1-1@x", "198.51.100.1")));
    }

    private static AmiSettings.Connection settings(int port, String ca) {
        return AmiSettings.Connection.of("pbx-tls", "127.0.0.1", port, "idsmon", "tls-test-secret")
                .withTimings(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofMillis(50), Duration.ofMillis(200),
                        Duration.ofSeconds(30))
                .withTls(true, ca);
    }

    @Test
    void trustedCertificateForTheHostConnects() throws Exception {
        Path ks = keystore("good", "ip:127.0.0.1,dns:localhost");
        try (AmiTestServer server = tlsServer(ks)) {
            Collector sink = new Collector();
            try (AmiClient c = new AmiClient(settings(server.port(), dir.resolve("good.pem").toString()),
                    new EndpointLocations(10), InstantSource.system(), 64)) {
                c.start(sink);
                assertThat(sink.awaitCount(1, Duration.ofSeconds(10))).isTrue();
            }
        }
    }

    @Test
    void untrustedOrMisnamedCertificatesAreRefused() throws Exception {
        Path good = keystore("good", "ip:127.0.0.1");
        Path other = keystore("other", "dns:pbx.example.net");
        for (var c : List.of(
                new Object[] {good, null, "PKIX"},                        // self-signed, not in the JDK trust store
                new Object[] {other, dir.resolve("other.pem").toString(), "127.0.0.1"})) { // trusted, wrong name
            try (AmiTestServer server = tlsServer((Path) c[0]);
                 AmiClient client = new AmiClient(settings(server.port(), (String) c[1]), new EndpointLocations(10),
                         InstantSource.system(), 64)) {
                client.start(e -> { });
                assertThat(eventually(() -> client.stats().lastError().contains("TLS"), Duration.ofSeconds(10)))
                        .isTrue();
                assertThat(client.stats().lastError()).contains((String) c[2]);
                assertThat(server.logins.get()).isZero();
                assertThat(client.isConnected()).isFalse();
            }
        }
    }
}
