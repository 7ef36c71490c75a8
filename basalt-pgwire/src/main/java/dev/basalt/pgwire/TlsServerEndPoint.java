package dev.basalt.pgwire;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Locale;

/**
 * The channel-binding data of type {@code tls-server-end-point} (RFC 5929 section 4.1), which
 * SCRAM-SHA-256-PLUS binds the password proof to: the hash of the certificate this server sent
 * on the connection. A client that talks to a man in the middle sees the middle's certificate,
 * so its proof does not match.
 */
final class TlsServerEndPoint {
    private TlsServerEndPoint() {}

    /**
     * The binding data of a TLS connection, or null when the certificate's signature hash cannot
     * be named (e.g. Ed25519, which RFC 5929 leaves undefined): then SCRAM-SHA-256-PLUS is not offered.
     */
    static byte[] of(javax.net.ssl.SSLSession tls) {
        if (tls == null) return null;
        Certificate[] sent = tls.getLocalCertificates();
        if (sent == null || sent.length == 0 || !(sent[0] instanceof X509Certificate cert)) return null;
        String digest = digestOf(cert);
        if (digest == null) return null;
        try {
            return MessageDigest.getInstance(digest).digest(cert.getEncoded());
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            return null;
        }
    }

    /** The hash of the certificate's signature algorithm, MD5 and SHA-1 replaced by SHA-256 as RFC 5929 asks. */
    static String digestOf(X509Certificate cert) {
        String alg = cert.getSigAlgName().toUpperCase(Locale.ROOT);
        // "SHA256withRSA", "SHA384withECDSA"...; RSASSA-PSS and EdDSA name no hash this way, and
        // libpq's OpenSSL cannot bind to them either: offering -PLUS there would fail every login
        int with = alg.indexOf("WITH");
        if (with <= 0) return null;
        String hash = alg.substring(0, with).replace("-", "");
        return switch (hash) {
            case "MD5", "SHA1", "SHA256" -> "SHA-256";
            case "SHA224" -> "SHA-224";
            case "SHA384" -> "SHA-384";
            case "SHA512" -> "SHA-512";
            default -> null;
        };
    }
}
