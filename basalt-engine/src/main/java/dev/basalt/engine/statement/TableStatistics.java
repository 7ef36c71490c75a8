package dev.basalt.engine.statement;

import dev.basalt.engine.BasaltEngine;
import dev.basalt.engine.catalog.ColumnDef;
import dev.basalt.engine.catalog.IndexDef;
import dev.basalt.engine.catalog.TableDef;
import dev.basalt.engine.txn.Transaction;
import dev.basalt.engine.types.SqlType;

/**
 * The size figures of SHOW TABLE STATUS and information_schema.TABLES. Like InnoDB's, they are
 * estimates: the row count is the planner's running count, and lengths are that count times a
 * row width guessed from the column types, rounded up to 16 KiB pages as InnoDB reports them.
 * GUI tools show them as table sizes; nothing depends on their precision.
 */
record TableStatistics(long rows, long avgRowLength, long dataLength, long indexLength, Long autoIncrement) {

    private static final long PAGE = 16384;
    /** InnoDB's per-row header, transaction id and roll pointer. */
    private static final long ROW_OVERHEAD = 18;

    static TableStatistics of(BasaltEngine engine, Transaction t, TableDef td) {
        long rows = engine.tables().rowCountEstimate(t, td);
        Long next = td.autoIncrementColumn() < 0 ? null : engine.tables().peekAutoIncrement(t, td);
        TableStatistics sized = ofRows(td, rows);
        return new TableStatistics(rows, sized.avgRowLength, sized.dataLength, sized.indexLength, next);
    }

    /** The lengths of {@code rows} rows of the table (a partition's share; no AUTO_INCREMENT figure). */
    static TableStatistics ofRows(TableDef td, long rows) {
        long width = ROW_OVERHEAD;
        for (ColumnDef c : td.columns()) width += width(c.type());
        long data = pages(rows * width);
        long secondary = 0;
        for (IndexDef ix : td.indexes()) if (!ix.primary()) secondary++;
        long index = secondary * pages(rows * 16);
        return new TableStatistics(rows, rows == 0 ? 0 : data / rows, data, secondary == 0 ? 0 : index, null);
    }

    private static long pages(long bytes) {
        return Math.max(1, (bytes + PAGE - 1) / PAGE) * PAGE;
    }

    /** Typical stored bytes of a value: declared sizes for fixed types, half the limit for strings. */
    private static long width(SqlType type) {
        return switch (type.kind()) {
            case TINYINT, BIT, YEAR -> 1;
            case SMALLINT -> 2;
            case MEDIUMINT, DATE -> 3;
            case INT, FLOAT, TIME -> 4;
            case TIMESTAMP -> 4 + (type.scale() + 1) / 2;
            case BIGINT, DOUBLE, DATETIME -> 8;
            case DECIMAL -> type.precision() / 2 + 1;
            case CHAR, BINARY -> Math.max(1, type.length());
            case VARCHAR, VARBINARY -> 2 + Math.min(768, Math.max(1, type.length()) / 2);
            case ENUM, SET -> 2;
            default -> 20; // TEXT, BLOB, JSON and geometry: typical off-page reference size
        };
    }
}
