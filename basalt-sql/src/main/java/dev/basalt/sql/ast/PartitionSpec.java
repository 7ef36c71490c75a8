package dev.basalt.sql.ast;

import java.util.List;

/**
 * PARTITION BY of CREATE / ALTER TABLE.
 * @param kind RANGE, LIST, HASH or KEY
 * @param linear LINEAR HASH / LINEAR KEY
 * @param expression the partitioning expression of RANGE/LIST/HASH (expr), or null for the COLUMNS forms and KEY
 * @param expressionText its source text, or null
 * @param columns the columns of RANGE COLUMNS / LIST COLUMNS / KEY (empty KEY () means the primary key)
 * @param columnsForm RANGE COLUMNS / LIST COLUMNS
 * @param count PARTITIONS n, or 0 when not given
 * @param partitions the named partition definitions, possibly empty for HASH and KEY
 */
public record PartitionSpec(Kind kind, boolean linear, Expression expression, String expressionText,
        List<String> columns, boolean columnsForm, int count, List<Partition> partitions) {
    public enum Kind { RANGE, LIST, HASH, KEY }

    /**
     * One {@code PARTITION name [VALUES LESS THAN (...) | VALUES IN (...)] [options]}.
     * @param lessThan the LESS THAN bounds (a null element is MAXVALUE; the whole list null when absent)
     * @param in the IN value tuples (single-element tuples for LIST (expr)), or null when absent
     * @param comment COMMENT 'text', or null
     */
    public record Partition(String name, List<Expression> lessThan, List<List<Expression>> in, String comment) {}
}
