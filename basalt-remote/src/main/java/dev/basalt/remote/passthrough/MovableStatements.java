package dev.basalt.remote.passthrough;

import dev.basalt.engine.api.ErrorCode;
import dev.basalt.engine.api.SqlException;

import java.io.IOException;

/**
 * Multiplexing with prepared statements: a client's statements move with it from backend to
 * backend. The client sees ids Basalt assigns (one sequence per client session, as a server
 * would); each command naming one is sent with the id of the same text on the backend serving
 * it, prepared there first when it is not yet ({@link BackendStatements}). Executions always
 * carry the parameter types, since the backend's statement may last have been executed by
 * another client with other types.
 */
final class MovableStatements {
    private static final int COM_STMT_PREPARE = 0x16, COM_STMT_EXECUTE = 0x17, COM_STMT_CLOSE = 0x19;

    private long nextId;

    /** The id the client gets for the statement it is preparing now. */
    long nextClientId() { return ++nextId; }

    /**
     * {@code packet} (a command naming client statement {@code p}) as {@code b} must get it: its
     * statement id and, for an execution, the parameter types. Null when preparing the statement
     * on {@code b} failed: the server's ERR is then the current frame of {@code b}'s channel.
     */
    static byte[] onBackend(Backend b, SessionState.Prepared p, byte[] packet, int at, int length) throws IOException {
        long id = b.statements.get(p.statementKey);
        if (id < 0) {
            id = prepare(b, p);
            if (id < 0) return null;
        }
        byte[] out = null;
        if ((packet[at] & 0xFF) == COM_STMT_EXECUTE) {
            ExecuteParameters.rememberTypes(packet, at, length, p);
            out = ExecuteParameters.withTypes(packet, at, length, p);
        }
        if (out == null) out = java.util.Arrays.copyOfRange(packet, at, at + length);
        out[1] = (byte) id;
        out[2] = (byte) (id >>> 8);
        out[3] = (byte) (id >>> 16);
        out[4] = (byte) (id >>> 24);
        return out;
    }

    /** Records that the client's prepare just relayed on {@code b} created {@code backendId} there. */
    static void prepared(Backend b, SessionState.Prepared p, long backendId) throws IOException {
        close(b, b.statements.put(p.statementKey, backendId));
    }

    /** Prepares {@code p} on {@code b}, the response discarded; its id, or -1 after an ERR. */
    private static long prepare(Backend b, SessionState.Prepared p) throws IOException {
        byte[] command = new byte[1 + p.sql.length];
        command[0] = COM_STMT_PREPARE;
        System.arraycopy(p.sql, 0, command, 1, p.sql.length);
        b.channel.writePacket(0, command, 0, command.length);
        ResponseRelay r = b.relay.to(null, null, null);
        if (r.prepared() == ResponseRelay.FAILED) return -1;
        long id = r.statementId();
        prepared(b, p, id);
        return id;
    }

    /** Closes a statement pushed out of {@code b}'s cache (COM_STMT_CLOSE has no response). */
    private static void close(Backend b, long id) throws IOException {
        if (id < 0) return;
        byte[] command = {COM_STMT_CLOSE, (byte) id, (byte) (id >>> 8), (byte) (id >>> 16), (byte) (id >>> 24)};
        b.channel.writePacket(0, command, 0, command.length);
    }

    /** MySQL's answer to an id the client never got (or closed): 1243. */
    static SqlException unknown(long id, String command) {
        return new SqlException(ErrorCode.ER_UNKNOWN_STMT_HANDLER, String.valueOf(id), command);
    }
}
