package dev.basalt.mysql.relay;

import dev.basalt.engine.api.SqlException;

/**
 * The relayed server went away: the client gets this error and then its connection is closed,
 * because the session state it built there (variables, prepared statements, a transaction) is
 * gone and must not silently start over. Clients reconnect as they would after a server restart.
 */
public final class RelayLostException extends SqlException {
    public RelayLostException(int errorCode, String sqlState, String message, Throwable cause) {
        super(errorCode, sqlState, message, cause);
    }
}
