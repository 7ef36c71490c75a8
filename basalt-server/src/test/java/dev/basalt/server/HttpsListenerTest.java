package dev.basalt.server;

import dev.basalt.server.tls.TlsSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** --http-tls: the HTTP API as HTTPS with the certificate the MySQL side presents. */
class HttpsListenerTest {

    @TempDir
    Path dir;

    @Test
    void httpsWithTheGeneratedCertificateVerifiesAgainstItsCa() throws Exception {
        try (BasaltServer server = BasaltServer.start(ServerSettings.defaults().withPort(0).withDataDir(dir),
                new HttpSettings(0, 10), new TlsSettings(true, null, null, null, true))) {
            SSLContext client = trustingTheCa();
            try (HttpClient http = HttpClient.newBuilder().sslContext(client).build()) {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                        URI.create("https://localhost:" + server.httpPort() + "/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, health.statusCode());
                assertTrue(health.body().contains("ok"), health.body());
            }
            assertTrue(server.readyLine().contains("HTTPS on 127.0.0.1:" + server.httpPort()), server.readyLine());
        }
    }

    /**
     * A client that hangs up over HTTPS (close_notify, then FIN) gets its statement stopped, as
     * over plain HTTP (basalt-http's ClientDisconnectTest).
     */
    @Test
    void aStatementStopsWhenItsHttpsClientHangsUp() throws Exception {
        try (BasaltServer server = BasaltServer.start(ServerSettings.defaults().withPort(0).withDataDir(dir),
                new HttpSettings(0, 10), new TlsSettings(true, null, null, null, true))) {
            SSLContext context = trustingTheCa();
            byte[] body = "{\"query\":\"SELECT SLEEP(30) AS https_hang_up\"}".getBytes(StandardCharsets.UTF_8);
            try (HttpClient http = HttpClient.newBuilder().sslContext(context).build()) {
                try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("localhost", server.httpPort())) {
                    OutputStream out = socket.getOutputStream();
                    out.write(("POST /v1/sql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                            + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(body);
                    out.flush();
                    waitFor(() -> running(http, server), true);
                }
                long closed = System.nanoTime();
                waitFor(() -> running(http, server), false);
                long millis = (System.nanoTime() - closed) / 1_000_000;
                assertTrue(millis < 2000, "stopped after " + millis + " ms");
            }
        }
    }

    private static boolean running(HttpClient http, BasaltServer server) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("https://localhost:" + server.httpPort() + "/v1/sql"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"SELECT COUNT(*) FROM information_schema.PROCESSLIST"
                        + " WHERE INFO LIKE '%https_hang_up%' AND INFO NOT LIKE '%PROCESSLIST%'\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return !r.body().contains("[[0]]");
    }

    interface Probe {
        boolean get() throws Exception;
    }

    private static void waitFor(Probe probe, boolean wanted) throws Exception {
        long end = System.nanoTime() + 10_000_000_000L;
        while (probe.get() != wanted) {
            if (System.nanoTime() > end) throw new AssertionError("the statement is " + (wanted ? "not running" : "still running"));
            Thread.sleep(50);
        }
    }

    /** A client context that trusts the CA the server generated in the data directory. */
    private SSLContext trustingTheCa() throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(dir.resolve("ca.pem"))) {
            trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext client = SSLContext.getInstance("TLS");
        client.init(null, tmf.getTrustManagers(), null);
        return client;
    }
}
