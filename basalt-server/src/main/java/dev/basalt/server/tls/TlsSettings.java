package dev.basalt.server.tls;

import dev.basalt.server.SettingsException;

import java.nio.file.Path;

/**
 * Where the server's certificate comes from, as MySQL 8's {@code --ssl}, {@code --ssl-cert},
 * {@code --ssl-key} and {@code --ssl-ca} say it.
 *
 * @param enabled false for {@code --ssl=off}: no listener offers TLS
 * @param cert    PEM certificate (chain) file, or null to use the generated one
 * @param key     PEM private key of {@code cert}; given together with it
 * @param ca      PEM CA file, shown as {@code @@ssl_ca} (clients verify against it); may be null
 * @param https   the HTTP API speaks HTTPS with the same certificate
 * @param options protocols, suites and revocation lists at start ({@code --tls-version}, {@code --ssl-cipher},
 *                {@code --tls-ciphersuites}, {@code --ssl-crl}, {@code --ssl-crlpath})
 * @param library which implementation runs the MySQL port's handshakes ({@code --tls-library})
 */
public record TlsSettings(boolean enabled, Path cert, Path key, Path ca, boolean https, TlsOptions options,
                          TlsLibrary library) {

    /** With the library chosen automatically (BoringSSL when it loads). */
    public TlsSettings(boolean enabled, Path cert, Path key, Path ca, boolean https, TlsOptions options) {
        this(enabled, cert, key, ca, https, options, TlsLibrary.AUTO);
    }

    /** With the default protocols and suites and no revocation lists. */
    public TlsSettings(boolean enabled, Path cert, Path key, Path ca, boolean https) {
        this(enabled, cert, key, ca, https, TlsOptions.DEFAULTS);
    }

    /** No TLS: what embedded servers get unless they ask (generating keys costs start-up time). */
    public static final TlsSettings OFF = new TlsSettings(false, null, null, null, false);

    /** TLS with a certificate generated into the data directory on first start (MySQL's auto_generate_certs). */
    public static final TlsSettings GENERATED = new TlsSettings(true, null, null, null, false);

    public TlsSettings {
        if ((cert == null) != (key == null)) {
            throw new SettingsException("ssl-cert and ssl-key go together: give both or neither");
        }
        if (https && !enabled) throw new SettingsException("http-tls needs TLS on (ssl is off)");
        if (options == null) options = TlsOptions.DEFAULTS;
        if (library == null) library = TlsLibrary.AUTO;
    }

    /** True when the certificate is generated rather than read from files. */
    public boolean generated() { return cert == null; }
}
