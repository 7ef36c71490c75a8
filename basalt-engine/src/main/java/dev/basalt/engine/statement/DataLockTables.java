package dev.basalt.engine.statement;

import dev.basalt.engine.BasaltEngine;
import dev.basalt.engine.catalog.CatalogSnapshot;
import dev.basalt.engine.catalog.DatabaseDef;
import dev.basalt.engine.catalog.IndexDef;
import dev.basalt.engine.catalog.TableDef;
import dev.basalt.engine.session.BasaltSession;
import dev.basalt.engine.storage.codec.Keyspace;
import dev.basalt.engine.txn.Transaction;
import dev.basalt.engine.txn.TransactionManager;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * performance_schema.data_locks and data_lock_waits from the row-lock table
 * ({@link TransactionManager#locks()}): one row per record lock held or waited for, named by the
 * schema, table and index its KV key belongs to. THREAD_ID is the holder's connection id (MySQL
 * shows its performance-schema thread id); LOCK_DATA is not decoded from the key (NULL). LOCK_MODE
 * is X,REC_NOT_GAP / S,REC_NOT_GAP for a row, X,GAP / S,GAP for a gap (range) lock, one row per
 * locked key range (which also covers the rows in it, locked on their own rows), and
 * X,INSERT_INTENTION for a write waiting for someone's gap.
 */
final class DataLockTables {
    private DataLockTables() {}

    static final String[] DATA_LOCKS = {"ENGINE", "ENGINE_LOCK_ID", "ENGINE_TRANSACTION_ID", "THREAD_ID", "EVENT_ID",
            "OBJECT_SCHEMA", "OBJECT_NAME", "PARTITION_NAME", "SUBPARTITION_NAME", "INDEX_NAME",
            "OBJECT_INSTANCE_BEGIN", "LOCK_TYPE", "LOCK_MODE", "LOCK_STATUS", "LOCK_DATA"};

    static final String[] DATA_LOCK_WAITS = {"ENGINE", "REQUESTING_ENGINE_LOCK_ID", "REQUESTING_ENGINE_TRANSACTION_ID",
            "REQUESTING_THREAD_ID", "REQUESTING_EVENT_ID", "REQUESTING_OBJECT_INSTANCE_BEGIN", "BLOCKING_ENGINE_LOCK_ID",
            "BLOCKING_ENGINE_TRANSACTION_ID", "BLOCKING_THREAD_ID", "BLOCKING_EVENT_ID", "BLOCKING_OBJECT_INSTANCE_BEGIN"};

    static List<Object[]> dataLocks(BasaltEngine engine, CatalogSnapshot catalog) {
        Map<Long, Long> threads = threads(engine);
        Objects objects = new Objects(catalog);
        List<Object[]> rows = new ArrayList<>();
        for (TransactionManager.LockInfo l : engine.transactions().locks()) {
            String[] where = objects.of(l.key());
            if (where == null) continue; // not a row or index entry (catalog metadata)
            rows.add(new Object[]{"INNODB", lockId(l.transactionId(), l.key(), l.gapEnd()), l.transactionId(),
                    threads.get(l.transactionId()), null, where[0], where[1], null, null, where[2], null, "RECORD",
                    l.mode(), l.granted() ? "GRANTED" : "WAITING", null});
        }
        return rows;
    }

    static List<Object[]> dataLockWaits(BasaltEngine engine) {
        Map<Long, Long> threads = threads(engine);
        List<Object[]> rows = new ArrayList<>();
        for (TransactionManager.LockWaitInfo w : engine.transactions().lockWaits()) {
            long b = w.blockingTransactionId();
            rows.add(new Object[]{"INNODB", lockId(w.transactionId(), w.key(), null), w.transactionId(),
                    threads.get(w.transactionId()), null, null, lockId(b, w.blockingKey(), w.blockingGapEnd()), b,
                    threads.get(b), null, null});
        }
        return rows;
    }

    /**
     * InnoDB's ENGINE_LOCK_ID is "trx:space:page:heap"; ours is "trx:key in hex", unique per lock,
     * and for a gap lock "trx:start-end" (gapEnd null: a record lock).
     */
    private static String lockId(long txn, byte[] key, byte[] gapEnd) {
        String id = txn + ":" + HexFormat.of().formatHex(key);
        return gapEnd == null ? id : id + "-" + HexFormat.of().formatHex(gapEnd);
    }

    /** Transaction id -> connection id of the session running it. */
    private static Map<Long, Long> threads(BasaltEngine engine) {
        Map<Long, Long> out = new HashMap<>();
        for (BasaltSession s : engine.sessions()) {
            Transaction t = s.transaction().current();
            if (t != null) out.put(t.id(), s.connectionId());
        }
        return out;
    }

    /** Which schema, table and index a KV key belongs to (row keys: PRIMARY). */
    private static final class Objects {
        private final Map<Integer, TableDef> tables = new HashMap<>();
        private final Map<Integer, Object[]> indexes = new HashMap<>();

        Objects(CatalogSnapshot catalog) {
            for (DatabaseDef d : catalog.databases()) {
                if (d.isExternal()) continue;
                for (TableDef t : catalog.tables(d.name())) {
                    tables.put(t.tableId(), t);
                    for (IndexDef ix : t.indexes()) if (!ix.primary()) indexes.put(ix.indexId(), new Object[]{t, ix});
                }
            }
        }

        String[] of(byte[] key) {
            if (key.length < 5) return null;
            int id = ((key[1] & 0xff) << 24) | ((key[2] & 0xff) << 16) | ((key[3] & 0xff) << 8) | (key[4] & 0xff);
            if (key[0] == Keyspace.ROWS) {
                TableDef t = tables.get(id);
                if (t == null) return null;
                boolean hasPrimary = t.indexes().stream().anyMatch(IndexDef::primary);
                return new String[]{t.database(), t.name(), hasPrimary ? "PRIMARY" : "GEN_CLUST_INDEX"};
            }
            if (key[0] == Keyspace.INDEXES) {
                Object[] ti = indexes.get(id);
                if (ti == null) return null;
                TableDef t = (TableDef) ti[0];
                return new String[]{t.database(), t.name(), ((IndexDef) ti[1]).name()};
            }
            return null;
        }
    }
}
