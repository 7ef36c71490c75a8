package dev.basalt.engine.statement;

import dev.basalt.engine.catalog.CatalogSnapshot;
import dev.basalt.engine.catalog.DatabaseDef;
import dev.basalt.engine.catalog.TableDef;
import dev.basalt.engine.partition.Partitioning;
import dev.basalt.engine.security.AccessCheck;
import dev.basalt.engine.session.BasaltSession;
import dev.basalt.engine.table.RowIterator;
import dev.basalt.engine.txn.Transaction;
import dev.basalt.engine.types.SqlType;
import dev.basalt.engine.types.TypeKind;

import java.util.List;

/**
 * information_schema.PARTITIONS as MySQL 8 fills it: one row per partition of a partitioned table,
 * one row with NULL partition columns for every other table, typed as MySQL 8's columns.
 *
 * Size figures are InnoDB-style estimates ({@link TableStatistics}). A table that is not partitioned
 * shows its table figures. Partitions share their table's storage, so nothing keeps a per-partition
 * count: a partitioned table is scanned (in the statement's snapshot) and each row's partition
 * computed, which costs one pass over each partitioned table the session may see.
 */
final class PartitionTables {
    private PartitionTables() {}

    private static final SqlType NAME = SqlType.varchar(64);
    private static final SqlType UINT = new SqlType(TypeKind.INT, 10, 0, 0, true, false, List.of(), null);
    private static final SqlType UBIGINT = SqlType.BIGINT_UNSIGNED;

    /** Column names and types, as MySQL 8.0's information_schema.PARTITIONS declares them. */
    static final Object[] COLUMNS = {
            "TABLE_CATALOG", NAME, "TABLE_SCHEMA", NAME, "TABLE_NAME", NAME, "PARTITION_NAME", NAME,
            "SUBPARTITION_NAME", NAME, "PARTITION_ORDINAL_POSITION", UINT, "SUBPARTITION_ORDINAL_POSITION", UINT,
            "PARTITION_METHOD", SqlType.varchar(13), "SUBPARTITION_METHOD", SqlType.varchar(13),
            "PARTITION_EXPRESSION", SqlType.varchar(2048), "SUBPARTITION_EXPRESSION", SqlType.varchar(2048),
            "PARTITION_DESCRIPTION", SqlType.LONGTEXT, "TABLE_ROWS", UBIGINT, "AVG_ROW_LENGTH", UBIGINT,
            "DATA_LENGTH", UBIGINT, "MAX_DATA_LENGTH", UBIGINT, "INDEX_LENGTH", UBIGINT, "DATA_FREE", UBIGINT,
            "CREATE_TIME", SqlType.DATETIME, "UPDATE_TIME", SqlType.DATETIME, "CHECK_TIME", SqlType.DATETIME,
            "CHECKSUM", SqlType.BIGINT, "PARTITION_COMMENT", SqlType.LONGTEXT, "NODEGROUP", SqlType.varchar(256),
            "TABLESPACE_NAME", SqlType.varchar(268)};

    static void rows(BasaltSession s, CatalogSnapshot catalog, List<Object[]> rows) {
        for (DatabaseDef d : catalog.databases()) {
            for (TableDef t : catalog.tables(d.name())) {
                if (s != null && !s.principal().superuser() && !AccessCheck.visibleTable(s, t.database(), t.name())) continue;
                Partitioning p = t.options().partitioning() == null ? null : Partitioning.of(s, t);
                if (p == null) {
                    TableStatistics st = inTransaction(s, tx -> TableStatistics.of(s.engine(), tx, t));
                    rows.add(row(t, null, null, null, null, null, "", st));
                    continue;
                }
                long[] counts = inTransaction(s, tx -> count(s, tx, t, p));
                for (int i = 0; i < p.size(); i++) {
                    rows.add(row(t, p.names().get(i), (long) i + 1, p.method(), p.expressionDisplay(), p.description(i),
                            p.comment(i), TableStatistics.ofRows(t, counts[i])));
                }
            }
        }
    }

    /** The rows of each partition, counted in one pass. */
    private static long[] count(BasaltSession s, Transaction tx, TableDef t, Partitioning p) {
        long[] counts = new long[p.size()];
        try (RowIterator it = s.engine().tables().store(t).scan(tx, false)) {
            for (Object[] r; (r = it.next()) != null; ) counts[p.partitionOf(s, r)]++;
        }
        return counts;
    }

    /** Runs in the statement's transaction, or a short one of its own (as TABLES' statistics do). */
    private static <T> T inTransaction(BasaltSession s, java.util.function.Function<Transaction, T> work) {
        Transaction current = s.currentTransaction();
        return current != null ? work.apply(current) : s.transaction().run(work::apply);
    }

    private static Object[] row(TableDef t, String name, Long position, String method, String expression,
                                String description, String comment, TableStatistics st) {
        return new Object[]{"def", t.database(), t.name(), name, null, position, null, method, null, expression, null,
                description, st.rows(), st.avgRowLength(), st.dataLength(), null, st.indexLength(), 0L, null, null, null,
                null, comment, name == null ? null : "default", null};
    }
}
