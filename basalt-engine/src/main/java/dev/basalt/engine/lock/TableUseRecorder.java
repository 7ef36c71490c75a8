package dev.basalt.engine.lock;

import dev.basalt.engine.catalog.Catalog;
import dev.basalt.engine.txn.Transaction;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Takes a transaction's shared metadata lock on a table at its first use (a scan, a lookup or a
 * write through the table's store) and releases its locks when it ends. The transaction keeps the
 * list of what it holds; a repeated use of the table used last costs a field compare, another
 * table a short array scan. Transactions working for no session (internal ones) take none.
 */
public final class TableUseRecorder {
    private TableUseRecorder() {}

    /** The tables one transaction holds, released when it ends. */
    static final class Uses implements Runnable {
        final long connection;
        final TransactionMetadataLocks locks;
        private TransactionMetadataLocks.Table[] tables = new TransactionMetadataLocks.Table[1];
        private boolean[] written = new boolean[1];
        private int count;
        TransactionMetadataLocks.Table last;
        boolean lastWritten;

        Uses(long connection, TransactionMetadataLocks locks) {
            this.connection = connection;
            this.locks = locks;
        }

        void use(TransactionMetadataLocks.Table t, boolean write) {
            int i = indexOf(t);
            if (i < 0) {
                if (count == tables.length) {
                    tables = Arrays.copyOf(tables, count * 2);
                    written = Arrays.copyOf(written, count * 2);
                }
                locks.enter(t);
                i = count;
                tables[count++] = t;
            }
            if (write) written[i] = true;
            last = t;
            lastWritten = written[i];
        }

        private int indexOf(TransactionMetadataLocks.Table t) {
            for (int i = 0; i < count; i++) if (tables[i] == t) return i;
            return -1;
        }

        boolean holds(TransactionMetadataLocks.Table t) { return indexOf(t) >= 0; }

        /** What it holds, as performance_schema.metadata_locks shows it (read from another thread: a moment's view). */
        List<TransactionMetadataLocks.Lock> locks() {
            List<TransactionMetadataLocks.Lock> out = new ArrayList<>(count);
            TransactionMetadataLocks.Table[] ts = tables;
            boolean[] ws = written;
            int n = Math.min(count, Math.min(ts.length, ws.length));
            for (int i = 0; i < n; i++) {
                TransactionMetadataLocks.Table t = ts[i];
                if (t != null) out.add(new TransactionMetadataLocks.Lock(connection, t.database, t.name,
                        ws[i] ? "SHARED_WRITE" : "SHARED_READ", true));
            }
            return out;
        }

        /** The transaction ended. */
        @Override public void run() {
            for (int i = 0; i < count; i++) locks.exit(tables[i]);
            count = 0;
            last = null;
        }
    }

    /** Records the use of {@code table} by {@code txn}; {@code write} for row changes. */
    public static void use(Transaction txn, TransactionMetadataLocks locks, TransactionMetadataLocks.Table table, boolean write) {
        Runnable o = txn.tableUses();
        if (o instanceof Uses u && u.last == table && (u.lastWritten || !write)) return;
        Uses u = (Uses) o;
        if (u == null) {
            long connection = Catalog.sessionOf(txn);
            if (connection == 0 || !txn.isActive()) return;
            u = new Uses(connection, locks);
            txn.setTableUses(u); // released when the transaction ends
        }
        u.use(table, write);
    }

    /** The metadata locks {@code txn} holds, or null. */
    static Uses of(Transaction txn) {
        return txn != null && txn.tableUses() instanceof Uses u ? u : null;
    }
}
