package dev.basalt.remote.passthrough;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * One logged-in connection to the fronted server, with the login settings that decide the format
 * of its responses (capabilities, character set) and the database it started in. Pooled by
 * {@link BackendPool} between clients.
 */
final class Backend implements AutoCloseable {
    private static final int COM_INIT_DB = 0x02, COM_RESET_CONNECTION = 0x1f;

    /**
     * What must match for a pooled connection to serve a new client: everything that shapes its
     * responses (capabilities, MariaDB's extended ones, character set) and the starting database.
     */
    record Key(int capabilities, int mariadbCapabilities, int charset, String database) {
        Key(int capabilities, int charset, String database) { this(capabilities, 0, charset, database); }
    }

    final Key key;
    final BackendChannel channel;
    final BackendLogin.Greeting greeting;
    final ResponseRelay relay;
    /** Multiplexing: the prepared statements on this connection, shared by the clients it serves. */
    final BackendStatements statements = new BackendStatements();

    private Backend(Key key, BackendChannel channel, BackendLogin.Greeting greeting, boolean deprecateEof) {
        this.key = key;
        this.channel = channel;
        this.greeting = greeting;
        this.relay = new ResponseRelay(channel, deprecateEof);
    }

    static Backend open(BackendEndpoint endpoint, Key key, Map<String, String> attributes) throws IOException {
        BackendChannel channel = endpoint.socket() != null
                ? BackendChannel.connectLocal(endpoint.socket(), endpoint.connectTimeoutMillis())
                : BackendChannel.connect(endpoint.host(), endpoint.port(), endpoint.connectTimeoutMillis());
        try {
            BackendLogin.Greeting greeting = BackendLogin.logIn(channel, endpoint.user(), endpoint.password(),
                    key.database(), key.capabilities(), key.mariadbCapabilities(), key.charset(), attributes,
                    endpoint.tls(), endpoint.host(), endpoint.port());
            channel.loggedIn();
            return new Backend(key, channel, greeting,
                    (key.capabilities() & dev.basalt.mysql.protocol.Capabilities.DEPRECATE_EOF) != 0);
        } catch (IOException | RuntimeException e) {
            channel.close();
            if (channel.timedOut()) {
                throw new java.net.SocketTimeoutException("no login within " + endpoint.connectTimeoutMillis() + " ms");
            }
            throw e;
        }
    }

    /** MySQL thread id of this connection on the fronted server. */
    long threadId() { return greeting.threadId(); }


    /** COM_RESET_CONNECTION: rolls back, drops temporary tables, prepared statements and variables. */
    boolean reset() {
        statements.clear(); // gone on success; unknown on failure, and then the connection is closed
        return simpleCommand(COM_RESET_CONNECTION, new byte[0]);
    }

    /**
     * Back in the database it was opened with, which COM_RESET_CONNECTION leaves as the last client
     * changed it. Without one there is no way back to "no database": true only if none is selected.
     */
    boolean restoreDatabase() {
        if (key.database() != null) return simpleCommand(COM_INIT_DB, key.database().getBytes(StandardCharsets.UTF_8));
        try {
            List<String[]> rows = BackendQuery.rows(this, "SELECT DATABASE()");
            return rows.size() == 1 && rows.get(0)[0] == null;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private boolean simpleCommand(int command, byte[] argument) {
        try {
            byte[] packet = new byte[1 + argument.length];
            packet[0] = (byte) command;
            System.arraycopy(argument, 0, packet, 1, argument.length);
            channel.writePacket(0, packet, 0, packet.length);
            channel.readFrame();
            return channel.first() == 0x00;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() { channel.close(); }
}
