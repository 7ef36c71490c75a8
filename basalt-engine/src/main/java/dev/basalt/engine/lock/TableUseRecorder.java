package dev.basalt.engine.lock;

import dev.basalt.engine.catalog.Catalog;
import dev.basalt.engine.txn.Transaction;

import java.util.HashSet;
import java.util.Set;

/**
 * Takes a transaction's shared metadata lock on a table at its first use (a scan, a lookup or a
 * write through the table's store) and releases its locks when it ends. Repeated uses of the same
 * table cost a field compare; transactions working for no session (internal ones) take none.
 */
public final class TableUseRecorder {
    private TableUseRecorder() {}

    private static final Object KEY = new Object();

    /** What a transaction holds. */
    private static final class Used {
        final long connection;
        final Set<Integer> tables = new HashSet<>(4);
        final Set<Integer> written = new HashSet<>(2);
        int lastTable = -1;
        boolean lastWritten;

        Used(long connection) { this.connection = connection; }
    }

    /** Records the use of {@code table} by {@code txn}; {@code write} for row changes. */
    public static void use(Transaction txn, TransactionMetadataLocks locks, TransactionMetadataLocks.Table table, boolean write) {
        Object o = txn.local(KEY);
        if (o instanceof Used u && u.lastTable == table.tableId() && (u.lastWritten || !write)) return;
        use(txn, (Used) o, locks, table, write);
    }

    private static void use(Transaction txn, Used u, TransactionMetadataLocks locks, TransactionMetadataLocks.Table table, boolean write) {
        if (u == null) {
            long connection = Catalog.sessionOf(txn);
            if (connection == 0 || !txn.isActive()) return;
            Used fresh = new Used(connection);
            txn.setLocal(KEY, fresh);
            txn.onEnd(() -> locks.releaseShared(fresh.connection, fresh.tables));
            u = fresh;
        }
        int id = table.tableId();
        if (u.tables.add(id)) {
            locks.acquireShared(u.connection, table, write);
            if (write) u.written.add(id);
        } else if (write && u.written.add(id)) {
            locks.markWritten(u.connection, id);
        }
        u.lastTable = id;
        u.lastWritten = u.written.contains(id);
    }
}
