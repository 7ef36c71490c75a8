package dev.basalt.pgwire;

import dev.basalt.engine.api.ScramVerifier;
import dev.basalt.engine.api.UserAccount;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Password authentication of a PostgreSQL client against Basalt's accounts. SCRAM-SHA-256 (the
 * default) runs against the account's stored verifier, made whenever CREATE/ALTER USER or SET
 * PASSWORD saw the cleartext password, so it works for every such account without the server
 * knowing the password. md5 needs the cleartext, so it is spoken only for accounts whose password
 * the server was configured with (root); other accounts get SCRAM, as PostgreSQL does for a role
 * whose password is stored as SCRAM. An account without a verifier (made before verifiers were
 * kept, or restored from a MySQL hash) is asked for its password in cleartext
 * (AuthenticationCleartextPassword) and checked against its hash. Trust (no password exchange)
 * only for an account without a password on a loopback connection.
 */
final class PgAuthenticator {
    private static final int OK = 0, CLEARTEXT = 3, MD5 = 5, SASL = 10, SASL_CONTINUE = 11, SASL_FINAL = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private static final String SCRAM = "SCRAM-SHA-256", SCRAM_PLUS = "SCRAM-SHA-256-PLUS";
    private static final String CHANNEL_BINDING_TYPE = "tls-server-end-point";

    private final MessageReader reader;
    private final MessageWriter writer;
    /** tls-server-end-point data of this connection ({@link TlsServerEndPoint}); null: no SCRAM-SHA-256-PLUS. */
    private final byte[] channelBinding;
    /** Keys the made-up salts of unknown users ({@link MockAuthSecret}: kept in the data directory). */
    private final byte[] mockSecret;

    PgAuthenticator(MessageReader reader, MessageWriter writer, byte[] channelBinding, byte[] mockSecret) {
        this.reader = reader;
        this.writer = writer;
        this.channelBinding = channelBinding;
        this.mockSecret = mockSecret;
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
        if (method.equals("md5") && password != null) return md5(user, password);
        if (account.scram() != null) return scram(account.scram());
        if (password != null) return scram(ScramVerifier.create(password));
        return cleartext(account);
    }

