package io.sipwarden.sensor.ami;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * Opens the socket of one AMI connection: plain TCP, or TLS with the server certificate checked
 * against {@code tls_ca_file} (PEM) or the JDK's trust store, including the host name.
 */
class Connector {
    static final int CONNECT_TIMEOUT_MS = 10_000;

    AmiSession connect(AmiSettings.Connection c, String idPrefix) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.setKeepAlive(true);
            socket.connect(new InetSocketAddress(c.host(), c.port()), CONNECT_TIMEOUT_MS);
            if (c.tls()) {
                socket = wrapTls(socket, c);
            }
            return new AmiSession(socket, idPrefix);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private static Socket wrapTls(Socket plain, AmiSettings.Connection c) throws IOException {
        SSLContext ctx = context(c);
        SSLSocket tls = (SSLSocket) ctx.getSocketFactory().createSocket(plain, c.host(), c.port(), true);
        SSLParameters p = tls.getSSLParameters();
        p.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name the host we dialled
        tls.setSSLParameters(p);
        tls.setSoTimeout(CONNECT_TIMEOUT_MS);
        tls.startHandshake();
        return tls;
    }

    private static SSLContext context(AmiSettings.Connection c) throws IOException {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            if (c.tlsCaFile().isEmpty()) {
                ctx.init(null, null, null);
                return ctx;
            }
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            int i = 0;
            try (InputStream in = Files.newInputStream(Path.of(c.tlsCaFile()))) {
                for (Certificate cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                    ks.setCertificateEntry("ca" + i++, cert);
                }
            }
            if (i == 0) {
                throw new IOException("tls_ca_file " + c.tlsCaFile() + " holds no certificate");
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot use tls_ca_file " + c.tlsCaFile() + ": " + e.getMessage(), e);
        }
    }
}
