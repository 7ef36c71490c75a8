package dev.basalt.server.tls;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * The one place the server's {@link SSLContext} is built: every listener (MySQL, PostgreSQL,
 * HTTP) is handed the same context and presents the same certificate. Protocols are the JDK's
 * server defaults, TLSv1.3 and TLSv1.2 (older ones are disabled by the JDK's security policy).
 *
 * @param context     the server context
 * @param cert        the certificate file, null when it lives only in memory
 * @param key         its key file, likewise
 * @param ca          the CA file clients can verify against, null when unknown
 * @param certificate the server's certificate (Ssl_server_not_before / _after)
 * @param parameters  what every listener's TLS socket is configured with: protocols (tls_version),
 *                    cipher suites (ssl_cipher), and a client certificate asked for when a CA is set
 * @param options     the protocols, suites and revocation lists it was built with (the @@ variables show them)
 * @param handshake   how the MySQL and PostgreSQL ports' connections run their handshakes: in BoringSSL, or
 *                    in the JDK over {@code context} ({@link TlsLibrary}); the HTTP port uses {@code context}
 * @param requested   the library the settings asked for ({@code tls-library}), which a reload asks for again
 * @param httpsContext what the HTTPS port's engines come from: BoringSSL's when the other ports use it, else {@code context}
 */
public record ServerTls(SSLContext context, Path cert, Path key, Path ca, X509Certificate certificate,
                        javax.net.ssl.SSLParameters parameters, TlsOptions options,
                        dev.basalt.tls.TlsHandshake handshake, TlsLibrary requested, SSLContext httpsContext) {

    private static final System.Logger LOG = System.getLogger(ServerTls.class.getName());

    /** What SHOW STATUS LIKE 'Ssl_library' shows: the MySQL and PostgreSQL ports' TLS implementation. */
    public String library() { return handshake.library(); }


    /** What {@code @@tls_version} shows: the protocols a client may negotiate. */
    public static final String PROTOCOLS = "TLSv1.2,TLSv1.3";

    /**
     * @param dataDir where a generated certificate is kept; null (memory storage) keeps it in memory
     * @param version the server version, part of a generated certificate's name
     * @return null when TLS is off
     */
    public static ServerTls load(TlsSettings settings, Path dataDir, String version) throws IOException {
        return load(settings, dataDir, version, settings.options());
    }

    /**
     * As {@link #load(TlsSettings, Path, String)}, restricted to the protocols of {@code tlsVersion}
     * ("TLSv1.2,TLSv1.3") and, when {@code sslCipher} is not empty, to the TLSv1.2 suites it names
     * (OpenSSL's colon-separated names, as MySQL's ssl_cipher).
     */
    public static ServerTls load(TlsSettings settings, Path dataDir, String version, String tlsVersion, String sslCipher)
            throws IOException {
        return load(settings, dataDir, version, new TlsOptions(tlsVersion, sslCipher, "", null, null));
    }

    /**
     * As {@link #load(TlsSettings, Path, String)} with MySQL's other knobs: protocols, TLSv1.2 and
     * TLSv1.3 suites, and revocation lists client certificates are checked against.
     */
    public static ServerTls load(TlsSettings settings, Path dataDir, String version, TlsOptions options)
            throws IOException {
        if (!settings.enabled()) return null;
        List<X509Certificate> chain;
        List<X509Certificate> authorities = List.of();
        PrivateKey privateKey;
        Path cert = settings.cert(), key = settings.key(), ca = settings.ca();
        if (settings.generated()) {
            GeneratedCertificates.Material m = GeneratedCertificates.inDirectory(dataDir, version);
            chain = m.chain();
            privateKey = m.key();
            cert = m.cert();
            key = m.keyFile();
            if (ca == null) ca = m.ca(); // null in memory: no CA file, no client certificates
            if (ca != null) authorities = PemFiles.certificates(ca);
        } else {
            chain = new ArrayList<>(PemFiles.certificates(cert));
            privateKey = PemFiles.privateKey(key);
            if (ca != null) {
                authorities = PemFiles.certificates(ca);
                // the CA completes the chain sent to clients when the certificate file holds only the leaf
                for (X509Certificate c : authorities) {
                    if (!chain.contains(c) && !c.equals(chain.getFirst())) chain.add(c);
                }
            }
        }
        try {
            requirePair(chain.getFirst(), privateKey);
            KeyManagerFactory keys = keys(chain, privateKey);
            javax.net.ssl.TrustManagerFactory trust = trust(authorities, RevocationLists.load(options));
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), trust == null ? null : trust.getTrustManagers(), null);
            javax.net.ssl.SSLParameters parameters = TlsPolicy.parameters(context, options, !authorities.isEmpty());
            dev.basalt.tls.TlsHandshake handshake = buildHandshake(settings.library(), options, keys, trust, context, parameters);
            return new ServerTls(context, cert, key, ca, chain.getFirst(), parameters, options, handshake, settings.library(),
                    httpsContext(handshake, keys, parameters, context));
        } catch (GeneralSecurityException e) {
            throw new IOException("TLS: certificate " + (cert == null ? "(generated)" : cert) + " and key "
                    + (key == null ? "" : key + " ") + "cannot be used together: " + e.getMessage(), e);
        }
    }

    /** The HTTPS port runs in the library the MySQL and PostgreSQL ports got; the JDK's context if that is not BoringSSL. */
    private static SSLContext httpsContext(dev.basalt.tls.TlsHandshake handshake, KeyManagerFactory keys,
                                           javax.net.ssl.SSLParameters parameters, SSLContext jdk) throws IOException {
        if (!(handshake instanceof dev.basalt.tls.EngineTlsHandshake)) return jdk;
        try {
            return OpenSslHandshakes.httpsContext(keys, parameters);
        } catch (javax.net.ssl.SSLException | RuntimeException e) {
            throw new IOException("tls-library boringssl (HTTPS): " + e.getMessage(), e);
        }
    }

    /** What the HTTPS port's connections run in, for the start-up log. */
    public String httpsLibrary() {
        return httpsContext == context ? dev.basalt.tls.JdkTlsHandshake.LIBRARY : library();
    }

    /**
     * The key must be the certificate's: the JDK would accept any key here and every handshake would
     * fail later, so a test signature proves the pair at start-up.
     */
    private static void requirePair(X509Certificate cert, PrivateKey key) throws GeneralSecurityException {
        String algorithm = cert.getPublicKey().getAlgorithm();
        if (!algorithm.equals(key.getAlgorithm())) {
            throw new GeneralSecurityException("the key is " + key.getAlgorithm() + ", the certificate's is " + algorithm);
        }
        String signature = switch (algorithm) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> null; // e.g. Ed25519: left to the handshake
        };
        if (signature == null) return;
        byte[] probe = "basalt".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        java.security.Signature signer = java.security.Signature.getInstance(signature);
        signer.initSign(key);
        signer.update(probe);
        byte[] signed = signer.sign();
        java.security.Signature verifier = java.security.Signature.getInstance(signature);
        verifier.initVerify(cert.getPublicKey());
        verifier.update(probe);
        if (!verifier.verify(signed)) throw new GeneralSecurityException("the key does not belong to the certificate");
    }

    /**
     * Client certificates are trusted when the configured CA issued them (not the JDK's public
     * roots: a certificate from any public CA must not pass REQUIRE X509). Null (the JDK's default)
     * without a CA: no certificate is asked for then.
     */
    private static javax.net.ssl.TrustManagerFactory trust(List<X509Certificate> authorities, List<java.security.cert.X509CRL> crls)
            throws GeneralSecurityException, IOException {
        if (authorities.isEmpty()) return null;
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        int i = 0;
        for (X509Certificate c : authorities) store.setCertificateEntry("ca" + i++, c);
        javax.net.ssl.TrustManagerFactory f = javax.net.ssl.TrustManagerFactory.getInstance("PKIX");
        if (crls == null) {
            f.init(store);
        } else {
            f.init(RevocationLists.trustParameters(store, crls));
        }
        return f;
    }

    private static KeyManagerFactory keys(List<X509Certificate> chain, PrivateKey key) throws GeneralSecurityException, IOException {
        char[] password = new char[0]; // the store lives in memory only
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", key, password, chain.toArray(Certificate[]::new));
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, password);
        return keys;
    }

    /**
     * BoringSSL when asked for or (auto) when its native library loads; else the JDK's provider over
     * {@code context}. Asked for by name and unavailable, it fails the start (or the reload).
     */
    private static dev.basalt.tls.TlsHandshake buildHandshake(TlsLibrary library, TlsOptions options, KeyManagerFactory keys,
                                                                   javax.net.ssl.TrustManagerFactory trust,
                                                                   SSLContext context, javax.net.ssl.SSLParameters parameters)
            throws IOException {
        var jdk = new dev.basalt.tls.JdkTlsHandshake(context, parameters);
        if (library == TlsLibrary.JDK) return jdk;
        if (!options.tlsCiphersuites().isBlank()) {
            // BoringSSL's TLSv1.3 suites cannot be narrowed: only the JDK can honour tls_ciphersuites
            if (library == TlsLibrary.BORINGSSL) {
                throw new IOException("tls_ciphersuites '" + options.tlsCiphersuites()
                        + "': BoringSSL's TLSv1.3 suites cannot be restricted (tls-library auto or jdk can)");
            }
            LOG.log(System.Logger.Level.INFO, "TLS: tls_ciphersuites is set, which BoringSSL cannot apply; the JDK''s provider serves TLS");
            return jdk;
        }
        if (!OpenSslHandshakes.available()) {
            String why = OpenSslHandshakes.unavailableReason();
            if (library == TlsLibrary.BORINGSSL) throw new IOException("tls-library boringssl: its native library did not load: " + why);
            LOG.log(System.Logger.Level.INFO, "TLS: BoringSSL did not load ({0}); the JDK''s provider serves TLS", why);
            return jdk;
        }
        try {
            return OpenSslHandshakes.build(keys, trust, parameters);
        } catch (javax.net.ssl.SSLException | RuntimeException e) {
            if (library == TlsLibrary.BORINGSSL) throw new IOException("tls-library boringssl: " + e.getMessage(), e);
            LOG.log(System.Logger.Level.WARNING, "TLS: BoringSSL refused the settings ({0}); the JDK''s provider serves TLS", e.toString());
            return jdk;
        }
    }
}
