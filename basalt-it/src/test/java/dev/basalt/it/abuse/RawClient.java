package dev.basalt.it.abuse;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A deliberately small MySQL protocol client that can send anything, well formed or not: what a
 * hostile or broken client does on the wire. Logs in only as root with an empty password.
 */
public final class RawClient implements AutoCloseable {
    static final int PROTOCOL_41 = 1 << 9, SECURE_CONNECTION = 1 << 15, PLUGIN_AUTH = 1 << 19,
            PLUGIN_AUTH_LENENC = 1 << 21, DEPRECATE_EOF = 1 << 24, TRANSACTIONS = 1 << 13;

    final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private int sequence;
    /** The connection id the server's greeting gave (after {@link #loginRoot}). */
    private long connectionId;

    public long connectionId() { return connectionId; }

    RawClient(int port) throws IOException {
        this(port, 0);
    }

    /** With the socket's receive buffer at {@code receiveBuffer} bytes (0: the system's), set before connecting. */
    public RawClient(int port, int receiveBuffer) throws IOException {
        socket = new Socket();
        if (receiveBuffer > 0) socket.setReceiveBufferSize(receiveBuffer);
        socket.connect(new java.net.InetSocketAddress("127.0.0.1", port));
        socket.setSoTimeout(15_000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** Reads one packet's payload; null when the server closed the connection. */
    public byte[] read() throws IOException {
        byte[] header = new byte[4];
        try {
            in.readFully(header);
        } catch (EOFException e) {
            return null;
        } catch (java.net.SocketException e) {
            return null; // reset by the server: closed as well
        }
        int length = (header[0] & 0xFF) | (header[1] & 0xFF) << 8 | (header[2] & 0xFF) << 16;
        sequence = (header[3] & 0xFF) + 1;
        byte[] payload = new byte[length];
        in.readFully(payload);
        return payload;
    }

    /** Sends a packet with the next sequence id. */
    void write(byte[] payload) throws IOException {
        writeRaw(payload.length, payload);
    }

    /** Sends a header declaring {@code declared} bytes followed by {@code payload} (maybe fewer). */
    void writeRaw(int declared, byte[] payload) throws IOException {
        byte[] header = {(byte) declared, (byte) (declared >> 8), (byte) (declared >> 16), (byte) sequence++};
        out.write(header);
        out.write(payload);
        out.flush();
    }

    /** A command packet: it starts a new sequence. */
    public void command(int command, byte[] body) throws IOException {
        sequence = 0;
        byte[] payload = new byte[body.length + 1];
        payload[0] = (byte) command;
        System.arraycopy(body, 0, payload, 1, body.length);
        write(payload);
    }

    /** A handshake response with the given capabilities, user and raw auth bytes (already length-prefixed as needed). */
    static byte[] handshakeResponse(int capabilities, String user, byte[] authField, String plugin) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int4(b, capabilities);
        int4(b, 1 << 24);
        b.write(45); // utf8mb4
        b.writeBytes(new byte[23]);
        b.writeBytes(user.getBytes(StandardCharsets.UTF_8));
        b.write(0);
        b.writeBytes(authField);
        if (plugin != null) {
            b.writeBytes(plugin.getBytes(StandardCharsets.UTF_8));
            b.write(0);
        }
        return b.toByteArray();
    }

    /** Logs in as root without a password; returns the final OK or ERR payload. */
    public byte[] loginRoot() throws IOException {
        byte[] greeting = read();
        // protocol version, NUL-terminated server version, then the connection id
        int at = 1;
        while (greeting[at] != 0) at++;
        connectionId = (greeting[at + 1] & 0xFFL) | (greeting[at + 2] & 0xFFL) << 8 | (greeting[at + 3] & 0xFFL) << 16
                | (greeting[at + 4] & 0xFFL) << 24;
        int caps = PROTOCOL_41 | SECURE_CONNECTION | PLUGIN_AUTH | DEPRECATE_EOF | TRANSACTIONS;
        write(handshakeResponse(caps, "root", new byte[]{0}, "mysql_native_password"));
        byte[] reply = read();
        while (reply != null && reply.length > 0 && (reply[0] & 0xFF) == 0xFE) { // auth switch: empty answer
            write(new byte[0]);
            reply = read();
        }
        while (reply != null && reply.length > 0 && (reply[0] & 0xFF) == 0x01) reply = read(); // more data
        return reply;
    }

    /** True when the server hung up within the socket timeout (reading only end of stream or ERR packets). */
    public boolean closedByServer() throws IOException {
        try {
            while (true) {
                byte[] p = read();
                if (p == null) return true;
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (EOFException | java.net.SocketException e) {
            return true; // closed in the middle of a packet (a result cut short)
        }
    }

    public static int errorCode(byte[] payload) {
        if (payload == null || payload.length < 3 || (payload[0] & 0xFF) != 0xFF) return -1;
        return (payload[1] & 0xFF) | (payload[2] & 0xFF) << 8;
    }

    static String errorText(byte[] payload) {
        return payload == null ? "closed" : new String(payload, StandardCharsets.UTF_8);
    }

    static void int4(ByteArrayOutputStream b, long v) {
        for (int i = 0; i < 4; i++) b.write((int) (v >> (8 * i)));
    }

    static void int2(ByteArrayOutputStream b, int v) {
        b.write(v);
        b.write(v >> 8);
    }

    @Override
    public void close() throws IOException { socket.close(); }
}
