package dev.basalt.mysql.auth;

import dev.basalt.engine.api.ErrorCode;
import dev.basalt.engine.api.SqlException;
import dev.basalt.engine.api.UserAccount;
import dev.basalt.mysql.protocol.Capabilities;
import dev.basalt.mysql.protocol.PacketReader;
import dev.basalt.mysql.protocol.PacketWriter;
import dev.basalt.mysql.protocol.Payload;

import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The authentication exchange after the client's handshake response: an optional auth switch to
 * the server's plugin, then that plugin's checks. Returns normally when the client is in (the
 * caller then sends OK); throws {@link SqlException} 1045 when it is not.
 *
 * <p>Every account here carries both hashes, so either plugin can check any account; the server's
 * default plugin decides which one is spoken.
 */
public final class Authenticator {
    public static final String NATIVE = "mysql_native_password";
    public static final String CACHING_SHA2 = "caching_sha2_password";

    private static final int AUTH_MORE_DATA = 0x01;
    private static final int AUTH_SWITCH = 0xFE;
    private static final int FAST_AUTH_SUCCESS = 0x03;
    private static final int PERFORM_FULL_AUTH = 0x04;
    private static final int REQUEST_PUBLIC_KEY = 0x02;

    private final PacketReader reader;
    private final PacketWriter writer;
    private final ServerKeys keys;
    private final Sha2Cache cache;

    public Authenticator(PacketReader reader, PacketWriter writer, ServerKeys keys, Sha2Cache cache) {
        this.reader = reader;
        this.writer = writer;
        this.keys = keys;
        this.cache = cache;
    }

    /**
     * @param localPeer the client is on this machine (loopback) or speaks TLS: like MySQL's local
     *                  socket or a TLS connection it may send a cleartext password during
     *                  caching_sha2 full authentication; other clients must use RSA
     */
    public void authenticate(Handshake.Response response, Optional<UserAccount> found, byte[] nonce,
                             String host, String serverPlugin, boolean localPeer) throws IOException {
        check(response, found, nonce, host, serverPlugin, localPeer);
        UserAccount account = found.orElseThrow();
        // MySQL checks the lock after the password, so a locked account does not leak whether it exists.
        if (account.locked()) {
            throw ErrorCode.ER_ACCOUNT_HAS_BEEN_LOCKED.error(response.user(), host);
        }
    }

    private void check(Handshake.Response response, Optional<UserAccount> found, byte[] nonce,
                       String host, String serverPlugin, boolean localPeer) throws IOException {
        // The account's own plugin is spoken (as MySQL does); unknown users get the server's default.
        String plugin = found.map(UserAccount::plugin).orElse(serverPlugin);
        String wanted = plugin;
        byte[] auth = response.authResponse();
        if (!response.has(Capabilities.PLUGIN_AUTH)) {
            // A client without plugin support can only speak the 4.1 native scramble.
            plugin = NATIVE;
        } else if (!wanted.equals(response.authPlugin())) {
            writer.begin().int1(AUTH_SWITCH).nulString(wanted).bytes(nonce).int1(0).send();
            writer.flush();
            auth = readPacket().readRestBytes();
        }

        String user = response.user();
        boolean passwordGiven = !isEmpty(auth);
        UserAccount account = found.orElseThrow(() -> denied(user, host, passwordGiven));
        if (!passwordGiven) {
            if (account.emptyPassword()) return;
            throw denied(user, host, false);
        }
        if (account.emptyPassword()) throw denied(user, host, true);

        if (plugin.equals(NATIVE)) {
            if (!Scrambles.verifyNative(auth, nonce, account.nativeHash())) throw denied(user, host, true);
            return;
        }
        byte[] fastHash = cache.fastPathHash(account);
        if (fastHash != null) {
            if (Scrambles.verifySha2(auth, nonce, fastHash)) {
                writer.begin().int1(AUTH_MORE_DATA).int1(FAST_AUTH_SUCCESS).send();
                return;
            }
            // MySQL would retry with full authentication, but when the stored hash is authoritative
            // a mismatch already proves the password wrong: say so rather than ask for RSA. (For a
            // hash learned from a full authentication, MySQL's way is kept: full authentication follows.)
            if (cache.trustsStoredHashes() && account.sha256Hash().length > 0) throw denied(user, host, true);
        }
        fullSha2Authentication(account, nonce, host, localPeer);
    }

    /**
     * caching_sha2_password's full path over a plain connection: the client gets our RSA public
     * key (unless it already has it) and sends (password + NUL) XOR nonce, encrypted with it.
     */
    private void fullSha2Authentication(UserAccount account, byte[] nonce, String host, boolean localPeer)
            throws IOException {
        writer.begin().int1(AUTH_MORE_DATA).int1(PERFORM_FULL_AUTH).send();
        writer.flush();
        byte[] packet = readPacket().readRestBytes();
        if (packet.length == 1 && packet[0] == REQUEST_PUBLIC_KEY) {
            writer.begin().int1(AUTH_MORE_DATA).bytes(keys.publicKeyPem()).send();
            writer.flush();
            packet = readPacket().readRestBytes();
        }
        byte[] plain = packet.length == keys.cipherLength() ? keys.decrypt(packet) : null;
        byte[] password;
        if (plain != null) {
            password = Scrambles.xor(plain, nonce);
        } else if (localPeer) {
            password = packet; // cleartext, NUL-terminated
        } else {
            throw denied(account.name(), host, true); // cleartext from afar: refused, as MySQL does without TLS
        }
        int length = password.length;
        if (length > 0 && password[length - 1] == 0) length--;
        String cleartext = new String(password, 0, length, StandardCharsets.UTF_8);
        if (!account.matchesCleartext(cleartext)) throw denied(account.name(), host, true);
        cache.remember(account, cleartext);
    }

    private Payload readPacket() throws IOException {
        Payload p = reader.read();
        if (p == null) throw new EOFException("client closed the connection during authentication");
        return p;
    }

    /** libmysql sends a single NUL for an empty caching_sha2 password; others send nothing. */
    private static boolean isEmpty(byte[] auth) {
        return auth.length == 0 || (auth.length == 1 && auth[0] == 0);
    }

    private static SqlException denied(String user, String host, boolean usingPassword) {
        return ErrorCode.ER_ACCESS_DENIED.error(user, host, usingPassword ? "YES" : "NO");
    }
}
