package dev.basalt.server.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CRL;
import java.security.cert.CertPathValidator;
import java.security.cert.CertStore;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXRevocationChecker;
import java.security.cert.X509CRL;
import java.security.cert.X509CertSelector;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;

/**
 * ssl_crl / ssl_crlpath: certificate revocation lists client certificates are checked against, as
 * mysqld does with OpenSSL's CRL check. A client certificate its CA has revoked ends the TLS
 * handshake; with lists configured, one whose issuer has no list is refused too (OpenSSL: "unable
 * to get certificate CRL"). Only the lists given are read: nothing is fetched (no OCSP, no
 * distribution points).
 */
final class RevocationLists {
    private RevocationLists() {}

    /** The lists of {@code ssl_crl} (a PEM or DER file) and every file in {@code ssl_crlpath}; null when neither is set. */
    static List<X509CRL> load(TlsOptions options) throws IOException {
        if (!options.checksRevocation()) return null;
        List<X509CRL> out = new ArrayList<>();
        if (options.crl() != null) out.addAll(read(options.crl(), "ssl_crl"));
        if (options.crlPath() != null) {
            if (!Files.isDirectory(options.crlPath())) throw new IOException("ssl_crlpath " + options.crlPath() + " is not a directory");
            try (Stream<Path> files = Files.list(options.crlPath())) {
                for (Path f : files.filter(Files::isRegularFile).sorted().toList()) out.addAll(read(f, "ssl_crlpath"));
            }
        }
        return out;
    }

    private static List<X509CRL> read(Path file, String variable) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            List<X509CRL> out = new ArrayList<>();
            for (CRL c : CertificateFactory.getInstance("X.509").generateCRLs(in)) out.add((X509CRL) c);
            if (out.isEmpty()) throw new IOException(variable + " " + file + " holds no certificate revocation list");
            return out;
        } catch (java.security.cert.CRLException | java.security.cert.CertificateException e) {
            throw new IOException(variable + " " + file + " is not a certificate revocation list: " + e.getMessage(), e);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IOException(variable + " " + file + ": no such file", e);
        }
    }

    /** PKIX trust in {@code anchors}, checking each client certificate (not the CA itself) against {@code crls}. */
    static javax.net.ssl.CertPathTrustManagerParameters trustParameters(KeyStore anchors, List<X509CRL> crls)
            throws GeneralSecurityException {
        PKIXBuilderParameters p = new PKIXBuilderParameters(anchors, new X509CertSelector());
        p.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(crls)));
        PKIXRevocationChecker checker = (PKIXRevocationChecker) CertPathValidator.getInstance("PKIX").getRevocationChecker();
        checker.setOptions(EnumSet.of(PKIXRevocationChecker.Option.PREFER_CRLS, PKIXRevocationChecker.Option.NO_FALLBACK,
                PKIXRevocationChecker.Option.ONLY_END_ENTITY));
        p.addCertPathChecker(checker);
        p.setRevocationEnabled(true);
        return new javax.net.ssl.CertPathTrustManagerParameters(p);
    }
}
