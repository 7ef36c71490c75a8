package dev.basalt.remote.tls;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;

/**
 * The certificate Basalt presents to a remote MySQL server that asks for one (an account created
 * with {@code REQUIRE X509}, {@code ISSUER} or {@code SUBJECT}): the mysql client's
 * {@code --ssl-cert} and {@code --ssl-key}, already read (the server module reads the PEM files,
 * whatever key format they hold).
 *
 * @param cert  the certificate file, for messages
 * @param key   the key file, for messages
 * @param chain the certificate first, then any intermediates the file holds
 */
public final class ClientCertificate {
    private static final String ALIAS = "client";

    private final Path cert, key;
    private final List<X509Certificate> chain;
    private final PrivateKey privateKey;
    /** Written once per certificate: Connector/J takes a key store file, not PEM. */
    private volatile Map<String, String> connectorJ;

    public ClientCertificate(Path cert, Path key, List<X509Certificate> chain, PrivateKey privateKey) {
        this.cert = cert;
        this.key = key;
        this.chain = List.copyOf(chain);
        if (this.chain.isEmpty()) throw new IllegalArgumentException("ssl-cert " + cert + ": no certificate in it");
        this.privateKey = java.util.Objects.requireNonNull(privateKey, "privateKey");
    }

    public Path cert() { return cert; }

    public Path key() { return key; }

    /** What our own TLS sockets present (passthrough, KILL and binlog connections). */
    KeyManager[] keyManagers() throws GeneralSecurityException {
        char[] none = new char[0];
        KeyManagerFactory f = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        f.init(keyStore(none), none);
        return f.getKeyManagers();
    }

    private KeyStore keyStore(char[] password) throws GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try {
            ks.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        ks.setKeyEntry(ALIAS, privateKey, password, chain.toArray(new X509Certificate[0]));
        return ks;
    }

    /**
     * Connector/J's options for this certificate ({@code keyStore}, its type and password). The
     * driver reads only a key store file, so the key is written to a PKCS#12 file of the owner's
     * only, under a random password, deleted when the JVM exits.
     */
    Map<String, String> connectorJOptions() {
        Map<String, String> m = connectorJ;
        if (m != null) return m;
        synchronized (this) {
            if (connectorJ == null) connectorJ = writeKeyStore();
            return connectorJ;
        }
    }

    private Map<String, String> writeKeyStore() {
        byte[] secret = new byte[18];
        new SecureRandom().nextBytes(secret);
        char[] password = HexFormat.of().formatHex(secret).toCharArray();
        try {
            Path file = Files.createTempFile("basalt-remote-client-", ".p12",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            file.toFile().deleteOnExit();
            try (OutputStream out = Files.newOutputStream(file)) {
                keyStore(password).store(out, password);
            }
            Map<String, String> m = new LinkedHashMap<>();
            m.put("keyStore", file.toAbsolutePath().toString());
            m.put("keyStoreType", "PKCS12");
            m.put("keyStorePassword", new String(password));
            return Map.copyOf(m);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("ssl-cert " + cert + ": cannot hand the key to the connection pool: "
                    + e.getMessage(), e);
        }
    }

    /** Two loads of the same files are the same certificate (RemoteTls, which holds it, is compared in tests). */
    @Override public boolean equals(Object o) {
        return o instanceof ClientCertificate c && chain.equals(c.chain) && privateKey.equals(c.privateKey);
    }

    @Override public int hashCode() { return chain.hashCode(); }

    /** For messages: the files, never the key. */
    @Override public String toString() { return "ssl-cert " + cert + ", ssl-key " + key; }
}
