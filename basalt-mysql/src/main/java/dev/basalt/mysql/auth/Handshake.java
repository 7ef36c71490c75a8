package dev.basalt.mysql.auth;

import dev.basalt.mysql.protocol.Capabilities;
import dev.basalt.mysql.protocol.MalformedPacketException;
import dev.basalt.mysql.protocol.PacketWriter;
import dev.basalt.mysql.protocol.Payload;

import java.util.LinkedHashMap;
import java.util.Map;

/** The initial handshake (protocol v10) the server sends, and the client's HandshakeResponse41. */
public final class Handshake {
    private Handshake() {}

    /** utf8mb4_0900_ai_ci, MySQL 8's default collation. */
    public static final int CHARSET_UTF8MB4 = 255;

    /**
     * What the client answered. {@code database} and {@code authPlugin} are null when absent.
     * {@code mariadbCapabilities} are MariaDB's extended capability flags (bits 32-63 of its
     * 64-bit set), sent only to a server that does not claim to be MySQL (no CLIENT_MYSQL bit).
     */
    public record Response(int capabilities, long maxPacket, int charset, String user, byte[] authResponse,
                           String database, String authPlugin, Map<String, String> attributes,
                           int mariadbCapabilities) {
        public Response(int capabilities, long maxPacket, int charset, String user, byte[] authResponse,
                        String database, String authPlugin, Map<String, String> attributes) {
            this(capabilities, maxPacket, charset, user, authResponse, database, authPlugin, attributes, 0);
        }

        public boolean has(int flag) { return (capabilities & flag) != 0; }

        /** The same response as if the client had named no plugin, which makes the server ask for an auth switch. */
        public Response withoutPlugin() {
            return new Response(capabilities, maxPacket, charset, user, authResponse, database, null, attributes,
                    mariadbCapabilities);
        }
    }

    /** Builds the greeting payload in {@code w} (the caller sends it). */
    public static void writeInitial(PacketWriter w, String serverVersion, long connectionId, byte[] nonce,
                                    int capabilities, int statusFlags, String authPlugin) {
        writeInitial(w, serverVersion, connectionId, nonce, capabilities, 0, statusFlags, authPlugin);
    }

    /**
     * The greeting with MariaDB's extended capabilities in the last four reserved bytes (read by
     * MariaDB clients when {@code capabilities} lacks CLIENT_MYSQL, i.e. LONG_PASSWORD).
     */
    public static void writeInitial(PacketWriter w, String serverVersion, long connectionId, byte[] nonce,
                                    int capabilities, int mariadbCapabilities, int statusFlags, String authPlugin) {
        w.begin()
                .int1(10)
                .nulString(serverVersion)
                .int4(connectionId)
                .bytes(nonce, 0, 8)
                .int1(0)
                .int2(capabilities & 0xFFFF)
                .int1(CHARSET_UTF8MB4)
                .int2(statusFlags)
                .int2(capabilities >>> 16)
                .int1(nonce.length + 1);
        for (int i = 0; i < 6; i++) w.int1(0);
        w.int4((capabilities & Capabilities.LONG_PASSWORD) == 0 ? mariadbCapabilities & 0xFFFFFFFFL : 0);
        w.bytes(nonce, 8, nonce.length - 8).int1(0).nulString(authPlugin);
    }

    /**
     * Parses HandshakeResponse41. Every field is bounds-checked; anything malformed raises
     * {@link MalformedPacketException}, which the caller answers with 1043.
     */
    public static Response parse(Payload p) {
        int caps = (int) p.readInt4();
        if ((caps & Capabilities.PROTOCOL_41) == 0) {
            throw new MalformedPacketException("client does not speak protocol 4.1");
        }
        long maxPacket = p.readInt4();
        int charset = p.readInt1();
        p.skip(19);
        int mariadb = (int) p.readInt4(); // zeros from MySQL clients
        if ((caps & Capabilities.LONG_PASSWORD) != 0) mariadb = 0;
        String user = p.readNulString();
        byte[] auth;
        if ((caps & Capabilities.PLUGIN_AUTH_LENENC_CLIENT_DATA) != 0) {
            auth = p.readLenencBytes();
        } else if ((caps & Capabilities.SECURE_CONNECTION) != 0) {
            auth = p.readBytes(p.readInt1());
        } else {
            auth = p.readNulBytes();
        }
        String database = null;
        if ((caps & Capabilities.CONNECT_WITH_DB) != 0 && p.hasRemaining()) {
            database = p.readNulString();
            if (database.isEmpty()) database = null;
        }
        String plugin = null;
        if ((caps & Capabilities.PLUGIN_AUTH) != 0 && p.hasRemaining()) {
            plugin = p.readNulString();
        }
        Map<String, String> attributes = Map.of();
        if ((caps & Capabilities.CONNECT_ATTRS) != 0 && p.hasRemaining()) {
            attributes = parseAttributes(p);
        }
        return new Response(caps, maxPacket, charset, user, auth, database, plugin, attributes, mariadb);
    }

    /**
     * Parses the body of COM_CHANGE_USER (after the command byte), which repeats the login fields
     * in its own order; the capabilities are the ones negotiated at connect time.
     */
    public static Response parseChangeUser(Payload p, int capabilities) {
        String user = p.readNulString();
        byte[] auth = (capabilities & Capabilities.SECURE_CONNECTION) != 0 ? p.readBytes(p.readInt1()) : p.readNulBytes();
        String database = p.hasRemaining() ? p.readNulString() : "";
        int charset = p.remaining() >= 2 ? p.readInt2() : CHARSET_UTF8MB4;
        String plugin = null;
        if ((capabilities & Capabilities.PLUGIN_AUTH) != 0 && p.hasRemaining()) plugin = p.readNulString();
        Map<String, String> attributes = Map.of();
        if ((capabilities & Capabilities.CONNECT_ATTRS) != 0 && p.hasRemaining()) attributes = parseAttributes(p);
        return new Response(capabilities, 0, charset, user, auth, database.isEmpty() ? null : database, plugin, attributes);
    }

    private static Map<String, String> parseAttributes(Payload p) {
        long length = p.readLenenc();
        if (length < 0 || length > p.remaining()) {
            throw new MalformedPacketException("connection attributes exceed packet");
        }
        int end = p.remaining() - (int) length;
        Map<String, String> attributes = new LinkedHashMap<>();
        while (p.remaining() > end) {
            String key = p.readLenencString();
            String value = p.readLenencString();
            if (p.remaining() < end) {
                throw new MalformedPacketException("connection attribute crosses its block");
            }
            attributes.put(key, value);
        }
        return attributes;
    }
}
