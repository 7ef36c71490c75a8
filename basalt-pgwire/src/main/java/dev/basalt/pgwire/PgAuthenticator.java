package dev.basalt.pgwire;

import dev.basalt.engine.api.UserAccount;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Password authentication of a PostgreSQL client against Basalt's accounts. SCRAM-SHA-256 and md5
 * both need the cleartext password (the accounts keep only MySQL's hashes), so they work for the
 * accounts whose password the server was configured with (root); any other account is asked for
 * its password in cleartext (AuthenticationCleartextPassword) and checked against its hash.
 * Trust (no password exchange) only for an account without a password on a loopback connection.
 */
final class PgAuthenticator {
    private static final int OK = 0, CLEARTEXT = 3, MD5 = 5, SASL = 10, SASL_CONTINUE = 11, SASL_FINAL = 12;
    private static final int ITERATIONS = 4096;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final MessageReader reader;
    private final MessageWriter writer;

    PgAuthenticator(MessageReader reader, MessageWriter writer) {
        this.reader = reader;
        this.writer = writer;
    }

    /**
     * @param known     the account's configured cleartext password when the server knows it
     * @return true when the client proved the password (AuthenticationOk not yet sent)
     */
    boolean authenticate(String user, UserAccount account, Optional<String> known, String method, boolean loopback)
            throws IOException {
        if (account.emptyPassword() && loopback) return true;
        // A known password only counts while it still matches the account (ALTER USER may have changed it).
        String password = known.filter(account::matchesCleartext).orElse(null);
        if (password == null) return cleartext(account);
        return method.equals("md5") ? md5(user, password) : scram(password);
    }

    private boolean cleartext(UserAccount account) throws IOException {
        writer.begin('R').int32(CLEARTEXT).end();
        writer.flush();
        MessageBody body = expectPassword();
        byte[] raw = body.rest();
        int len = raw.length > 0 && raw[raw.length - 1] == 0 ? raw.length - 1 : raw.length;
        return account.matchesCleartext(new String(raw, 0, len, StandardCharsets.UTF_8));
    }

    private boolean md5(String user, String password) throws IOException {
        byte[] salt = new byte[4];
        RANDOM.nextBytes(salt);
        writer.begin('R').int32(MD5).bytes(salt).end();
        writer.flush();
        String answer = expectPassword().cstring();
        String inner = md5Hex(password.getBytes(StandardCharsets.UTF_8), user.getBytes(StandardCharsets.UTF_8));
        String expected = "md5" + md5Hex(inner.getBytes(StandardCharsets.US_ASCII), salt);
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), answer.getBytes(StandardCharsets.UTF_8));
    }

    /** RFC 5802/7677 without channel binding (no TLS here yet). */
    private boolean scram(String password) throws IOException {
        writer.begin('R').int32(SASL).cstring("SCRAM-SHA-256").int8(0).end();
        writer.flush();
        MessageBody initial = expectPassword();
        String mechanism = initial.cstring();
        if (!mechanism.equals("SCRAM-SHA-256")) throw new MalformedMessageException("unsupported SASL mechanism " + mechanism);
        int length = initial.int32();
        String clientFirst = new String(initial.bytes(length), StandardCharsets.UTF_8);
        // gs2 header: "n,," or "y,," (client could bind but thinks we cannot); "p=" asks for binding we lack
        if (!(clientFirst.startsWith("n,") || clientFirst.startsWith("y,"))) return false;
        int bareStart = clientFirst.indexOf(',', 2);
        if (bareStart < 0) throw new MalformedMessageException("bad SCRAM client-first-message");
        String gs2 = clientFirst.substring(0, bareStart + 1);
        String clientFirstBare = clientFirst.substring(bareStart + 1);
        String clientNonce = attribute(clientFirstBare, 'r');
        if (clientNonce == null) throw new MalformedMessageException("SCRAM nonce missing");
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        byte[] serverNonceBytes = new byte[18];
        RANDOM.nextBytes(serverNonceBytes);
        String nonce = clientNonce + Base64.getEncoder().encodeToString(serverNonceBytes);
        String serverFirst = "r=" + nonce + ",s=" + Base64.getEncoder().encodeToString(salt) + ",i=" + ITERATIONS;
        writer.begin('R').int32(SASL_CONTINUE).bytes(serverFirst.getBytes(StandardCharsets.UTF_8)).end();
        writer.flush();

        String clientFinal = new String(expectPassword().rest(), StandardCharsets.UTF_8);
        int proofAt = clientFinal.lastIndexOf(",p=");
        if (proofAt < 0) throw new MalformedMessageException("SCRAM proof missing");
        String withoutProof = clientFinal.substring(0, proofAt);
        String channel = attribute(withoutProof, 'c');
        if (!nonce.equals(attribute(withoutProof, 'r'))
                || !Base64.getEncoder().encodeToString(gs2.getBytes(StandardCharsets.UTF_8)).equals(channel)) {
            return false;
        }
        byte[] proof;
        try {
            proof = Base64.getDecoder().decode(clientFinal.substring(proofAt + 3));
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException("bad SCRAM proof");
        }
        String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
        byte[] salted = hi(password.getBytes(StandardCharsets.UTF_8), salt, ITERATIONS);
        byte[] clientKey = hmac(salted, "Client Key".getBytes(StandardCharsets.US_ASCII));
        byte[] storedKey = UserAccount.digest("SHA-256", clientKey);
        byte[] signature = hmac(storedKey, authMessage.getBytes(StandardCharsets.UTF_8));
        if (proof.length != signature.length) return false;
        byte[] recovered = new byte[proof.length];
        for (int i = 0; i < proof.length; i++) recovered[i] = (byte) (proof[i] ^ signature[i]);
        if (!MessageDigest.isEqual(storedKey, UserAccount.digest("SHA-256", recovered))) return false;
        byte[] serverKey = hmac(salted, "Server Key".getBytes(StandardCharsets.US_ASCII));
        String serverFinal = "v=" + Base64.getEncoder().encodeToString(hmac(serverKey, authMessage.getBytes(StandardCharsets.UTF_8)));
        writer.begin('R').int32(SASL_FINAL).bytes(serverFinal.getBytes(StandardCharsets.UTF_8)).end();
        return true;
    }

    static void sendOk(MessageWriter writer) { writer.begin('R').int32(OK).end(); }

    private MessageBody expectPassword() throws IOException {
        MessageReader.Message m = reader.read();
        if (m.type() == -1) throw new java.io.EOFException("client closed during authentication");
        if (m.type() != 'p') throw new MalformedMessageException("expected a password message, got '" + (char) m.type() + "'");
        return m.body();
    }

    private static String attribute(String message, char name) {
        for (String part : message.split(",")) {
            if (part.length() >= 2 && part.charAt(0) == name && part.charAt(1) == '=') return part.substring(2);
        }
        return null;
    }

    /** PBKDF2 with HMAC-SHA-256, one block: SCRAM's Hi(). */
    static byte[] hi(byte[] password, byte[] salt, int iterations) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(password, "HmacSHA256"));
            mac.update(salt);
            byte[] u = mac.doFinal(new byte[] {0, 0, 0, 1});
            byte[] result = u.clone();
            for (int i = 1; i < iterations; i++) {
                u = mac.doFinal(u);
                for (int j = 0; j < result.length; j++) result[j] ^= u[j];
            }
            return result;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String md5Hex(byte[] a, byte[] b) {
        return HexFormat.of().formatHex(UserAccount.digest("MD5", a, b));
    }
}
