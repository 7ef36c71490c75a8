package dev.basalt.engine.api;

/**
 * What a protocol knows about a new connection.
 *
 * @param connectionId the id shown by CONNECTION_ID() and in the handshake
 * @param user         authenticated user name
 * @param host         client host as seen by the server (e.g. "127.0.0.1" or "localhost")
 * @param database     initial default database, or null
 */
public record SessionOptions(long connectionId, String user, String host, String database, boolean foundRows) {

    /**
     * @param foundRows CLIENT_FOUND_ROWS: UPDATE reports rows matched, not rows changed
     */
    public SessionOptions(long connectionId, String user, String host, String database) {
        this(connectionId, user, host, database, false);
    }
}
