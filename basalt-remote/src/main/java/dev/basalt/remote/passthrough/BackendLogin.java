package dev.basalt.remote.passthrough;

import dev.basalt.engine.api.SqlException;
import dev.basalt.mysql.protocol.Capabilities;
import dev.basalt.mysql.protocol.MalformedPacketException;
import dev.basalt.mysql.protocol.Payload;
import dev.basalt.remote.tls.RemoteTls;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Cipher;

/**
 * The client side of a MySQL login: reads the greeting, answers with HandshakeResponse41 and
 * completes mysql_native_password or caching_sha2_password (fast path, or full authentication
 * with the server's RSA key on a plain link, the password itself inside TLS), following auth switches,
 * optionally over TLS (see {@link RemoteTls}).
 */
final class BackendLogin {
    private static final int AUTH_MORE_DATA = 0x01, AUTH_SWITCH = 0xFE;
    private static final int SHA2_FAST_OK = 3, SHA2_FULL_AUTH = 4, SHA2_REQUEST_KEY = 2;

    /** What the server said about itself in its greeting. */
    record Greeting(String serverVersion, long threadId, int capabilities, int mariadbCapabilities, int charset,
                    byte[] nonce, String plugin) {}

    private BackendLogin() {}

    /** Reads the greeting only (the probe of version and capabilities). */
    static Greeting readGreeting(BackendChannel channel) throws IOException {
        channel.readFrame();
        Payload p = payload(channel);
        int protocol = p.readInt1();
        if (protocol == 0xFF) throw serverError(p);
        if (protocol != 10) throw new MalformedPacketException("unsupported protocol version " + protocol);
        String version = p.readNulString();
        long threadId = p.readInt4();
        byte[] part1 = p.readBytes(8);
        p.skip(1);
        int caps = p.readInt2();
        int charset = p.readInt1();
        p.skip(2); // status
        caps |= p.readInt2() << 16;
        int authLength = p.readInt1();
        p.skip(6);
        // MariaDB's extended capabilities, present when the server does not claim to be MySQL
        int mariadb = (caps & Capabilities.LONG_PASSWORD) == 0 ? (int) p.readInt4() : skip4(p);
        byte[] part2 = new byte[0];
        if ((caps & Capabilities.SECURE_CONNECTION) != 0) {
            part2 = p.readBytes(Math.max(13, authLength - 8));
            if (part2.length > 0 && part2[part2.length - 1] == 0) part2 = Arrays.copyOf(part2, part2.length - 1);
        }
        String plugin = (caps & Capabilities.PLUGIN_AUTH) != 0 && p.hasRemaining() ? p.readNulString() : "mysql_native_password";
        byte[] nonce = new byte[part1.length + part2.length];
        System.arraycopy(part1, 0, nonce, 0, part1.length);
        System.arraycopy(part2, 0, nonce, part1.length, part2.length);
        return new Greeting(version, threadId, caps, mariadb, charset, nonce, plugin);
    }

