package dev.basalt.mysql.auth;

import javax.crypto.Cipher;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;

/**
 * The RSA key pair caching_sha2_password full authentication uses over a non-TLS connection:
 * the client fetches the public key and sends its password encrypted with it. Generated once
 * per server, on first use (generation takes a noticeable fraction of a second).
 */
public final class ServerKeys {
    private static final String OAEP = "RSA/ECB/OAEPWithSHA-1AndMGF1Padding";
    private static final String PKCS1 = "RSA/ECB/PKCS1Padding";
    private volatile KeyPair keyPair;
    private volatile byte[] publicKeyPem;

    private KeyPair keyPair() {
        KeyPair kp = keyPair;
        if (kp != null) return kp;
        synchronized (this) {
            if (keyPair == null) {
                try {
                    KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
                    gen.initialize(2048);
                    KeyPair generated = gen.generateKeyPair();
                    String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(generated.getPublic().getEncoded());
                    publicKeyPem = ("-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n")
                            .getBytes(StandardCharsets.US_ASCII);
                    keyPair = generated;
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException("cannot generate RSA key pair", e);
                }
            }
            return keyPair;
        }
    }

    /** The public key as PEM (X.509 SubjectPublicKeyInfo), what clients expect after requesting it. */
    public byte[] publicKeyPem() {
        keyPair();
        return publicKeyPem;
    }

    /** Size of a ciphertext block in bytes (256 for 2048-bit keys). */
    public int cipherLength() { return 256; }

    /**
     * Decrypts the client's password block, or returns null when it is not valid. MySQL's clients
     * use OAEP (SHA-1, MGF1); libmariadb built against GnuTLS (Debian's mariadb CLI) uses PKCS#1
     * v1.5, so that padding is accepted too. Both failures look the same to the client (1045).
     */
    public byte[] decrypt(byte[] cipherText) {
        byte[] plain = decrypt(OAEP, cipherText);
        return plain != null ? plain : decrypt(PKCS1, cipherText);
    }

    private byte[] decrypt(String transformation, byte[] cipherText) {
        try {
            Cipher cipher = Cipher.getInstance(transformation);
            cipher.init(Cipher.DECRYPT_MODE, keyPair().getPrivate());
            return cipher.doFinal(cipherText);
        } catch (GeneralSecurityException e) {
            return null;
        }
    }
}
