package dev.basalt.engine.plan;

/**
 * One table access the planner chose, as EXPLAIN shows it (type: const, ref, range, ALL).
 * @param partitions the partitions read (EXPLAIN's partitions column), null for a table without partitions
 */
public record ExplainRow(String table, String type, String key, String extra, String partitions) {
    public ExplainRow(String table, String type, String key, String extra) {
        this(table, type, key, extra, null);
    }
}
