package dev.basalt.remote.vdb;

import dev.basalt.engine.external.ExternalTransaction;

import java.sql.Connection;
import java.sql.SQLException;

/** A session's transaction on one remote connection, held from its first remote write to COMMIT/ROLLBACK. */
final class PinnedTransaction implements ExternalTransaction {
    private final VdbSpec spec;
    final Connection connection;

    PinnedTransaction(VdbSpec spec, Connection connection) {
        this.spec = spec;
        this.connection = connection;
    }

    @Override public void commit() {
        try {
            connection.commit();
        } catch (SQLException e) {
            throw RemoteErrors.query(spec, e);
        } finally {
            release();
        }
    }

    @Override public void rollback() {
        try {
            connection.rollback();
        } catch (SQLException | RuntimeException ignored) {
            // the connection may be gone: its transaction is then rolled back by the server
        } finally {
            release();
        }
    }

    private void release() {
        try {
            connection.close(); // back to the pool, which resets autocommit
        } catch (SQLException ignored) {
            // a broken connection is evicted by the pool
        }
    }
}