    /**
     * A user name with no account (or none for the client's host) goes through a whole SCRAM exchange
     * that can only fail, as PostgreSQL's mock authentication does: refusing at once would tell a
     * stranger which user names exist. The salt is derived from the name and the server's mock secret
     * (kept across restarts), so repeated attempts see the same salt, as for a real account (a new salt per attempt would give
     * the pretence away); the stored key is random, so no proof matches.
     */
    boolean pretend(String user) throws IOException {
        byte[] salt = java.util.Arrays.copyOf(ScramVerifier.hmac(mockSecret, user.getBytes(StandardCharsets.UTF_8)), 16);
        byte[] storedKey = new byte[32];
        RANDOM.nextBytes(storedKey);
        scram(new ScramVerifier(ScramVerifier.ITERATIONS, salt, storedKey, new byte[32]));
        return false;
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

    /**
     * RFC 5802/7677 against a stored verifier. Over TLS SCRAM-SHA-256-PLUS is offered first, as
     * PostgreSQL does, and a client choosing it proves the password together with the hash of the
     * server's certificate (RFC 5929 tls-server-end-point), which a man in the middle cannot
     * forward. Negotiation errors are PostgreSQL's protocol violations (08P01).
     */
    private boolean scram(ScramVerifier verifier) throws IOException {
        var offer = writer.begin('R').int32(SASL);
        if (channelBinding != null) offer.cstring(SCRAM_PLUS);
        offer.cstring(SCRAM).int8(0).end();
        writer.flush();
        MessageBody initial = expectPassword();
        String mechanism = initial.cstring();
        boolean plus = mechanism.equals(SCRAM_PLUS) && channelBinding != null;
        if (!plus && !mechanism.equals(SCRAM)) {
            throw new MalformedMessageException("client selected an invalid SASL authentication mechanism");
        }
        int length = initial.int32();
        String clientFirst = new String(initial.bytes(length), StandardCharsets.UTF_8);
        // gs2 header: "n,," (no binding), "y,," (client could bind but thinks we cannot),
        // "p=tls-server-end-point,," (binding, only with -PLUS); then an optional authzid
        int flagEnd = clientFirst.indexOf(',');
        int bareStart = flagEnd < 0 ? -1 : clientFirst.indexOf(',', flagEnd + 1);
        if (bareStart < 0) throw new MalformedMessageException("malformed SCRAM message");
        String flag = clientFirst.substring(0, flagEnd);
        checkBindingFlag(flag, plus);
        String gs2 = clientFirst.substring(0, bareStart + 1);
        String clientFirstBare = clientFirst.substring(bareStart + 1);
        String clientNonce = attribute(clientFirstBare, 'r');
        if (clientNonce == null) throw new MalformedMessageException("SCRAM nonce missing");
        byte[] serverNonceBytes = new byte[18];
        RANDOM.nextBytes(serverNonceBytes);
        String nonce = clientNonce + Base64.getEncoder().encodeToString(serverNonceBytes);
        String serverFirst = "r=" + nonce + ",s=" + Base64.getEncoder().encodeToString(verifier.salt())
                + ",i=" + verifier.iterations();
        writer.begin('R').int32(SASL_CONTINUE).bytes(serverFirst.getBytes(StandardCharsets.UTF_8)).end();
        writer.flush();

        String clientFinal = new String(expectPassword().rest(), StandardCharsets.UTF_8);
        int proofAt = clientFinal.lastIndexOf(",p=");
        if (proofAt < 0) throw new MalformedMessageException("SCRAM proof missing");
        String withoutProof = clientFinal.substring(0, proofAt);
        String channel = attribute(withoutProof, 'c');
        byte[] header = gs2.getBytes(StandardCharsets.UTF_8);
        byte[] expectedBinding = plus ? concat(header, channelBinding) : header;
        if (!Base64.getEncoder().encodeToString(expectedBinding).equals(channel)) {
            // a proxy in the middle presents its own certificate, so the client hashed another one
            throw new MalformedMessageException(plus ? "SCRAM channel binding check failed"
                    : "unexpected SCRAM channel-binding attribute in client-final-message");
        }
        if (!nonce.equals(attribute(withoutProof, 'r'))) return false;
        byte[] proof;
        try {
            proof = Base64.getDecoder().decode(clientFinal.substring(proofAt + 3));
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException("bad SCRAM proof");
        }
        byte[] authMessage = (clientFirstBare + "," + serverFirst + "," + withoutProof).getBytes(StandardCharsets.UTF_8);
        // ClientProof = ClientKey XOR HMAC(StoredKey, AuthMessage); H(ClientKey) must be the StoredKey
        byte[] signature = ScramVerifier.hmac(verifier.storedKey(), authMessage);
        if (proof.length != signature.length) return false;
        byte[] recovered = new byte[proof.length];
        for (int i = 0; i < proof.length; i++) recovered[i] = (byte) (proof[i] ^ signature[i]);
        if (!MessageDigest.isEqual(verifier.storedKey(), UserAccount.digest("SHA-256", recovered))) return false;
        String serverFinal = "v=" + Base64.getEncoder().encodeToString(ScramVerifier.hmac(verifier.serverKey(), authMessage));
        writer.begin('R').int32(SASL_FINAL).bytes(serverFinal.getBytes(StandardCharsets.UTF_8)).end();
        return true;
    }

    /** PostgreSQL's checks of the gs2 channel-binding flag against the chosen mechanism (auth-scram.c). */
    private void checkBindingFlag(String flag, boolean plus) throws MalformedMessageException {
        if (flag.startsWith("p=")) {
            if (!plus) {
                throw new MalformedMessageException("malformed SCRAM message: the client selected SCRAM-SHA-256 "
                        + "without channel binding, but the SCRAM message includes channel binding data");
            }
            String type = flag.substring(2);
            if (!type.equals(CHANNEL_BINDING_TYPE)) {
                throw new MalformedMessageException("unsupported SCRAM channel-binding type \"" + type + "\"");
            }
        } else if (flag.equals("n") || flag.equals("y")) {
            if (plus) {
                throw new MalformedMessageException("malformed SCRAM message: the client selected SCRAM-SHA-256-PLUS, "
                        + "but the SCRAM message does not include channel binding data");
            }
            // "y" over TLS: the client thinks we cannot bind, yet we offered to; something stripped the offer
            if (flag.equals("y") && channelBinding != null) {
                throw new MalformedMessageException("SCRAM channel binding negotiation error");
            }
        } else {
            throw new MalformedMessageException("malformed SCRAM message");
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
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

    private static String md5Hex(byte[] a, byte[] b) {
        return HexFormat.of().formatHex(UserAccount.digest("MD5", a, b));
    }
}
