package dev.basalt.server.tls;

import dev.basalt.server.Setting;
import dev.basalt.server.SettingsException;
import dev.basalt.server.SettingsLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Certificates from settings or generated, and the context every listener shares. */
class ServerTlsTest {

    @Test
    void generatesOnceIntoTheDataDirectoryAndReusesIt(@TempDir Path dir) throws Exception {
        ServerTls first = ServerTls.load(TlsSettings.GENERATED, dir, "8.0.40-test");
        assertEquals(dir.resolve("server-cert.pem"), first.cert());
        assertEquals(dir.resolve("server-key.pem"), first.key());
        assertEquals(dir.resolve("ca.pem"), first.ca());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("server-key.pem"))));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("ca-key.pem"))));
        byte[] cert = Files.readAllBytes(first.cert());

        ServerTls again = ServerTls.load(TlsSettings.GENERATED, dir, "8.0.40-test");
        assertArrayEquals(cert, Files.readAllBytes(again.cert()));
        X509Certificate server = PemFiles.certificates(first.cert()).getFirst();
        X509Certificate ca = PemFiles.certificates(first.ca()).getFirst();
        server.verify(ca.getPublicKey()); // signed by the generated CA
        assertTrue(server.getSubjectX500Principal().getName().contains("Auto_Generated_Server_Certificate"));
        // kept on disk: RSA as MySQL's, so RSA suites (ssl_cipher, REQUIRE CIPHER) can be negotiated
        assertEquals("RSA", server.getPublicKey().getAlgorithm());
        assertEquals("SHA256withRSA", server.getSigAlgName());
        handshake(again.context(), ca);
    }

    @Test
    void withoutADataDirectoryTheCertificateLivesInMemory() throws Exception {
        ServerTls tls = ServerTls.load(TlsSettings.GENERATED, null, "v");
        assertNull(tls.cert());
        assertNull(tls.ca());
        assertTrue(tls.context() != null);
        // made at every start (memory storage, a disaggregated compute): EC P-256, milliseconds, not RSA
        assertEquals("EC", tls.certificate().getPublicKey().getAlgorithm());
        assertEquals("SHA256withECDSA", tls.certificate().getSigAlgName());
        assertTrue(tls.certificate().getPublicKey().toString().contains("secp256r1"), tls.certificate().getPublicKey().toString());
    }

    @Test
    void offMeansNoContext(@TempDir Path dir) throws Exception {
        assertNull(ServerTls.load(TlsSettings.OFF, dir, "v"));
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void aPartlyDeletedGeneratedSetIsRefusedNotSilentlyReplaced(@TempDir Path dir) throws Exception {
        ServerTls.load(TlsSettings.GENERATED, dir, "v");
        Files.delete(dir.resolve("server-key.pem"));
        IOException e = assertThrows(IOException.class, () -> ServerTls.load(TlsSettings.GENERATED, dir, "v"));
        assertTrue(e.getMessage().contains("server-key.pem is missing"), e.getMessage());
    }

    @Test
    void readsUserFilesWithAPkcs8KeyAndCompletesTheChainFromTheCa(@TempDir Path generated, @TempDir Path mine)
            throws Exception {
        ServerTls source = ServerTls.load(TlsSettings.GENERATED, generated, "v");
        // the same key re-written as PKCS#8 ("BEGIN PRIVATE KEY"), as openssl genpkey writes it
        byte[] pkcs8 = PemFiles.privateKey(source.key()).getEncoded();
        Path key = mine.resolve("key.pem");
        Files.writeString(key, "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, new byte[]{'\n'})
                .encodeToString(pkcs8) + "\n-----END PRIVATE KEY-----\n", StandardCharsets.US_ASCII);
        TlsSettings settings = new TlsSettings(true, source.cert(), key, source.ca(), false);
        ServerTls tls = ServerTls.load(settings, mine, "v");
        assertEquals(source.cert(), tls.cert());
        assertEquals(source.ca(), tls.ca());
        try (var files = Files.list(mine)) {
            assertEquals(1, files.count(), "nothing generated when files are given");
        }
        handshake(tls.context(), PemFiles.certificates(source.ca()).getFirst());
    }

    @Test
    void aKeyOfAnotherCertificateIsRefusedAtStart(@TempDir Path a, @TempDir Path b) throws Exception {
        ServerTls one = ServerTls.load(TlsSettings.GENERATED, a, "v");
        ServerTls other = ServerTls.load(TlsSettings.GENERATED, b, "v");
        IOException e = assertThrows(IOException.class,
                () -> ServerTls.load(new TlsSettings(true, one.cert(), other.key(), null, false), null, "v"));
        assertTrue(e.getMessage().contains("cannot be used together"), e.getMessage());
    }

    @Test
    void filesThatAreNotPemAreNamedInTheError(@TempDir Path dir) throws Exception {
        Path junk = Files.writeString(dir.resolve("junk.pem"), "hello\n");
        ServerTls good = ServerTls.load(TlsSettings.GENERATED, dir, "v");
        IOException badCert = assertThrows(IOException.class,
                () -> ServerTls.load(new TlsSettings(true, junk, good.key(), null, false), null, "v"));
        assertTrue(badCert.getMessage().contains("junk.pem"), badCert.getMessage());
        IOException badKey = assertThrows(IOException.class,
                () -> ServerTls.load(new TlsSettings(true, good.cert(), junk, null, false), null, "v"));
        assertTrue(badKey.getMessage().contains("junk.pem"), badKey.getMessage());
    }

    @Test
    void certAndKeyGoTogether() {
        assertThrows(SettingsException.class, () -> new TlsSettings(true, Path.of("c.pem"), null, null, false));
        assertThrows(SettingsException.class, () -> new TlsSettings(false, null, null, null, true));
    }

    @Test
    void settingsFollowFlagOverEnvironmentOverDefault(@TempDir Path dir) {
        SettingsLoader loader = new SettingsLoader(Map.of("BASALT_SSL_CERT", "c.pem", "BASALT_SSL_KEY", "k.pem"), dir);
        TlsSettings fromEnv = loader.loadTls(new EnumMap<>(Setting.class), null);
        assertTrue(fromEnv.enabled());
        assertEquals(dir.resolve("c.pem"), fromEnv.cert());
        assertEquals(dir.resolve("k.pem"), fromEnv.key());
        assertNull(fromEnv.ca());

        Map<Setting, String> flags = new EnumMap<>(Setting.class);
        flags.put(Setting.SSL, "off");
        TlsSettings off = new SettingsLoader(Map.of(), dir).loadTls(flags, null);
        assertFalse(off.enabled());
        assertTrue(new SettingsLoader(Map.of(), dir).loadTls(new EnumMap<>(Setting.class), null).generated());
    }

    @Test
    void protocolSuitesAndRevocationListsAreStartUpSettings(@TempDir Path dir) throws Exception {
        Map<Setting, String> flags = new EnumMap<>(Setting.class);
        flags.put(Setting.TLS_CIPHERSUITES, "TLS_AES_128_GCM_SHA256");
        flags.put(Setting.SSL_CRLPATH, "crls");
        TlsSettings s = new SettingsLoader(Map.of("BASALT_TLS_VERSION", "TLSv1.3"), dir).loadTls(flags, null);
        assertEquals(new TlsOptions("TLSv1.3", "", "TLS_AES_128_GCM_SHA256", null, dir.resolve("crls")), s.options());
        assertEquals(TlsOptions.DEFAULTS, new SettingsLoader(Map.of(), dir).loadTls(new EnumMap<>(Setting.class), null).options());
        // the listeners' parameters follow them; a revocation directory that does not exist stops the start
        ServerTls tls = ServerTls.load(new TlsSettings(true, null, null, null, false,
                new TlsOptions("TLSv1.3", "", "TLS_AES_128_GCM_SHA256", null, null)), dir, "v");
        assertEquals(List.of("TLSv1.3"), List.of(tls.parameters().getProtocols()));
        assertTrue(List.of(tls.parameters().getCipherSuites()).contains("TLS_AES_128_GCM_SHA256"));
        assertFalse(List.of(tls.parameters().getCipherSuites()).contains("TLS_AES_256_GCM_SHA384"));
        assertThrows(IOException.class, () -> ServerTls.load(s, dir, "v"));
    }

    /** A TLS client trusting {@code ca} completes a handshake with a server socket of {@code server}. */
    private static void handshake(SSLContext server, X509Certificate ca) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext client = SSLContext.getInstance("TLS");
        client.init(null, tmf.getTrustManagers(), null);
        try (SSLServerSocket listener = (SSLServerSocket) server.getServerSocketFactory().createServerSocket(0)) {
            Thread accept = Thread.ofVirtual().start(() -> {
                try (SSLSocket s = (SSLSocket) listener.accept()) {
                    s.getOutputStream().write(42);
                    s.getOutputStream().flush();
                    s.getInputStream().read();
                } catch (IOException e) {
                    // the client's assertion reports the failure
                }
            });
            try (SSLSocket c = (SSLSocket) client.getSocketFactory().createSocket("127.0.0.1", listener.getLocalPort())) {
                assertEquals(42, c.getInputStream().read());
                assertTrue(c.getSession().getProtocol().startsWith("TLSv1."), c.getSession().getProtocol());
            }
            accept.join(5000);
        }
    }
}
