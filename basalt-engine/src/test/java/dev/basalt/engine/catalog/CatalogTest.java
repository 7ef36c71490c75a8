package dev.basalt.engine.catalog;

import dev.basalt.engine.api.SqlException;
import dev.basalt.engine.table.KeyRange;
import dev.basalt.engine.table.RowIterator;
import dev.basalt.engine.table.Tables;
import dev.basalt.engine.testkv.TestKvStore;
import dev.basalt.engine.txn.Transaction;
import dev.basalt.engine.txn.TransactionManager;
import dev.basalt.engine.types.SqlType;
import dev.basalt.engine.types.TypeKind;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class CatalogTest {
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
        ddl(t -> catalog.createDatabase(t, DatabaseDef.of("db"), false));
    }

    private interface Ddl { void run(Transaction t); }

    private void ddl(Ddl action) {
        Transaction t = tm.begin();
        try {
            action.run(t);
            t.commit();
        } finally {
            t.rollback();
        }
    }

    private static void assertError(int code, String message, Executable e) {
        SqlException ex = assertThrows(SqlException.class, e);
        assertEquals(code, ex.errorCode());
        if (message != null) assertEquals(message, ex.getMessage());
    }

    static TableDef usersSpec() {
        List<ColumnDef> cols = List.of(
                ColumnDef.of("id", SqlType.BIGINT, false).withAutoIncrement(true),
                ColumnDef.of("name", SqlType.varchar(20), true),
                new ColumnDef("score", SqlType.decimal(8, 2), true, DefaultValue.literal(new BigDecimal("1.50")), false, false, "the score"),
                ColumnDef.of("born", SqlType.DATE, true));
        List<IndexDef> idx = List.of(
                new IndexDef(0, "PRIMARY", true, true, List.of(IndexPart.of(0))),
                new IndexDef(0, "uk_name", false, true, List.of(IndexPart.of(1))),
                new IndexDef(0, "", false, false, List.of(IndexPart.of(3), new IndexPart(1, 3, true))));
        return new TableDef(0, "db", "users", cols, idx, TableOptions.DEFAULT.withAutoIncrementStart(100));
    }

    @Test
    void createdDefinitionsSurviveReload() {
        ddl(t -> catalog.createTable(t, usersSpec(), false));
        ddl(t -> catalog.createView(t, new ViewDef("db", "v", "select id from users", List.of("x")), false));
        ddl(t -> catalog.createView(t, new ViewDef("db", "vc", "select id from users where id > 0", List.of(), "LOCAL"), false));
        TableDef created = catalog.snapshot().table("db", "users").orElseThrow();
        assertTrue(created.tableId() > 0);
        assertEquals("born", created.indexes().get(2).name(), "unnamed index named after its first column");
        assertTrue(created.indexes().stream().allMatch(i -> i.indexId() > 0));

        Catalog reloaded = new Catalog(store, new Tables());
        CatalogSnapshot s = reloaded.snapshot();
        assertEquals(catalog.snapshot().databases(), s.databases());
        assertEquals(created, s.table("db", "users").orElseThrow());
        assertEquals(created, s.tableById(created.tableId()).orElseThrow());
        assertEquals(new ViewDef("db", "v", "select id from users", List.of("x")), s.view("db", "v").orElseThrow());
        assertEquals("LOCAL", s.view("db", "vc").orElseThrow().checkOption(), "CHECK OPTION survives a reload");
        // ids keep growing after a reload
        Transaction t = tm.begin();
        TableDef next = reloaded.createTable(t, usersSpec().withName("db", "users2"), false);
        t.commit();
        assertTrue(next.tableId() > created.tableId());
    }

    @Test
    void constraintsAndGeneratedColumnsSurviveReload() {
        TableDef spec = usersSpec().withName("db", "orders");
        List<ColumnDef> cols = new java.util.ArrayList<>(spec.columns());
        cols.add(ColumnDef.of("twice", SqlType.BIGINT, true).withGenerated(new ColumnDef.Generated("id * 2", false)));
        TableDef withAll = spec.withColumns(cols).withConstraints(new TableConstraints(
                List.of(new ForeignKeyDef("orders_ibfk_1", List.of("id"), "db", "users", List.of("id"),
                        ForeignKeyDef.Action.CASCADE, null)),
                List.of(new CheckDef("orders_chk_1", "score > 0", true), new CheckDef("named", "id < 10", false))));
        ddl(t -> catalog.createTable(t, withAll, false));
        // only a generated column: the (empty) constraints block still comes first
        ddl(t -> catalog.createTable(t, spec.withName("db", "gen_only").withColumns(cols), false));
        TableDef created = catalog.snapshot().table("db", "orders").orElseThrow();
        assertEquals(ForeignKeyDef.Action.NO_ACTION, created.foreignKeys().getFirst().onUpdate());
        CatalogSnapshot s = new Catalog(store, new Tables()).snapshot();
        assertEquals(created, s.table("db", "orders").orElseThrow());
        assertEquals(catalog.snapshot().table("db", "gen_only"), s.table("db", "gen_only"));
        assertTrue(s.table("db", "gen_only").orElseThrow().columns().getLast().isGenerated());
    }

    @Test
    void everyColumnAttributeSurvivesReload() {
        List<ColumnDef> cols = List.of(
                new ColumnDef("e", new SqlType(TypeKind.ENUM, 0, 0, 0, false, false, List.of("a", "b c"), null), false,
                        DefaultValue.literal("b c"), false, false, "it's an enum"),
                new ColumnDef("u", SqlType.BIGINT_UNSIGNED, true, DefaultValue.literal(new java.math.BigInteger("18446744073709551615")), false, false, null),
                new ColumnDef("z", new SqlType(TypeKind.INT, 5, 0, 0, true, true, List.of(), null), true, DefaultValue.literal(7L), false, false, ""),
                new ColumnDef("s", SqlType.varchar(9).withCollation(dev.basalt.engine.types.Collation.BINARY), true,
                        DefaultValue.literal(null), false, false, ""),
                new ColumnDef("ts", SqlType.DATETIME.withScale(3), false, new DefaultValue.CurrentTimestamp(3), false, true, ""),
                new ColumnDef("x", SqlType.DOUBLE, true, new DefaultValue.Expression("rand() * 2"), false, false, ""),
                new ColumnDef("d", SqlType.DATE, true, DefaultValue.literal(LocalDate.of(2020, 2, 29)), false, false, ""),
                new ColumnDef("t", SqlType.TIME, true, DefaultValue.literal(java.time.Duration.ofSeconds(-3600)), false, false, ""),
                new ColumnDef("b", SqlType.of(TypeKind.VARBINARY, 4), true, DefaultValue.literal(new byte[] {1, 2}), false, false, ""),
                new ColumnDef("f", SqlType.DOUBLE, true, DefaultValue.literal(2.5), false, false, ""));
        TableOptions opts = new TableOptions("InnoDB", "latin1", "latin1_swedish_ci", "a table comment", 42);
        ddl(t -> catalog.createTable(t, new TableDef(0, "db", "all_kinds", cols,
                List.of(new IndexDef(0, "ix", false, false, List.of(new IndexPart(3, 4, true)))), opts), false));
        TableDef before = catalog.snapshot().table("db", "all_kinds").orElseThrow();
        TableDef after = new Catalog(store, new Tables()).snapshot().table("db", "all_kinds").orElseThrow();
        for (int i = 0; i < cols.size(); i++) {
            ColumnDef a = before.columns().get(i), b = after.columns().get(i);
            if (a.defaultValue() instanceof DefaultValue.Literal(byte[] bytes)) {
                assertArrayEquals(bytes, (byte[]) ((DefaultValue.Literal) b.defaultValue()).value());
                assertEquals(a.withDefault(DefaultValue.NONE), b.withDefault(DefaultValue.NONE));
            } else {
                assertEquals(a, b);
            }
        }
        assertEquals(before.indexes(), after.indexes());
        assertEquals(opts, after.options());
    }

    @Test
    void namesAreCaseSensitiveForTablesAndInsensitiveForColumns() {
        ddl(t -> catalog.createTable(t, usersSpec(), false));
        CatalogSnapshot s = catalog.snapshot();
        assertTrue(s.table("db", "Users").isEmpty());
        assertEquals(1, s.table("db", "users").orElseThrow().columnIndex("NAME"));
        ddl(t -> catalog.createTable(t, usersSpec().withName("db", "Users"), false));
        assertEquals(2, catalog.snapshot().tables("db").size());
    }

    @Test
    void databaseErrors() {
        assertError(1007, "Can't create database 'db'; database exists",
                () -> ddl(t -> catalog.createDatabase(t, DatabaseDef.of("db"), false)));
        ddl(t -> assertFalse(catalog.createDatabase(t, DatabaseDef.of("db"), true)));
        assertError(1008, "Can't drop database 'nope'; database doesn't exist",
                () -> ddl(t -> catalog.dropDatabase(t, "nope", false)));
        assertError(1049, "Unknown database 'nope'",
                () -> ddl(t -> catalog.createTable(t, usersSpec().withName("nope", "t"), false)));
    }

    @Test
    void tableValidationErrors() {
        TableDef spec = usersSpec();
        assertError(1113, null, () -> ddl(t -> catalog.createTable(t, spec.withColumns(List.of()).withIndexes(List.of()), false)));
        List<ColumnDef> dupCols = new ArrayList<>(spec.columns());
        dupCols.add(ColumnDef.of("NAME", SqlType.INT, true));
        assertError(1060, "Duplicate column name 'NAME'", () -> ddl(t -> catalog.createTable(t, spec.withColumns(dupCols), false)));
        List<IndexDef> dupIdx = new ArrayList<>(spec.indexes());
        dupIdx.add(new IndexDef(0, "UK_NAME", false, false, List.of(IndexPart.of(2))));
        assertError(1061, "Duplicate key name 'UK_NAME'", () -> ddl(t -> catalog.createTable(t, spec.withIndexes(dupIdx), false)));
        List<IndexDef> twoPk = new ArrayList<>(spec.indexes());
        twoPk.add(new IndexDef(0, "PRIMARY", true, true, List.of(IndexPart.of(1))));
        assertError(1068, null, () -> ddl(t -> catalog.createTable(t, spec.withIndexes(twoPk), false)));
        assertError(1075, null, () -> ddl(t -> catalog.createTable(t, spec.withIndexes(List.of()), false)));
        List<ColumnDef> blob = List.of(ColumnDef.of("b", SqlType.of(TypeKind.TEXT), false));
        assertError(1170, "BLOB/TEXT column 'b' used in key specification without a key length",
                () -> ddl(t -> catalog.createTable(t, new TableDef(0, "db", "bt", blob,
                        List.of(new IndexDef(0, "k", false, false, List.of(IndexPart.of(0)))), null), false)));
        List<ColumnDef> wide = List.of(ColumnDef.of("w", SqlType.varchar(1000), false));
        assertError(1071, "Specified key was too long; max key length is 3072 bytes",
                () -> ddl(t -> catalog.createTable(t, new TableDef(0, "db", "wide", wide,
                        List.of(new IndexDef(0, "k", false, false, List.of(IndexPart.of(0)))), null), false)));
        ddl(t -> catalog.createTable(t, new TableDef(0, "db", "wide", wide,
                List.of(new IndexDef(0, "k", false, false, List.of(new IndexPart(0, 768, false)))), null), false));
        assertError(1072, "Key column 'nope' doesn't exist in table", () -> spec.partFor("nope", 0, false));
        ddl(t -> catalog.createTable(t, spec, false));
        assertError(1050, "Table 'users' already exists", () -> ddl(t -> catalog.createTable(t, spec, false)));
        ddl(t -> assertNull(catalog.createTable(t, spec, true)));
        // PRIMARY KEY columns become NOT NULL
        List<ColumnDef> nullablePk = List.of(ColumnDef.of("k", SqlType.INT, true));
        ddl(t -> catalog.createTable(t, new TableDef(0, "db", "np", nullablePk,
                List.of(new IndexDef(0, "PRIMARY", true, true, List.of(IndexPart.of(0)))), null), false));
        assertFalse(catalog.snapshot().table("db", "np").orElseThrow().columns().getFirst().nullable());
    }

    @Test
    void dropErrors() {
        assertError(1051, "Unknown table 'db.nope'", () -> ddl(t -> catalog.dropTable(t, "db", "nope", false)));
        ddl(t -> assertFalse(catalog.dropTable(t, "db", "nope", true)));
        assertError(1146, "Table 'db.nope' doesn't exist", () -> ddl(t -> catalog.truncateTable(t, "db", "nope")));
        ddl(t -> catalog.createTable(t, usersSpec(), false));
        assertError(1091, "Can't DROP 'nope'; check that column/key exists", () -> ddl(t -> catalog.dropIndex(t, "db", "users", "nope")));
        assertError(1091, "Can't DROP 'nope'; check that column/key exists", () -> ddl(t -> catalog.dropColumn(t, "db", "users", "nope")));
        assertError(1051, "Unknown table 'db.v'", () -> ddl(t -> catalog.dropView(t, "db", "v", false)));
    }

    @Test
    void uncommittedDdlIsVisibleOnlyToItsTransaction() {
        Transaction t = tm.begin();
        catalog.createTable(t, usersSpec(), false);
        assertTrue(catalog.snapshot(t).table("db", "users").isPresent());
        assertTrue(catalog.snapshot().table("db", "users").isEmpty());
        t.rollback();
        assertTrue(catalog.snapshot().table("db", "users").isEmpty());
        assertTrue(new Catalog(store, new Tables()).snapshot().table("db", "users").isEmpty());
    }

    @Test
    void concurrentCreateOfTheSameNameConflicts() {
        Transaction a = tm.begin();
        Transaction b = tm.begin();
        b.startSnapshot();
        catalog.createTable(a, usersSpec(), false);
        b.setLockWaitTimeout(0); // a holds the name's catalog keys: b would wait for a's end
        assertEquals(1205, assertThrows(SqlException.class, () -> catalog.createTable(b, usersSpec(), false)).errorCode());
        b.rollback();
        Transaction c = tm.begin();
        c.startSnapshot();
        a.commit();
        // c's snapshot predates a's commit: its create fails, stale (1213) or seeing the new table (1050)
        int code = assertThrows(SqlException.class, () -> {
            catalog.createTable(c, usersSpec(), false);
            c.commit();
        }).errorCode();
        assertTrue(code == 1213 || code == 1050, "got " + code);
        assertEquals(1, catalog.snapshot().tables("db").size());
    }

    private List<Object[]> rows(TableDef def) {
        List<Object[]> out = new ArrayList<>();
        Transaction t = tm.begin(true);
        try (RowIterator it = tables.store(def).scan(t, false)) {
            for (Object[] r = it.next(); r != null; r = it.next()) out.add(r);
        }
        t.rollback();
        return out;
    }

    private TableDef users() { return catalog.snapshot().table("db", "users").orElseThrow(); }

    private void insertUsers() {
        ddl(t -> catalog.createTable(t, usersSpec(), false));
        ddl(t -> {
            tables.store(users()).insert(t, new Object[] {null, "ann", new BigDecimal("2.00"), LocalDate.of(2000, 1, 1)});
            tables.store(users()).insert(t, new Object[] {null, "bob", null, null});
        });
    }

    @Test
    void dropTableAndDatabaseDeleteAllData() {
        insertUsers();
        int before = store.size();
        assertTrue(before > 5);
        ddl(t -> catalog.dropTable(t, "db", "users", false));
        assertTrue(catalog.snapshot().table("db", "users").isEmpty());
        ddl(t -> catalog.createDatabase(t, DatabaseDef.of("other"), false));
        insertUsers();
        ddl(t -> catalog.createView(t, new ViewDef("db", "v", "select 1", null), false));
        ddl(t -> catalog.dropDatabase(t, "db", false));
        assertFalse(catalog.snapshot().hasDatabase("db"));
        // only the remaining database and the id counters are left
        Catalog reloaded = new Catalog(store, new Tables());
        assertEquals(List.of("other"), reloaded.snapshot().databases().stream().map(DatabaseDef::name).toList());
        assertTrue(store.size() <= 4, "leftover keys: " + store.size());
    }

    @Test
    void truncateDeletesRowsAndResetsAutoIncrement() {
        insertUsers();
        ddl(t -> catalog.truncateTable(t, "db", "users"));
        assertEquals(0, rows(users()).size());
        ddl(t -> assertEquals(100, tables.store(users()).insert(t, new Object[] {null, "cy", null, null})));
    }

    @Test
    void alterAutoIncrementOptionRestartsTheCounter() {
        insertUsers(); // ids 100, 101
        ddl(t -> catalog.alterTable(t, "db", "users", users().withOptions(users().options().withAutoIncrementStart(500)), null));
        ddl(t -> assertEquals(500, tables.store(users()).insert(t, new Object[] {null, "cy", null, null})));
        // below the existing values it cannot go: MySQL uses max(n, largest + 1)
        ddl(t -> catalog.alterTable(t, "db", "users", users().withOptions(users().options().withAutoIncrementStart(5)), null));
        ddl(t -> assertEquals(501, tables.store(users()).insert(t, new Object[] {null, "dee", null, null})));
    }

    @Test
    void renameMovesTheTableWithItsRows() {
        insertUsers();
        ddl(t -> catalog.createDatabase(t, DatabaseDef.of("db2"), false));
        ddl(t -> catalog.renameTable(t, "db", "users", "db2", "people"));
        assertTrue(catalog.snapshot().table("db", "users").isEmpty());
        TableDef people = catalog.snapshot().table("db2", "people").orElseThrow();
        assertEquals(2, rows(people).size());
        assertError(1146, "Table 'db.users' doesn't exist", () -> ddl(t -> catalog.renameTable(t, "db", "users", "db", "x")));
    }

    @Test
    void addColumnAtEndDecodesOldRowsWithDefault() {
        insertUsers();
        ColumnDef level = new ColumnDef("level", SqlType.INT, false, DefaultValue.literal(7L), false, false, "");
        ddl(t -> catalog.addColumn(t, "db", "users", level, -1));
        for (Object[] r : rows(users())) assertEquals(7L, r[4]);
        assertError(1060, "Duplicate column name 'LEVEL'",
                () -> ddl(t -> catalog.addColumn(t, "db", "users", level.withName("LEVEL"), -1)));
    }

    @Test
    void addColumnInTheMiddleRewritesRowsAndKeepsIndexesWorking() {
        insertUsers();
        ddl(t -> catalog.addColumn(t, "db", "users", ColumnDef.of("nick", SqlType.varchar(5), true), 1));
        TableDef u = users();
        assertEquals("nick", u.columns().get(1).name());
        assertEquals(2, u.index("uk_name").orElseThrow().parts().getFirst().column());
        List<Object[]> r = rows(u);
        assertEquals(2, r.size());
        assertNull(r.getFirst()[1]);
        assertEquals("ann", r.getFirst()[2]);
        Transaction t = tm.begin(true);
        try (RowIterator it = tables.store(u).scanIndex(t, u.index("uk_name").orElseThrow(), KeyRange.point("BOB"), false)) {
            assertEquals(101L, it.next()[0]);
            assertNull(it.next());
        }
    }

    @Test
    void dropColumnRemovesItFromRowsAndIndexes() {
        insertUsers();
        ddl(t -> catalog.dropColumn(t, "db", "users", "name"));
        TableDef u = users();
        assertEquals(3, u.columns().size());
        assertTrue(u.index("uk_name").isEmpty());
        assertEquals(List.of(new IndexPart(2, 0, false)), u.index("born").orElseThrow().parts());
        List<Object[]> r = rows(u);
        assertEquals(List.of(100L, new BigDecimal("2.00"), LocalDate.of(2000, 1, 1)), List.of(r.getFirst()));
    }

    @Test
    void createIndexBuildsEntriesAndRejectsDuplicates() {
        insertUsers();
        ddl(t -> tables.store(users()).insert(t, new Object[] {null, "cy", new BigDecimal("2.00"), null}));
        assertError(1062, "Duplicate entry '2.00' for key 'users.uk_score'", () -> ddl(t -> catalog.createIndex(t, "db", "users",
                new IndexDef(0, "uk_score", false, true, List.of(IndexPart.of(2))))));
        assertTrue(users().index("uk_score").isEmpty());
        ddl(t -> catalog.createIndex(t, "db", "users", new IndexDef(0, "k_score", false, false, List.of(IndexPart.of(2)))));
        TableDef u = users();
        Transaction t = tm.begin(true);
        List<Object> ids = new ArrayList<>();
        try (RowIterator it = tables.store(u).scanIndex(t, u.index("k_score").orElseThrow(), KeyRange.point(new BigDecimal("2")), false)) {
            for (Object[] r = it.next(); r != null; r = it.next()) ids.add(r[0]);
        }
        assertEquals(List.of(100L, 102L), ids);
        assertError(1061, "Duplicate key name 'k_score'", () -> ddl(x -> catalog.createIndex(x, "db", "users",
                new IndexDef(0, "k_score", false, false, List.of(IndexPart.of(1))))));
    }

    @Test
    void dmlWithADefinitionReplacedByConcurrentDdlFailsWith1213() {
        insertUsers();
        TableDef before = users();
        Transaction dml = tm.begin();
        tables.store(before).insert(dml, new Object[] {null, "late", null, null});
        ddl(t -> catalog.createIndex(t, "db", "users", new IndexDef(0, "k_score", false, false, List.of(IndexPart.of(2)))));
        assertEquals(1213, assertThrows(SqlException.class, dml::commit).errorCode());
        // with the new definition the same insert goes through and is indexed
        ddl(t -> tables.store(users()).insert(t, new Object[] {null, "late", null, null}));
        Transaction r = tm.begin(true);
        try (RowIterator it = tables.store(users()).scanIndex(r, users().index("k_score").orElseThrow(), KeyRange.point((Object) null), false)) {
            int n = 0;
            while (it.next() != null) n++;
            assertEquals(2, n); // bob and late
        }
    }

    @Test
    void ddlFailsWhenRowsWereCommittedAfterItsSnapshot() {
        insertUsers();
        Transaction ddl = tm.begin();
        ddl.startSnapshot();
        ddl(t -> tables.store(users()).insert(t, new Object[] {null, "late", null, null}));
        catalog.createIndex(ddl, "db", "users", new IndexDef(0, "k_score", false, false, List.of(IndexPart.of(2))));
        assertEquals(1213, assertThrows(SqlException.class, ddl::commit).errorCode());
        assertTrue(users().index("k_score").isEmpty());
        // writes to other tables do not disturb DDL
        ddl(t -> catalog.createTable(t, usersSpec().withName("db", "other"), false));
        Transaction ddl2 = tm.begin();
        ddl2.startSnapshot();
        ddl(t -> tables.store(catalog.snapshot().table("db", "other").orElseThrow()).insert(t, new Object[] {null, "x", null, null}));
        catalog.createIndex(ddl2, "db", "users", new IndexDef(0, "k_score", false, false, List.of(IndexPart.of(2))));
        assertDoesNotThrow(ddl2::commit);
    }

    @Test
    void metadataOnlyDdlSucceedsWhileRowsChange() {
        insertUsers();
        Transaction ddl = tm.begin();
        ddl.startSnapshot();
        ddl(t -> tables.store(users()).insert(t, new Object[] {null, "late", null, null}));
        catalog.addColumn(ddl, "db", "users", ColumnDef.of("extra", SqlType.INT, true), -1);
        assertDoesNotThrow(ddl::commit);
        assertEquals(3, rows(users()).size());
    }

    @Test
    void droppingThePrimaryKeyMovesRowsToHiddenIds() {
        List<ColumnDef> cols = List.of(ColumnDef.of("k", SqlType.INT, false), ColumnDef.of("v", SqlType.varchar(5), true));
        ddl(t -> catalog.createTable(t, new TableDef(0, "db", "kv", cols,
                List.of(new IndexDef(0, "PRIMARY", true, true, List.of(IndexPart.of(0)))), null), false));
        TableDef kv = catalog.snapshot().table("db", "kv").orElseThrow();
        ddl(t -> {
            tables.store(kv).insert(t, new Object[] {1L, "a"});
            tables.store(kv).insert(t, new Object[] {2L, "b"});
        });
        ddl(t -> catalog.dropIndex(t, "db", "kv", "PRIMARY"));
        TableDef after = catalog.snapshot().table("db", "kv").orElseThrow();
        assertTrue(after.hasHiddenRowId());
        List<Object[]> r = rows(after);
        assertEquals(2, r.size());
        assertEquals(3, r.getFirst().length);
        assertEquals("a", r.getFirst()[1]);
    }
}