    /**
     * Logs in with the given capabilities (masked by what the server offers) and character set;
     * returns the greeting. A refused login raises the server's error as a {@link SqlException}.
     * Over TLS when {@code tls} asks for it: after the greeting, an SSLRequest and the TLS
     * handshake, then the login as usual inside TLS. {@code host} and {@code port} are what
     * VERIFY_IDENTITY checks the certificate against.
     */
    static Greeting logIn(BackendChannel channel, String user, String password, String database,
                          int capabilities, int mariadbCapabilities, int charset, Map<String, String> attributes,
                          RemoteTls tls, String host, int port) throws IOException {
        Greeting greeting = readGreeting(channel);
        int caps = (capabilities | Capabilities.PROTOCOL_41 | Capabilities.SECURE_CONNECTION | Capabilities.PLUGIN_AUTH
                | Capabilities.PLUGIN_AUTH_LENENC_CLIENT_DATA | Capabilities.LONG_PASSWORD) & greeting.capabilities();
        caps &= ~Capabilities.SSL;
        if (database != null) caps |= Capabilities.CONNECT_WITH_DB & greeting.capabilities();
        else caps &= ~Capabilities.CONNECT_WITH_DB;
        if (attributes.isEmpty()) caps &= ~Capabilities.CONNECT_ATTRS;
        int sequence = 1;
        // a Unix socket is local: the mysql client uses no TLS on one, and servers count it as secure
        if (channel.local()) tls = RemoteTls.DISABLED;
        if (tls.enabled() && (greeting.capabilities() & Capabilities.SSL) != 0) {
            sequence = sslRequest(channel, caps | Capabilities.SSL, charset,
                    (caps & Capabilities.LONG_PASSWORD) == 0 ? mariadbCapabilities & greeting.mariadbCapabilities() : 0);
            caps |= Capabilities.SSL;
            channel.startTls(tls, host, port);
        } else if (tls.required()) {
            throw new IOException("the server does not offer TLS, and " + tls + " requires it");
        }
        String plugin = greeting.plugin();
        byte[] auth = scramble(plugin, password, greeting.nonce());

        ByteArrayOutputStream b = new ByteArrayOutputStream(128);
        int4(b, caps);
        int4(b, 16L * 1024 * 1024);
        b.write(charset);
        b.write(new byte[19], 0, 19);
        int4(b, (caps & Capabilities.LONG_PASSWORD) == 0 ? mariadbCapabilities & greeting.mariadbCapabilities() : 0);
        nul(b, user);
        if ((caps & Capabilities.PLUGIN_AUTH_LENENC_CLIENT_DATA) != 0) {
            lenenc(b, auth.length);
        } else {
            b.write(auth.length);
        }
        b.write(auth, 0, auth.length);
        if ((caps & Capabilities.CONNECT_WITH_DB) != 0) nul(b, database);
        nul(b, plugin);
        if ((caps & Capabilities.CONNECT_ATTRS) != 0) {
            ByteArrayOutputStream a = new ByteArrayOutputStream();
            for (Map.Entry<String, String> e : attributes.entrySet()) {
                lenencString(a, e.getKey());
                lenencString(a, e.getValue());
            }
            lenenc(b, a.size());
            a.writeTo(b);
        }
        sequence = send(channel, sequence, b.toByteArray());
        byte[] nonce = greeting.nonce();
        while (true) {
            channel.readFrame();
            sequence = (channel.sequenceId() + 1) & 0xFF;
            Payload p = payload(channel);
            int first = p.readInt1();
            if (first == 0x00) return greeting;
            if (first == 0xFF) throw serverError(p);
            if (first == AUTH_SWITCH) {
                plugin = p.readNulString();
                nonce = p.readRestBytes();
                if (nonce.length > 0 && nonce[nonce.length - 1] == 0) nonce = Arrays.copyOf(nonce, nonce.length - 1);
                sequence = send(channel, sequence, scramble(plugin, password, nonce));
            } else if (first == AUTH_MORE_DATA && plugin.equals("caching_sha2_password")) {
                int status = p.readInt1();
                if (status == SHA2_FAST_OK) continue; // the OK follows
                if (status != SHA2_FULL_AUTH) throw new MalformedPacketException("unexpected caching_sha2_password state " + status);
                if (channel.secure()) { // inside TLS the password goes as it is, NUL-terminated
                    sequence = send(channel, sequence, (password + "\0").getBytes(StandardCharsets.UTF_8));
                    continue;
                }
                sequence = send(channel, sequence, new byte[]{SHA2_REQUEST_KEY});
                channel.readFrame();
                sequence = (channel.sequenceId() + 1) & 0xFF;
                Payload key = payload(channel);
                int tag = key.readInt1();
                if (tag == 0xFF) throw serverError(key);
                sequence = send(channel, sequence, rsaEncryptedPassword(password, nonce, key.readRestString()));
            } else {
                throw new MalformedPacketException("unexpected login packet 0x" + Integer.toHexString(first));
            }
        }
    }

