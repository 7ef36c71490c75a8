package dev.basalt.remote.passthrough;

import dev.basalt.engine.api.SqlException;
import dev.basalt.mysql.protocol.PacketWriter;
import dev.basalt.mysql.protocol.Payload;
import dev.basalt.mysql.relay.CommandRelay;
import dev.basalt.mysql.relay.RelayLostException;

import java.io.IOException;

/**
 * One client's commands, forwarded to its own backend connection (pinned for the whole client
 * session, so every piece of session state — database, variables, transaction, prepared
 * statements, temporary tables, LAST_INSERT_ID — lives on the fronted server exactly as with a
 * direct connection). Responses are relayed without being decoded.
 */
final class PassthroughRelay implements CommandRelay {
    private static final int COM_INIT_DB = 0x02, COM_QUERY = 0x03, COM_FIELD_LIST = 0x04, COM_STATISTICS = 0x09,
            COM_PROCESS_INFO = 0x0a, COM_PROCESS_KILL = 0x0c, COM_DEBUG = 0x0d, COM_PING = 0x0e,
            COM_STMT_PREPARE = 0x16, COM_STMT_EXECUTE = 0x17, COM_STMT_SEND_LONG_DATA = 0x18, COM_STMT_CLOSE = 0x19,
            COM_STMT_RESET = 0x1a, COM_SET_OPTION = 0x1b, COM_STMT_FETCH = 0x1c, COM_RESET_CONNECTION = 0x1f;
    private static final int ER_UNKNOWN_COM = 1047;

    private final Passthrough owner;
    private final Backend.Key key;
    private Backend backend;

    PassthroughRelay(Passthrough owner, Backend backend) {
        this.owner = owner;
        this.key = backend.key;
        this.backend = backend;
    }

    @Override
    public void handle(Payload command, PacketWriter client) throws IOException {
        int code = command.peek();
        if (!forwarded(code)) throw new SqlException(ER_UNKNOWN_COM, "08S01", "Unknown command");
        if (code == COM_STMT_EXECUTE && command.remaining() > 5) {
            // No server-side cursors: the whole result comes at once (as Basalt itself answers),
            // so COM_STMT_FETCH never has to be relayed into the middle of a cursor.
            command.array()[command.position() + 5] = 0;
        }
        Backend b = backend;
        try {
            b.channel.writePacket(0, command.array(), command.position(), command.remaining());
            ResponseRelay response = b.relay.to(client, null);
            switch (code) {
                case COM_QUERY, COM_STMT_EXECUTE, COM_PROCESS_INFO -> response.results();
                case COM_STMT_FETCH -> response.rows();
                case COM_STMT_PREPARE -> response.prepared();
                case COM_FIELD_LIST -> response.fieldList();
                case COM_STMT_CLOSE, COM_STMT_SEND_LONG_DATA -> { } // no response, by protocol
                default -> response.single();
            }
        } catch (BackendFailure e) {
            backend = null;
            b.close();
            throw new RelayLostException(RemoteErrors.ER_QUERY_ON_FOREIGN_DATA_SOURCE, "HY000",
                    RemoteErrors.queryFailed("lost connection to " + owner.endpoint().address() + ": " + e.getMessage())
                            .getMessage(), e);
        } catch (IOException | RuntimeException e) {
            // The client failed (or the response was malformed) mid-response: the backend's
            // stream is out of step, so it can serve no one else.
            backend = null;
            b.close();
            throw e;
        }
    }

    private static boolean forwarded(int code) {
        return switch (code) {
            case COM_INIT_DB, COM_QUERY, COM_FIELD_LIST, COM_STATISTICS, COM_PROCESS_INFO, COM_PROCESS_KILL, COM_DEBUG,
                 COM_PING, COM_STMT_PREPARE, COM_STMT_EXECUTE, COM_STMT_SEND_LONG_DATA, COM_STMT_CLOSE, COM_STMT_RESET,
                 COM_SET_OPTION, COM_STMT_FETCH, COM_RESET_CONNECTION -> true;
            default -> false; // replication, shutdown and the like are not a client's to send through us
        };
    }

    @Override
    public void reset(String database) {
        Backend old = backend;
        backend = null;
        if (old != null) owner.release(old);
        backend = owner.acquire(new Backend.Key(key.capabilities(), key.charset(), owner.databaseFor(database)), java.util.Map.of());
    }

    @Override
    public void close() {
        Backend b = backend;
        backend = null;
        if (b != null) owner.release(b);
    }
}
