package dev.basalt.server.tls;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * MySQL 8's auto_generate_certs: with no certificate configured, a CA and a server certificate it
 * signed are made on first start and kept in the data directory under MySQL's file names
 * ({@code ca.pem}, {@code ca-key.pem}, {@code server-cert.pem}, {@code server-key.pem}), so later
 * starts present the same certificate and clients can pin {@code ca.pem} (verify-ca).
 *
 * <p>Kept on disk, the keys are RSA 2048 as MySQL's (generated once; a client may ask for an RSA
 * suite such as ECDHE-RSA-AES128-GCM-SHA256 by ssl_cipher or REQUIRE CIPHER). Without a data
 * directory (memory storage, a disaggregated compute, which starts empty every time) they are
 * made at every start, and there EC P-256 keys are used: milliseconds where two RSA pairs took
 * a second of a fresh JVM and 41 s on a loaded machine. MySQL 8, MariaDB and their clients
 * (the CLI, both Connector/Js, psql) negotiate ECDSA certificates.
 */
final class GeneratedCertificates {
    static final String CA = "ca.pem", CA_KEY = "ca-key.pem", CERT = "server-cert.pem", KEY = "server-key.pem";
    /** MySQL's generated certificates are valid for ten years. */
    private static final Duration VALIDITY = Duration.ofDays(3650);

    private GeneratedCertificates() {}

    /** The key material and, when kept on disk, where. */
    record Material(List<X509Certificate> chain, PrivateKey key, Path cert, Path keyFile, Path ca) {}

    /**
     * Reuses the pair in {@code dir}, or generates it there when none of its files exist yet; with
     * {@code dir} null (memory storage) generates a pair that lives as long as the process.
     */
    static Material inDirectory(Path dir, String version) throws IOException {
        if (dir == null) return generate(version, null, KeyKind.EC_P256);
        Path ca = dir.resolve(CA), cert = dir.resolve(CERT), key = dir.resolve(KEY), caKey = dir.resolve(CA_KEY);
        boolean any = Files.exists(ca) || Files.exists(cert) || Files.exists(key);
        if (any) {
            for (Path p : List.of(ca, cert, key)) {
                if (!Files.isRegularFile(p)) {
                    throw new IOException("TLS: " + p + " is missing (the other generated certificate files exist);"
                            + " delete " + CA + ", " + CA_KEY + ", " + CERT + " and " + KEY + " to generate new ones");
                }
            }
            return new Material(PemFiles.certificates(cert), PemFiles.privateKey(key), cert, key, ca);
        }
        return generate(version, new Path[]{ca, caKey, cert, key}, KeyKind.RSA_2048);
    }

    /** The generated keys' algorithm and the signature the CA signs with. */
    enum KeyKind {
        RSA_2048("RSA", "SHA256withRSA"), EC_P256("EC", "SHA256withECDSA");

        final String algorithm, signature;

        KeyKind(String algorithm, String signature) {
            this.algorithm = algorithm;
            this.signature = signature;
        }

        KeyPairGenerator generator() throws GeneralSecurityException {
            KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm);
            if (this == RSA_2048) {
                g.initialize(2048);
            } else {
                g.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
            }
            return g;
        }
    }

    private static Material generate(String version, Path[] files, KeyKind kind) throws IOException {
        try {
            KeyPairGenerator generator = kind.generator();
            KeyPair caPair = generator.generateKeyPair();
            KeyPair serverPair = generator.generateKeyPair();
            String prefix = "Basalt_Server_" + version + "_Auto_Generated_";
            X500Name caName = new X500Name("CN=" + prefix + "CA_Certificate");
            Instant now = Instant.now();
            X509v3CertificateBuilder caBuilder = builder(caName, caName, caPair, now)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            X509Certificate caCert = sign(caBuilder, caPair.getPrivate(), kind);
            // names for clients that check the host too (verify-full / verify_identity) on this machine
            GeneralNames local = new GeneralNames(new GeneralName[]{
                    new GeneralName(GeneralName.dNSName, "localhost"),
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                    new GeneralName(GeneralName.iPAddress, "::1")});
            X509v3CertificateBuilder serverBuilder = builder(caName,
                    new X500Name("CN=" + prefix + "Server_Certificate"), serverPair, now)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(kind == KeyKind.RSA_2048
                            ? KeyUsage.digitalSignature | KeyUsage.keyEncipherment
                            : KeyUsage.digitalSignature)) // an EC key signs (ECDHE), it encrypts nothing
                    .addExtension(Extension.subjectAlternativeName, false, local);
            X509Certificate serverCert = sign(serverBuilder, caPair.getPrivate(), kind);
            List<X509Certificate> chain = List.of(serverCert, caCert);
            if (files == null) return new Material(chain, serverPair.getPrivate(), null, null, null);
            PemFiles.writePrivate(files[1], PemFiles.pem(caPair.getPrivate()));
            PemFiles.writePrivate(files[3], PemFiles.pem(serverPair.getPrivate()));
            PemFiles.writePublic(files[2], PemFiles.pem(serverCert));
            PemFiles.writePublic(files[0], PemFiles.pem(caCert)); // last: its presence means "all written"
            return new Material(chain, serverPair.getPrivate(), files[2], files[3], files[0]);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IOException("TLS: cannot generate a certificate: " + e, e);
        }
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair subjectKeys, Instant now) {
        BigInteger serial = new BigInteger(63, new SecureRandom()).add(BigInteger.ONE);
        // a little in the past, so a client whose clock is slightly behind accepts it at once
        return new JcaX509v3CertificateBuilder(issuer, serial, Date.from(now.minus(Duration.ofHours(1))),
                Date.from(now.plus(VALIDITY)), subject, subjectKeys.getPublic());
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey issuerKey, KeyKind kind)
            throws OperatorCreationException, GeneralSecurityException {
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder(kind.signature).build(issuerKey)));
    }
}
