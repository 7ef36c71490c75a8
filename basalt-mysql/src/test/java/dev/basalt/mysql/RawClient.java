package dev.basalt.mysql;

import dev.basalt.mysql.protocol.Capabilities;
import dev.basalt.mysql.protocol.PacketReader;
import dev.basalt.mysql.protocol.PacketWriter;
import dev.basalt.mysql.protocol.Payload;
import dev.basalt.mysql.protocol.Sequence;
import dev.basalt.engine.api.UserAccount;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A minimal hand-driven MySQL client for poking at packets the JDBC drivers never send. */
final class RawClient implements AutoCloseable {
    final Socket socket;
    final Sequence sequence = new Sequence();
    final PacketReader in;
    final PacketWriter out;
    byte[] nonce;
    long connectionId;

    RawClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(20_000);
        in = new PacketReader(new BufferedInputStream(socket.getInputStream()), sequence, 1L << 30);
        out = new PacketWriter(new BufferedOutputStream(socket.getOutputStream()), sequence);
    }

    /** Reads the greeting and logs in with mysql_native_password (expects the server to default to it). */
    RawClient login(String user, String password, String database, int extraCaps) throws IOException {
        Payload greeting = readGreeting();
        int caps = Capabilities.PROTOCOL_41 | Capabilities.SECURE_CONNECTION | Capabilities.PLUGIN_AUTH
                | Capabilities.PLUGIN_AUTH_LENENC_CLIENT_DATA | Capabilities.LONG_PASSWORD | extraCaps
                | (database != null ? Capabilities.CONNECT_WITH_DB : 0);
        out.begin().int4(caps).int4(1 << 24).int1(255);
        for (int i = 0; i < 23; i++) out.int1(0);
        out.nulString(user).lenencBytes(nativeScramble(password, nonce));
        if (database != null) out.nulString(database);
        out.nulString("mysql_native_password");
        out.send();
        out.flush();
        return this;
    }

    Payload readGreeting() throws IOException {
        Payload p = in.read();
        if (p.readInt1() != 10) throw new IOException("not a v10 greeting");
        p.readNulString();
        connectionId = p.readInt4();
        byte[] part1 = p.readBytes(8);
        p.skip(1 + 2 + 1 + 2 + 2 + 1 + 10);
        byte[] part2 = p.readBytes(12);
        nonce = new byte[20];
        System.arraycopy(part1, 0, nonce, 0, 8);
        System.arraycopy(part2, 0, nonce, 8, 12);
        return p;
    }

    Payload read() throws IOException { return in.read(); }

    /** Sends a command packet (sequence restarts at 0). */
    void command(int command, byte[] body) throws IOException {
        sequence.reset();
        out.begin().int1(command).bytes(body).send();
        out.flush();
    }

    void query(String sql) throws IOException { command(0x03, sql.getBytes(StandardCharsets.UTF_8)); }

    static byte[] nativeScramble(String password, byte[] nonce) {
        if (password.isEmpty()) return new byte[0];
        byte[] stage1 = UserAccount.digest("SHA-1", password.getBytes(StandardCharsets.UTF_8));
        byte[] stage2 = UserAccount.digest("SHA-1", stage1);
        byte[] mask = UserAccount.digest("SHA-1", nonce, stage2);
        byte[] out = new byte[20];
        for (int i = 0; i < 20; i++) out[i] = (byte) (stage1[i] ^ mask[i]);
        return out;
    }

    static byte[] sha2Scramble(String password, byte[] nonce) {
        byte[] stage1 = UserAccount.digest("SHA-256", password.getBytes(StandardCharsets.UTF_8));
        byte[] stage2 = UserAccount.digest("SHA-256", stage1);
        byte[] mask = UserAccount.digest("SHA-256", stage2, nonce);
        byte[] out = new byte[32];
        for (int i = 0; i < 32; i++) out[i] = (byte) (stage1[i] ^ mask[i]);
        return out;
    }

    /** Error number of an ERR payload, or -1 if it is not one. */
    static int errorCode(Payload p) {
        if (p.peek() != 0xFF) return -1;
        p.readInt1();
        return p.readInt2();
    }

    @Override
    public void close() throws IOException { socket.close(); }
}
