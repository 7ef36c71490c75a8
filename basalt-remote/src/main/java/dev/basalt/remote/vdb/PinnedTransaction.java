package dev.basalt.remote.vdb;

import dev.basalt.engine.external.ExternalTransaction;

import java.sql.Connection;
import java.sql.SQLException;

/** A session's transaction on one remote connection, held from its first remote write to COMMIT/ROLLBACK. */
final class PinnedTransaction implements ExternalTransaction {
    private final VdbSpec spec;
    final Connection connection;
    /** The result cache of the database, or null; and what this transaction wrote, to invalidate when it ends. */
    private final CachedReads cached;
    private final java.util.Set<String> written = new java.util.HashSet<>();
    private boolean wroteAll;

    PinnedTransaction(VdbSpec spec, Connection connection, CachedReads cached) {
        this.spec = spec;
        this.connection = connection;
        this.cached = cached;
    }

    /** A statement of this transaction wrote these tables (or unknown ones, {@code all}). */
    void wrote(boolean all, java.util.Set<String> tables) {
        wroteAll |= all;
        written.addAll(tables);
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
        // the writes are now visible to everyone (or undone): results read before are not current
        if (cached != null && (wroteAll || !written.isEmpty())) cached.invalidate(wroteAll, written);
        try {
            connection.close(); // back to the pool, which resets autocommit
        } catch (SQLException ignored) {
            // a broken connection is evicted by the pool
        }
    }
}
