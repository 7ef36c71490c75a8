package dev.basalt.server;

import dev.basalt.server.tls.TlsSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            try (InputStream in = Files.newInputStream(dir.resolve("ca.pem"))) {
                trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext client = SSLContext.getInstance("TLS");
            client.init(null, tmf.getTrustManagers(), null);
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
}
