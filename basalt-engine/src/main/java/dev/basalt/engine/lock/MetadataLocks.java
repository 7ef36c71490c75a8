package dev.basalt.engine.lock;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * performance_schema.metadata_locks from {@link TableLocks}: LOCK TABLES' table locks (READ:
 * SHARED_READ_ONLY, WRITE: SHARED_NO_READ_WRITE), the global read lock (GLOBAL, SHARED) and the
 * statements waiting for them (PENDING). Statements of sessions without table locks take no
 * metadata locks in Basalt, so they are listed only while they wait. OWNER_THREAD_ID is the
 * connection id (MySQL shows its performance-schema thread id).
 */
public final class MetadataLocks {
    private MetadataLocks() {}

    public static final String[] COLUMNS = {"OBJECT_TYPE", "OBJECT_SCHEMA", "OBJECT_NAME", "COLUMN_NAME",
            "OBJECT_INSTANCE_BEGIN", "LOCK_TYPE", "LOCK_DURATION", "LOCK_STATUS", "SOURCE", "OWNER_THREAD_ID",
            "OWNER_EVENT_ID"};

    /** Also the metadata locks of transactions on the tables they use and DDL's exclusive ones. */
    public static List<Object[]> rows(TableLocks locks, TransactionMetadataLocks transactions,
                                      Iterable<dev.basalt.engine.session.BasaltSession> sessions) {
        List<Object[]> out = rows(locks);
        List<TransactionMetadataLocks.Lock> all = new ArrayList<>();
        for (var s : sessions) {
            TableUseRecorder.Uses u = TableUseRecorder.of(s.currentTransaction());
            if (u != null) all.addAll(u.locks());
        }
        all.addAll(transactions.exclusiveLocks());
        for (TransactionMetadataLocks.Lock l : all) {
            out.add(row("TABLE", l.database(), l.table(), l.lockType(), "TRANSACTION", l.granted() ? "GRANTED" : "PENDING",
                    l.connectionId()));
        }
        return out;
    }

    public static List<Object[]> rows(TableLocks locks) {
        List<Object[]> out = new ArrayList<>();
        for (Map.Entry<Long, List<TableLocks.Locked>> e : locks.grantedSnapshot().entrySet()) {
            for (TableLocks.Locked l : e.getValue()) {
                if (l.table() == null) {
                    out.add(row("GLOBAL", null, null, "SHARED", "EXPLICIT", "GRANTED", e.getKey()));
                } else {
                    out.add(row("TABLE", l.database(), l.table(), l.write() ? TableLocks.WRITE_LOCK : TableLocks.READ_LOCK,
                            "TRANSACTION", "GRANTED", e.getKey()));
                }
            }
        }
        for (TableLocks.Pending p : locks.pendingSnapshot()) {
            out.add(row(p.table() == null ? "GLOBAL" : "TABLE", p.database(), p.table(), p.lockType(), "STATEMENT",
                    "PENDING", p.connectionId()));
        }
        return out;
    }

    private static Object[] row(String type, String db, String table, String lockType, String duration, String status, long owner) {
        return new Object[]{type, db, table, null, null, lockType, duration, status, null, owner, null};
    }
}
