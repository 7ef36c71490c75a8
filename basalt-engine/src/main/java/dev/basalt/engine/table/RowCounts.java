package dev.basalt.engine.table;

import dev.basalt.engine.txn.Transaction;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Approximate row counts for the planner: counted once per table (key-only pass), then kept up
 * to date by the net inserts/deletes of committed transactions. Races between the first count and
 * concurrent commits may leave it off by a few rows, which an estimate tolerates.
 */
final class RowCounts {
    private final ConcurrentHashMap<Integer, AtomicLong> counts = new ConcurrentHashMap<>();

    /** The transaction's pending deltas, applied when it commits. */
    private static final class Deltas {
        final Map<Integer, long[]> byTable = new HashMap<>();
    }

    void add(Transaction txn, int tableId, long delta) {
        Deltas d = (Deltas) txn.local(Deltas.class);
        if (d == null) {
            d = new Deltas();
            txn.setLocal(Deltas.class, d);
            Deltas deltas = d;
            txn.onCommit(() -> deltas.byTable.forEach((id, n) -> {
                AtomicLong c = counts.get(id);
                if (c != null) c.addAndGet(n[0]);
            }));
        }
        d.byTable.computeIfAbsent(tableId, k -> new long[1])[0] += delta;
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
