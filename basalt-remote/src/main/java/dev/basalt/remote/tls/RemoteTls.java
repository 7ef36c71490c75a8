package dev.basalt.remote.tls;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * How Basalt's connections to a remote MySQL server use TLS, with the MySQL client's
 * {@code --ssl-mode} values and {@code --ssl-ca}. One setting for every connection to that remote:
 * passthrough's own protocol client, virtual databases' Connector/J pools, KILL connections and
 * the binlog stream.
 *
 * @param ca     PEM file of the certificate authorities to trust for VERIFY_CA / VERIFY_IDENTITY;
 *               null: the JDK's default trust store
 * @param client the certificate to present when the remote asks for one ({@code --ssl-cert},
 *               {@code --ssl-key}); null: none
 */
public record RemoteTls(Mode mode, Path ca, ClientCertificate client) {

    /** As MySQL's client {@code --ssl-mode}. */
    public enum Mode {
        /** Plain TCP. */
        DISABLED,
        /** TLS when the server offers it, plain otherwise; the certificate is not checked. */
        PREFERRED,
        /** TLS or no connection; the certificate is not checked. */
        REQUIRED,
        /** As REQUIRED, and the certificate must be signed by a trusted CA. */
        VERIFY_CA,
        /** As VERIFY_CA, and the certificate must name the host connected to. */
        VERIFY_IDENTITY;

        /** The setting's spelling: {@code verify-ca}, {@code VERIFY_CA}, ... */
        public static Mode parse(String text) {
            String t = text.strip().toUpperCase(Locale.ROOT).replace('-', '_');
            for (Mode m : values()) if (m.name().equals(t)) return m;
            throw new IllegalArgumentException("ssl-mode '" + text
                    + "' is not one of disabled, preferred, required, verify-ca, verify-identity");
        }

        public String spelling() { return name().toLowerCase(Locale.ROOT).replace('_', '-'); }
    }

    public static final RemoteTls DISABLED = new RemoteTls(Mode.DISABLED, null);

    public RemoteTls {
        java.util.Objects.requireNonNull(mode, "mode");
        if (client != null && mode == Mode.DISABLED) {
            throw new IllegalArgumentException("ssl-cert and ssl-key need an ssl-mode other than disabled");
        }
    }

    /** Without a client certificate. */
    public RemoteTls(Mode mode, Path ca) {
        this(mode, ca, null);
    }

    /** The same, presenting {@code c} (null: none) to remotes that ask for a certificate. */
    public RemoteTls withClient(ClientCertificate c) {
        return new RemoteTls(mode, ca, c);
    }

    /**
     * From the settings' text; an empty mode is DISABLED. The CA file is read now, so a missing or
     * unreadable one fails at start-up rather than at the first connection.
     */
    public static RemoteTls of(String mode, String caFile) {
        Mode m = mode == null || mode.isBlank() ? Mode.DISABLED : Mode.parse(mode);
        Path ca = caFile == null || caFile.isBlank() ? null : Path.of(caFile.strip());
        RemoteTls tls = new RemoteTls(m, ca);
        if (ca != null) tls.trustedCertificates(); // fails early with a clear message
        return tls;
    }

    public boolean enabled() { return mode != Mode.DISABLED; }

    /** No plain connection when the server does not offer TLS. */
    public boolean required() { return mode.compareTo(Mode.REQUIRED) >= 0; }

    /**
     * Turns the connected {@code plain} socket into TLS and completes the handshake (its failure,
     * e.g. an untrusted certificate or a wrong host name, is the IOException's message).
     */
    public SSLSocket wrap(Socket plain, String host, int port) throws IOException {
        SSLSocket s = socket(plain, host, port);
        s.startHandshake();
        return s;
    }

    /** As {@link #wrap} without the handshake (for libraries that start it themselves). */
    public SSLSocket socket(Socket plain, String host, int port) throws IOException {
        SSLSocket s = (SSLSocket) context().getSocketFactory().createSocket(plain, host, port, true);
        s.setUseClientMode(true);
        if (mode == Mode.VERIFY_IDENTITY) {
            SSLParameters p = s.getSSLParameters();
            // the standard host name check of HTTPS (RFC 2818): subject alternative names, then CN
            p.setEndpointIdentificationAlgorithm("HTTPS");
            s.setSSLParameters(p);
        }
        return s;
    }

    private SSLContext context() throws IOException {
        try {
            TrustManager[] trust;
            if (mode == Mode.VERIFY_CA || mode == Mode.VERIFY_IDENTITY) {
                TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                f.init(ca == null ? null : trustStore());
                trust = f.getTrustManagers();
            } else {
                trust = new TrustManager[]{new TrustAnyServer()};
            }
            SSLContext c = SSLContext.getInstance("TLS");
            c.init(client == null ? null : client.keyManagers(), trust, null);
            return c;
        } catch (GeneralSecurityException e) {
            throw new IOException("TLS setup failed: " + e.getMessage(), e);
        }
    }

    private KeyStore trustStore() throws GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        try {
            ks.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        int i = 0;
        for (Certificate c : trustedCertificates()) ks.setCertificateEntry("ca" + i++, c);
        return ks;
    }

    private Collection<? extends Certificate> trustedCertificates() {
        try (InputStream in = Files.newInputStream(ca)) {
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certs.isEmpty()) throw new IllegalArgumentException("ssl-ca " + ca + ": no PEM certificate in it");
            return certs;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("ssl-ca " + ca + ": cannot read a PEM certificate: " + e.getMessage(), e);
        }
    }

    /**
     * The same choice as MariaDB Connector/J URL options: {@code sslMode} (disable, allow = preferred,
     * trust = required, verify-ca, verify-full), {@code serverSslCert} (the CA file) and, with a
     * client certificate, {@code keyStore} and its password (hand them to the driver as properties,
     * never in a URL: pools log their URL).
     */
    public Map<String, String> connectorJOptions() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("sslMode", switch (mode) {
            case DISABLED -> "disable";
            case PREFERRED -> "allow";
            case REQUIRED -> "trust";
            case VERIFY_CA -> "verify-ca";
            case VERIFY_IDENTITY -> "verify-full";
        });
        if (ca != null && (mode == Mode.VERIFY_CA || mode == Mode.VERIFY_IDENTITY)) {
            m.put("serverSslCert", ca.toAbsolutePath().toString());
        }
        if (client != null) m.putAll(client.connectorJOptions());
        return m;
    }

    /** For messages: the mode, and the CA file when one is set. */
    @Override
    public String toString() {
        return "ssl-mode " + mode.spelling() + (ca == null ? "" : ", ssl-ca " + ca) + (client == null ? "" : ", " + client);
    }
}
