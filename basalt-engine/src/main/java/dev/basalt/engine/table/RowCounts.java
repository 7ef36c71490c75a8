package dev.basalt.engine.table;

import dev.basalt.engine.txn.Transaction;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Approximate row counts for the planner: counted once per table (key-only pass), then kept up
 * to date by the net inserts/deletes of committed transactions. Races between the first count and
 * concurrent commits may leave it off by a few rows, which an estimate tolerates. Also hands each
 * committed transaction's rows changed per table (inserted, updated, deleted: InnoDB's
 * stat_modified_counter) to a listener, for automatic statistics.
 */
final class RowCounts {
    private final ConcurrentHashMap<Integer, AtomicLong> counts = new ConcurrentHashMap<>();

    /** Told (table id, rows changed) after each commit that changed rows; null when nobody listens. */
    private volatile Tables.ChangeListener changes;

    void listen(Tables.ChangeListener listener) { this.changes = listener; }

    /** The transaction's pending deltas, applied when it commits. */
    private static final class Deltas {
        final Map<Integer, long[]> byTable = new HashMap<>();
    }

    /** An inserted (+1) or deleted (-1) row. */
    void add(Transaction txn, int tableId, long delta) {
        long[] n = deltas(txn, tableId);
        n[0] += delta;
        n[1] += Math.abs(delta);
    }

    /** An updated row: no change in the count, one more changed row. */
    void changed(Transaction txn, int tableId) {
        deltas(txn, tableId)[1]++;
    }

    /** The transaction's {net rows, rows changed} for the table, registering the commit action once. */
    private long[] deltas(Transaction txn, int tableId) {
        Deltas d = (Deltas) txn.local(Deltas.class);
        if (d == null) {
            d = new Deltas();
            txn.setLocal(Deltas.class, d);
            Deltas deltas = d;
            txn.onCommit(() -> deltas.byTable.forEach((id, n) -> {
                AtomicLong c = counts.get(id);
                if (c != null) c.addAndGet(n[0]);
                Tables.ChangeListener l = changes;
                if (l != null && n[1] > 0) l.committed(id, n[1]);
            }));
        }
        return d.byTable.computeIfAbsent(tableId, k -> new long[2]);
    }

    long estimate(Transaction txn, TableStore store) {
        int id = store.def().tableId();
        AtomicLong c = counts.get(id);
        if (c == null) {
            Deltas d = (Deltas) txn.local(Deltas.class);
            long[] own = d == null ? null : d.byTable.get(id);
            // the count sees this transaction's own writes, which its commit will add again
            c = counts.computeIfAbsent(id, k -> new AtomicLong(store.count(txn) - (own == null ? 0 : own[0])));
        }
        return Math.max(0, c.get());
    }

    void forget(int tableId) { counts.remove(tableId); }
}
