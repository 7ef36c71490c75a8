package dev.basalt.server.tls;

import dev.basalt.remote.tls.ClientCertificate;
import dev.basalt.remote.tls.RemoteTls;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Builds the TLS of Basalt's connections to a remote MySQL server from the settings' text
 * (ssl-mode, ssl-ca, ssl-cert, ssl-key; the mysql-*, remote-* and remote-databases forms). Here
 * rather than in basalt-remote because the key is read as the server's own ssl-key is (PKCS#1,
 * PKCS#8 or EC), by {@link PemFiles}. Every file is read now, so a bad one fails at start-up.
 */
public final class RemoteTlsFiles {
    private RemoteTlsFiles() {}

    /**
     * @param cert the client certificate (empty: none; then key must be empty too)
     * @throws IllegalArgumentException naming the setting and the file at fault
     */
    public static RemoteTls read(String mode, String ca, String cert, String key) {
        RemoteTls tls = RemoteTls.of(mode, ca);
        boolean hasCert = cert != null && !cert.isBlank(), hasKey = key != null && !key.isBlank();
        if (hasCert != hasKey) {
            throw new IllegalArgumentException(hasCert ? "ssl-cert needs ssl-key (its private key)"
                    : "ssl-key needs ssl-cert (the certificate it belongs to)");
        }
        if (!hasCert) return tls;
        if (!tls.enabled()) {
            throw new IllegalArgumentException("ssl-cert and ssl-key need an ssl-mode other than disabled");
        }
        Path certFile = Path.of(cert.strip()), keyFile = Path.of(key.strip());
        try {
            return tls.withClient(new ClientCertificate(certFile, keyFile,
                    PemFiles.certificates(certFile), PemFiles.privateKey(keyFile)));
        } catch (IOException e) {
            throw new IllegalArgumentException("ssl-cert / ssl-key: " + e.getMessage(), e);
        }
    }
}
