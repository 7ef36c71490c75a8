package dev.basalt.server.tls;

import java.nio.file.Path;

/**
 * MySQL's TLS knobs beyond the certificate files, as ALTER INSTANCE RELOAD TLS reads them from the
 * variables of the same names.
 *
 * @param tlsVersion      {@code tls_version}: "TLSv1.2,TLSv1.3" or a part of it
 * @param sslCipher       {@code ssl_cipher}: OpenSSL names of TLSv1.2 suites, colon-separated; empty: the JDK's
 * @param tlsCiphersuites {@code tls_ciphersuites}: TLSv1.3 suite names, colon-separated; empty: the JDK's
 * @param crl             {@code ssl_crl}: a PEM file of certificate revocation lists, or null
 * @param crlPath         {@code ssl_crlpath}: a directory whose files are such lists, or null
 */
public record TlsOptions(String tlsVersion, String sslCipher, String tlsCiphersuites, Path crl, Path crlPath) {

    /** Both protocols, the JDK's suites, no revocation lists: how the server starts. */
    public static final TlsOptions DEFAULTS = new TlsOptions(ServerTls.PROTOCOLS, "", "", null, null);

    /** True when client certificates are checked against revocation lists. */
    public boolean checksRevocation() { return crl != null || crlPath != null; }
}
