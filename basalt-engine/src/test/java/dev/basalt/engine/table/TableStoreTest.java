package dev.basalt.engine.table;

import dev.basalt.engine.api.SqlException;
import dev.basalt.engine.catalog.Catalog;
import dev.basalt.engine.catalog.ColumnDef;
import dev.basalt.engine.catalog.DatabaseDef;
import dev.basalt.engine.catalog.IndexDef;
import dev.basalt.engine.catalog.IndexPart;
import dev.basalt.engine.catalog.TableDef;
import dev.basalt.engine.catalog.TableOptions;
import dev.basalt.engine.testkv.TestKvStore;
import dev.basalt.engine.txn.Transaction;
import dev.basalt.engine.txn.TransactionManager;
import dev.basalt.engine.types.SqlType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class TableStoreTest {
    private TestKvStore store;
    private TransactionManager tm;
    private Tables tables;
    private Catalog catalog;

    @BeforeEach
    void setUp() {
        store = new TestKvStore();
        tm = new TransactionManager(store);
        tables = new Tables();
        catalog = new Catalog(store, tables);
        Transaction t = tm.begin();
        catalog.createDatabase(t, DatabaseDef.of("db"), false);
        t.commit();
    }

    private TableDef create(String name, List<ColumnDef> cols, List<IndexDef> idx, TableOptions options) {
        Transaction t = tm.begin();
        TableDef def = catalog.createTable(t, new TableDef(0, "db", name, cols, idx, options), false);
        t.commit();
        return def;
    }

    private static IndexDef pk(int... cols) { return index("PRIMARY", true, true, cols); }

    private static IndexDef index(String name, boolean primary, boolean unique, int... cols) {
        List<IndexPart> parts = new ArrayList<>();
        for (int c : cols) parts.add(IndexPart.of(c));
        return new IndexDef(0, name, primary, unique, parts);
    }

    /** t(a INT, b INT, c VARCHAR, PRIMARY KEY(a, b), UNIQUE KEY uc(c), KEY kb(b)) */
    private TableDef composite() {
        return create("t", List.of(ColumnDef.of("a", SqlType.INT, false), ColumnDef.of("b", SqlType.INT, false),
                        ColumnDef.of("c", SqlType.varchar(10), true)),
                List.of(pk(0, 1), index("uc", false, true, 2), index("kb", false, false, 1)), null);
    }

    private void inTxn(java.util.function.Consumer<Transaction> body) {
        Transaction t = tm.begin();
        try {
            body.accept(t);
            t.commit();
        } finally {
            t.rollback();
        }
    }

    private static void assertDup(String message, Executable e) {
        SqlException ex = assertThrows(SqlException.class, e);
        assertEquals(1062, ex.errorCode());
        assertEquals("23000", ex.sqlState());
        assertEquals(message, ex.getMessage());
    }

    private List<List<Object>> collect(RowIterator it) {
        List<List<Object>> out = new ArrayList<>();
        try (it) {
            for (Object[] r = it.next(); r != null; r = it.next()) out.add(Arrays.asList(r));
        }
        return out;
    }

    private List<List<Object>> scanAll(TableDef def) {
        Transaction t = tm.begin(true);
        try {
            return collect(tables.store(def).scan(t, false));
        } finally {
            t.rollback();
        }
    }

    @Test
    void duplicateMessagesMatchMySql8() {
        TableDef def = composite();
        TableStore ts = tables.store(def);
        inTxn(t -> ts.insert(t, new Object[] {1L, 2L, "x"}));
        assertDup("Duplicate entry '1-2' for key 't.PRIMARY'", () -> inTxn(t -> ts.insert(t, new Object[] {1L, 2L, "y"})));
        assertDup("Duplicate entry 'X' for key 't.uc'", () -> inTxn(t -> ts.insert(t, new Object[] {1L, 3L, "X"})));
        // NULLs never clash in a unique index
        inTxn(t -> {
            ts.insert(t, new Object[] {5L, 5L, null});
            ts.insert(t, new Object[] {6L, 6L, null});
        });
        assertEquals(3, scanAll(def).size());
        TableDef single = create("s", List.of(ColumnDef.of("id", SqlType.BIGINT, false)), List.of(pk(0)), null);
        inTxn(t -> tables.store(single).insert(t, new Object[] {5L}));
        assertDup("Duplicate entry '5' for key 's.PRIMARY'", () -> inTxn(t -> tables.store(single).insert(t, new Object[] {5L})));
    }

    @Test
    void failedInsertLeavesNothingBehind() {
        TableDef def = composite();
        TableStore ts = tables.store(def);
        inTxn(t -> ts.insert(t, new Object[] {1L, 1L, "x"}));
        Transaction t = tm.begin();
        assertThrows(SqlException.class, () -> ts.insert(t, new Object[] {2L, 2L, "x"}));
        assertFalse(t.hasWrites());
        t.rollback();
    }

    @Test
    void updateMovesPrimaryKeyAndIndexEntries() {
        TableDef def = composite();
        TableStore ts = tables.store(def);
        inTxn(t -> {
            ts.insert(t, new Object[] {1L, 1L, "a"});
            ts.insert(t, new Object[] {2L, 2L, "b"});
        });
        inTxn(t -> ts.update(t, new Object[] {1L, 1L, "a"}, new Object[] {3L, 7L, "c"}));
        assertEquals(List.of(List.of(2L, 2L, "b"), List.of(3L, 7L, "c")), scanAll(def));
        Transaction r = tm.begin(true);
        assertNull(ts.get(r, 1L, 1L));
        assertEquals(List.of(3L, 7L, "c"), Arrays.asList(ts.get(r, 3L, 7L)));
        IndexDef uc = def.index("uc").orElseThrow();
        assertEquals(List.of(), collect(ts.scanIndex(r, uc, KeyRange.point("a"), false)));
        assertEquals(List.of(List.of(3L, 7L, "c")), collect(ts.scanIndex(r, uc, KeyRange.point("C"), false)));
        assertEquals(List.of(List.of(3L, 7L, "c")), collect(ts.scanIndex(r, def.index("kb").orElseThrow(), KeyRange.point(7L), false)));
        r.rollback();
        // clashes on update
        assertDup("Duplicate entry '2-2' for key 't.PRIMARY'",
                () -> inTxn(t -> ts.update(t, new Object[] {3L, 7L, "c"}, new Object[] {2L, 2L, "c"})));
        assertDup("Duplicate entry 'b' for key 't.uc'",
                () -> inTxn(t -> ts.update(t, new Object[] {3L, 7L, "c"}, new Object[] {3L, 7L, "b"})));
        // changing only the case of a unique value under a case-insensitive collation is not a clash with itself
        inTxn(t -> ts.update(t, new Object[] {3L, 7L, "c"}, new Object[] {3L, 7L, "C"}));
        // a changed primary key keeps the unique entry owned by the same row
        inTxn(t -> ts.update(t, new Object[] {3L, 7L, "C"}, new Object[] {4L, 7L, "C"}));
        r = tm.begin(true);
        assertEquals(List.of(List.of(4L, 7L, "C")), collect(ts.scanIndex(r, uc, KeyRange.point("c"), false)));
        r.rollback();
    }

    @Test
    void pointLookupsOnUniqueIndexesSeeOwnWritesAndDeletes() {
        TableDef def = composite();
        TableStore ts = tables.store(def);
        inTxn(t -> ts.insert(t, new Object[] {1L, 2L, "x"}));
        Transaction t = tm.begin();
        IndexDef pk = def.primaryKey().orElseThrow(), uc = def.index("uc").orElseThrow();
        assertEquals(List.of(List.of(1L, 2L, "x")), collect(ts.scanIndex(t, pk, KeyRange.point(1L, 2L), false)));
        assertEquals(List.of(List.of(1L, 2L, "x")), collect(ts.scanIndex(t, uc, KeyRange.point("X"), true)));
        assertEquals(List.of(), collect(ts.scanIndex(t, pk, KeyRange.point(1L, 3L), false)));
        ts.delete(t, new Object[] {1L, 2L, "x"});
        ts.insert(t, new Object[] {4L, 4L, "x"});
        assertEquals(List.of(), collect(ts.scanIndex(t, pk, KeyRange.point(1L, 2L), false)));
        assertEquals(List.of(List.of(4L, 4L, "x")), collect(ts.scanIndex(t, uc, KeyRange.point("x"), false)));
        t.rollback();
    }

    @Test
    void rowCountEstimateFollowsCommittedChanges() {
        TableDef def = composite();
        TableStore ts = tables.store(def);
        inTxn(t -> {
            for (long i = 0; i < 5; i++) ts.insert(t, new Object[] {i, i, "v" + i});
        });
        Transaction r = tm.begin(true);
        assertEquals(5, tables.rowCountEstimate(r, def));
        r.rollback();
        inTxn(t -> {
            ts.insert(t, new Object[] {9L, 9L, null});
            ts.delete(t, new Object[] {0L, 0L, "v0"});
            ts.delete(t, new Object[] {1L, 1L, "v1"});
        });
        Transaction rolledBack = tm.begin();
        ts.insert(rolledBack, new Object[] {10L, 10L, null});
        rolledBack.rollback();
        r = tm.begin(true);
        assertEquals(4, tables.rowCountEstimate(r, def));
        r.rollback();
    }

    @Test
    void unchangedUpdateWritesNothing() {
        TableDef def = composite();
        TableStore ts = tables.store(def);
        inTxn(t -> ts.insert(t, new Object[] {1L, 1L, "a"}));
        Transaction t = tm.begin();
        assertFalse(ts.update(t, new Object[] {1L, 1L, "a"}, new Object[] {1L, 1L, "a"}));
        assertFalse(t.hasWrites());
        assertTrue(ts.update(t, new Object[] {1L, 1L, "a"}, new Object[] {1L, 1L, "A"}));
        assertTrue(t.hasWrites());
        t.commit();
        assertEquals(List.of(List.of(1L, 1L, "A")), scanAll(def));
    }

    @Test
    void deleteRemovesRowAndEntries() {
        TableDef def = composite();
        TableStore ts = tables.store(def);
        inTxn(t -> ts.insert(t, new Object[] {1L, 1L, "a"}));
        inTxn(t -> ts.delete(t, new Object[] {1L, 1L, "a"}));
        assertEquals(List.of(), scanAll(def));
        inTxn(t -> ts.insert(t, new Object[] {9L, 9L, "a"})); // the unique value is free again
        assertEquals(1, scanAll(def).size());
    }

    @Test
    void indexRangeScansHonourBoundsNullsAndDirection() {
        TableDef def = create("r", List.of(ColumnDef.of("id", SqlType.INT, false), ColumnDef.of("v", SqlType.INT, true),
                        ColumnDef.of("w", SqlType.INT, true)),
                List.of(pk(0), index("kv", false, false, 1, 2)), null);
        TableStore ts = tables.store(def);
        inTxn(t -> {
            for (long i = 1; i <= 10; i++) ts.insert(t, new Object[] {i, i % 4 == 0 ? null : i % 5, i});
        });
        IndexDef kv = def.index("kv").orElseThrow();
        Transaction r = tm.begin(true);
        java.util.function.Function<RowIterator, List<Object>> ids = it -> collect(it).stream().map(x -> x.get(0)).toList();
        assertEquals(List.of(4L, 8L), ids.apply(ts.scanIndex(r, kv, KeyRange.point((Object) null), false)));
        assertEquals(List.of(1L, 6L), ids.apply(ts.scanIndex(r, kv, KeyRange.point(1L), false)));
        assertEquals(List.of(6L, 1L), ids.apply(ts.scanIndex(r, kv, KeyRange.point(1L), true)));
        // v < 2 excludes NULLs
        assertEquals(List.of(5L, 10L, 1L, 6L), ids.apply(ts.scanIndex(r, kv, KeyRange.lessThan(2L, false), false)));
        // v >= 3
        assertEquals(List.of(3L, 9L), ids.apply(ts.scanIndex(r, kv, KeyRange.greaterThan(3L, true), false)));
        // v > 2 AND v <= 3 ; two-column prefix (v = 2 AND w > 2)
        assertEquals(List.of(3L), ids.apply(ts.scanIndex(r, kv, new KeyRange(List.of(2L), false, List.of(3L), true), false)));
        assertEquals(List.of(7L), ids.apply(ts.scanIndex(r, kv, new KeyRange(List.of(2L, 2L), false, List.of(2L), true), false)));
        // primary key ranges
        IndexDef pk = def.primaryKey().orElseThrow();
        assertEquals(List.of(3L, 4L, 5L), ids.apply(ts.scanIndex(r, pk, KeyRange.between(3L, 5L), false)));
        assertEquals(List.of(10L, 9L), ids.apply(ts.scanIndex(r, pk, KeyRange.greaterThan(8L, false), true)));
        assertEquals(List.of(), ids.apply(ts.scanIndex(r, pk, KeyRange.between(5L, 3L), false)));
        assertEquals(10, ids.apply(ts.scan(r, true)).size());
        assertEquals(10, ts.count(r));
        assertEquals(2, ts.count(r, kv, KeyRange.point(1L)));
        assertEquals(3, ts.count(r, pk, KeyRange.between(3L, 5L)));
        assertEquals(10L, ts.scan(r, true).next()[0]);
        r.rollback();
    }

    @Test
    void ownUncommittedRowsAreVisibleToScans() {
        TableDef def = composite();
        TableStore ts = tables.store(def);
        Transaction t = tm.begin();
        ts.insert(t, new Object[] {1L, 1L, "a"});
        assertEquals(1, collect(ts.scan(t, false)).size());
        assertEquals(1, ts.count(t));
        assertEquals(1, collect(ts.scanIndex(t, def.index("uc").orElseThrow(), KeyRange.point("A"), false)).size());
        assertEquals(List.of(), scanAll(def));
        t.commit();
    }

    @Test
    void hiddenRowIdTables() {
        TableDef def = create("h", List.of(ColumnDef.of("v", SqlType.varchar(5), true)), List.of(), null);
        TableStore ts = tables.store(def);
        inTxn(t -> {
            ts.insert(t, new Object[] {"a"});
            ts.insert(t, new Object[] {"a", null});
        });
        List<List<Object>> rows = scanAll(def);
        assertEquals(List.of(List.of("a", 1L), List.of("a", 2L)), rows);
        inTxn(t -> ts.update(t, rows.get(1).toArray(), new Object[] {"b"}));
        inTxn(t -> ts.delete(t, rows.get(0).toArray()));
        assertEquals(List.of(List.of("b", 2L)), scanAll(def));
        // a fresh engine continues above existing ids
        Tables fresh = new Tables();
        inTxn(t -> fresh.store(def).insert(t, new Object[] {"c"}));
        assertEquals(3L, scanAll(def).getLast().get(1));
    }

    private TableDef autoTable(long start) {
        return create("ai", List.of(ColumnDef.of("id", SqlType.BIGINT, false).withAutoIncrement(true),
                ColumnDef.of("v", SqlType.INT, true)), List.of(pk(0)), TableOptions.DEFAULT.withAutoIncrementStart(start));
    }

    @Test
    void autoIncrementFollowsMySqlRules() {
        TableDef def = autoTable(10);
        TableStore ts = tables.store(def);
        Object[] row = {null, 1L};
        inTxn(t -> assertEquals(10L, ts.insert(t, row)));
        assertEquals(10L, row[0]);
        inTxn(t -> assertEquals(0L, ts.insert(t, new Object[] {50L, 2L}))); // explicit value raises the counter
        inTxn(t -> assertEquals(51L, ts.insert(t, new Object[] {null, 3L})));
        inTxn(t -> ts.insert(t, new Object[] {20L, 4L})); // explicit lower value: no change
        Transaction rolledBack = tm.begin();
        assertEquals(52L, ts.insert(rolledBack, new Object[] {null, 5L}));
        rolledBack.rollback(); // gap, as InnoDB
        inTxn(t -> assertEquals(53L, ts.insert(t, new Object[] {null, 6L})));
        // restart: counter restored from the persisted value / existing rows
        Tables restarted = new Tables();
        Catalog reloaded = new Catalog(store, restarted);
        TableDef again = reloaded.snapshot().table("db", "ai").orElseThrow();
        inTxn(t -> assertEquals(54L, restarted.store(again).insert(t, new Object[] {null, 7L})));
    }

    @Test
    void autoIncrementOnRestartUsesMaxExistingValue() {
        TableDef def = autoTable(1);
        inTxn(t -> tables.store(def).insert(t, new Object[] {1000L, 1L}));
        Tables restarted = new Tables();
        inTxn(t -> assertEquals(1001L, restarted.store(def).allocateAutoIncrement(t)));
    }

    @Test
    void concurrentInsertersNeverConflictOnTheCounter() throws Exception {
        TableDef def = autoTable(1);
        TableStore ts = tables.store(def);
        int threads = 4, perThread = 200;
        List<Throwable> errors = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(threads);
        List<Thread> ts2 = new ArrayList<>();
        for (int n = 0; n < threads; n++) {
            ts2.add(Thread.ofVirtual().start(() -> {
                try {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        Transaction t = tm.begin();
                        ts.insert(t, new Object[] {null, (long) i});
                        t.commit();
                    }
                } catch (Throwable e) {
                    errors.add(e);
                }
            }));
        }
        for (Thread th : ts2) th.join();
        assertEquals(List.of(), errors);
        List<List<Object>> rows = scanAll(def);
        assertEquals(threads * perThread, rows.size());
        assertEquals((long) threads * perThread, rows.getLast().get(0)); // ids 1..800, no gaps without rollbacks
    }

    @Test
    void concurrentUpdatesOfOneRowConflict() {
        TableDef def = autoTable(1);
        TableStore ts = tables.store(def);
        inTxn(t -> ts.insert(t, new Object[] {1L, 0L}));
        Transaction a = tm.begin(), b = tm.begin();
        Object[] ra = ts.get(a, 1L), rb = ts.get(b, 1L);
        ts.update(a, ra, new Object[] {1L, 1L});
        b.setLockWaitTimeout(0); // a holds the row's lock: b would wait for it
        assertEquals(1205, assertThrows(SqlException.class, () -> ts.update(b, rb, new Object[] {1L, 2L})).errorCode());
        a.commit();
        // b read the row before a's commit: its update would be lost, so it fails (1213) and b is rolled back
        assertEquals(1213, assertThrows(SqlException.class, () -> ts.update(b, rb, new Object[] {1L, 2L})).errorCode());
        assertEquals(List.of(List.of(1L, 1L)), scanAll(def));
    }
}