    /**
     * SSLRequest: the first 32 bytes of a HandshakeResponse41 (capabilities with CLIENT_SSL, max
     * packet, character set, filler, MariaDB's extended capabilities); TLS starts right after it.
     */
    private static int sslRequest(BackendChannel channel, int caps, int charset, int mariadbCaps) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream(32);
        int4(b, caps);
        int4(b, 16L * 1024 * 1024);
        b.write(charset);
        b.write(new byte[19], 0, 19);
        int4(b, mariadbCaps);
        return send(channel, 1, b.toByteArray());
    }

    private static int skip4(Payload p) {
        p.skip(4);
        return 0;
    }

    private static int send(BackendChannel channel, int sequence, byte[] payload) throws IOException {
        return channel.writePacket(sequence, payload, 0, payload.length);
    }

    private static Payload payload(BackendChannel channel) {
        Payload p = new Payload();
        p.reset(channel.frame(), BackendChannel.HEADER, channel.length());
        return p;
    }

    /** An ERR packet from the server (its first byte already read) as a client-facing error. */
    static SqlException serverError(Payload p) {
        int code = p.readInt2();
        String state = "HY000";
        if (p.hasRemaining() && p.peek() == '#') {
            p.readInt1();
            state = new String(p.readBytes(5), StandardCharsets.US_ASCII);
        }
        return new SqlException(code, state, p.readRestString());
    }

    static byte[] scramble(String plugin, String password, byte[] nonce) {
        if (password.isEmpty()) return new byte[0];
        byte[] pw = password.getBytes(StandardCharsets.UTF_8);
        return switch (plugin) {
            case "mysql_native_password" -> {
                // SHA1(pw) XOR SHA1(nonce + SHA1(SHA1(pw)))
                byte[] h1 = digest("SHA-1", pw);
                byte[] h2 = digest("SHA-1", h1);
                yield xor(h1, digest("SHA-1", concat(Arrays.copyOf(nonce, 20), h2)));
            }
            case "caching_sha2_password" -> {
                // SHA256(pw) XOR SHA256(SHA256(SHA256(pw)) + nonce)
                byte[] h1 = digest("SHA-256", pw);
                byte[] h2 = digest("SHA-256", h1);
                yield xor(h1, digest("SHA-256", concat(h2, Arrays.copyOf(nonce, 20))));
            }
            default -> throw RemoteErrors.cannotConnect("authentication plugin '" + plugin + "' is not supported");
        };
    }

    /** caching_sha2_password full authentication without TLS: (password + NUL) XOR nonce, RSA-OAEP encrypted. */
    private static byte[] rsaEncryptedPassword(String password, byte[] nonce, String pem) {
        byte[] pw = (password + "\0").getBytes(StandardCharsets.UTF_8);
        byte[] mixed = new byte[pw.length];
        for (int i = 0; i < pw.length; i++) mixed[i] = (byte) (pw[i] ^ nonce[i % 20]);
        try {
            String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
            Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPWithSHA-1AndMGF1Padding");
            cipher.init(Cipher.ENCRYPT_MODE, key);
            return cipher.doFinal(mixed);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw RemoteErrors.cannotConnect("cannot use the server's RSA public key: " + e.getMessage());
        }
    }

    private static byte[] digest(String algorithm, byte[] data) {
        try {
            return MessageDigest.getInstance(algorithm).digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    private static byte[] xor(byte[] a, byte[] b) {
        byte[] r = new byte[a.length];
        for (int i = 0; i < a.length; i++) r[i] = (byte) (a[i] ^ b[i % b.length]);
        return r;
    }

    private static void int4(ByteArrayOutputStream b, long v) {
        for (int i = 0; i < 4; i++) b.write((int) (v >>> (8 * i)));
    }

    private static void nul(ByteArrayOutputStream b, String s) {
        b.writeBytes(s.getBytes(StandardCharsets.UTF_8));
        b.write(0);
    }

    private static void lenenc(ByteArrayOutputStream b, long v) {
        if (v < 0xFB) {
            b.write((int) v);
        } else if (v <= 0xFFFF) {
            b.write(0xFC);
            b.write((int) v);
            b.write((int) (v >>> 8));
        } else {
            b.write(0xFD);
            b.write((int) v);
            b.write((int) (v >>> 8));
            b.write((int) (v >>> 16));
        }
    }

    private static void lenencString(ByteArrayOutputStream b, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        lenenc(b, bytes.length);
        b.writeBytes(bytes);
    }
}
