package dev.basalt.engine.api;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;

/**
 * An account's {@code REQUIRE} clause, as mysql.user keeps it: {@code ssl_type} '' (NONE), ANY
 * (SSL), X509, or SPECIFIED with any of issuer, subject and cipher. The protocol modules check it
 * against the connection's TLS session with {@link #admits}; all of them refuse a login that
 * fails it the way MySQL does (as for a wrong password).
 *
 * @param type    "", "ANY", "X509" or "SPECIFIED" (mysql.user.ssl_type)
 * @param issuer  the client certificate's issuer in OpenSSL's one-line form ("/C=SE/O=MySQL/CN=CA"), or null
 * @param subject the client certificate's subject, likewise, or null
 * @param cipher  the cipher the connection must use (OpenSSL's name), or null
 */
public record TlsRequirement(String type, String issuer, String subject, String cipher) {

    public static final TlsRequirement NONE = new TlsRequirement("", null, null, null);
    public static final TlsRequirement SSL = new TlsRequirement("ANY", null, null, null);
    public static final TlsRequirement X509 = new TlsRequirement("X509", null, null, null);

    /** REQUIRE ISSUER / SUBJECT / CIPHER (nulls where not written). */
    public static TlsRequirement specified(String issuer, String subject, String cipher) {
        return new TlsRequirement("SPECIFIED", issuer, subject, cipher);
    }

    /** The requirement stored as mysql.user's ssl_type (ANY/X509/SPECIFIED/''). */
    public static TlsRequirement of(String type, String issuer, String subject, String cipher) {
        return switch (type) {
            case "" -> NONE;
            case "ANY" -> SSL;
            case "X509" -> X509;
            default -> specified(issuer, subject, cipher);
        };
    }

    public boolean none() { return type.isEmpty(); }

    /** True when the account needs a client certificate (X509, ISSUER or SUBJECT). */
    public boolean needsCertificate() {
        return type.equals("X509") || issuer != null || subject != null;
    }

    /**
     * Whether a connection may log in as the account.
     *
     * @param tls         false for a plaintext connection
     * @param cipher      the session's cipher as OpenSSL names it (null when plaintext)
     * @param certificate the client's certificate, verified against the server's CA by the TLS
     *                    layer; null when the client sent none
     */
    public boolean admits(boolean tls, String cipher, X509Certificate certificate) {
        if (none()) return true;
        if (!tls) return false;
        if (type.equals("ANY")) return true;
        if (needsCertificate() && certificate == null) return false;
        if (this.cipher != null && !this.cipher.equals(cipher)) return false;
        if (issuer != null && !issuer.equals(oneLine(certificate.getIssuerX500Principal()))) return false;
        return subject == null || subject.equals(oneLine(certificate.getSubjectX500Principal()));
    }

    /**
     * {@link #admits(boolean, String, X509Certificate)} for a connection's TLS session (null when
     * the connection is plaintext).
     */
    public boolean admits(javax.net.ssl.SSLSession session) {
        if (session == null) return admits(false, null, null);
        return admits(true, openSslCipherName(session.getCipherSuite()), clientCertificate(session));
    }

    /** The client's certificate in a TLS session, or null when it sent none. */
    public static X509Certificate clientCertificate(javax.net.ssl.SSLSession session) {
        try {
            java.security.cert.Certificate[] chain = session.getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate x ? x : null;
        } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
            return null;
        }
    }

    /**
     * The cipher as MySQL and PostgreSQL (OpenSSL) name it: TLSv1.3 suites keep their standard names
     * ({@code TLS_AES_256_GCM_SHA384}); older ones use OpenSSL's, e.g. the JDK's
     * {@code TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256} is {@code ECDHE-RSA-AES128-GCM-SHA256}.
     */
    public static String openSslCipherName(String standard) {
        int with = standard.indexOf("_WITH_");
        if (!standard.startsWith("TLS_") || with < 0) return standard;
        String exchange = standard.substring(4, with).replace('_', '-');
        String cipher = standard.substring(with + 6)
                .replace("AES_128_", "AES128-").replace("AES_256_", "AES256-")
                .replace("CHACHA20_POLY1305_SHA256", "CHACHA20-POLY1305")
                .replace('_', '-');
        // OpenSSL drops the key exchange for plain RSA (AES128-GCM-SHA256)
        return exchange.equals("RSA") ? cipher : exchange + "-" + cipher;
    }

    /** The clause as SHOW CREATE USER writes it, MySQL's order (ISSUER, SUBJECT, CIPHER). */
    public String clause() {
        return switch (type) {
            case "" -> "REQUIRE NONE";
            case "ANY" -> "REQUIRE SSL";
            case "X509" -> "REQUIRE X509";
            default -> {
                StringBuilder sb = new StringBuilder("REQUIRE");
                if (issuer != null) sb.append(" ISSUER ").append(quote(issuer));
                if (subject != null) sb.append(" SUBJECT ").append(quote(subject));
                if (cipher != null) sb.append(" CIPHER ").append(quote(cipher));
                yield sb.toString();
            }
        };
    }

    private static String quote(String s) { return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'"; }

    /** Attribute names OpenSSL prints that RFC 2253 writes as OIDs. */
    private static final Map<String, String> OPENSSL_NAMES = Map.of(
            "1.2.840.113549.1.9.1", "emailAddress", "2.5.4.5", "serialNumber", "2.5.4.12", "title",
            "2.5.4.42", "GN", "2.5.4.4", "SN", "0.9.2342.19200300.100.1.25", "DC");

    /**
     * A distinguished name as OpenSSL's X509_NAME_oneline writes it, what MySQL compares ISSUER
     * and SUBJECT with: most significant first, each "/TYPE=value".
     */
    public static String oneLine(X500Principal name) {
        try {
            List<Rdn> rdns = new LdapName(name.getName(X500Principal.RFC2253, OPENSSL_NAMES)).getRdns();
            StringBuilder sb = new StringBuilder();
            for (Rdn r : rdns) sb.append('/').append(r.getType()).append('=').append(r.getValue());
            return sb.toString();
        } catch (InvalidNameException e) {
            return name.getName();
        }
    }
}
