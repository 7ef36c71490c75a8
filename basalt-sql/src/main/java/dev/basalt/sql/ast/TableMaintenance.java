package dev.basalt.sql.ast;

import java.util.List;

/**
 * ANALYZE / OPTIMIZE / CHECK / REPAIR / CHECKSUM TABLE t, ... (options accepted and dropped).
 * {@code histogram} is set for ANALYZE TABLE t UPDATE / DROP HISTOGRAM ON c, ... (else null).
 */
public record TableMaintenance(Operation operation, List<QualifiedName> tables, HistogramClause histogram) implements Statement {
    public enum Operation { ANALYZE, OPTIMIZE, CHECK, REPAIR, CHECKSUM }

    public TableMaintenance(Operation operation, List<QualifiedName> tables) {
        this(operation, tables, null);
    }

    /**
     * UPDATE HISTOGRAM ON columns [WITH n BUCKETS] (buckets null: MySQL's default, 100) or DROP
     * HISTOGRAM ON columns; {@code usingData} is the JSON of UPDATE ... USING DATA 'json' (else null).
     */
    public record HistogramClause(boolean drop, List<String> columns, Long buckets, String usingData) {}
}
