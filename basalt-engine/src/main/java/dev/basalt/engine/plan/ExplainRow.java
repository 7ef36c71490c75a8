package dev.basalt.engine.plan;

import java.util.function.LongSupplier;

/**
 * One table access the planner chose, as EXPLAIN shows it (type: const, ref, range, index, ALL).
 * {@code keyLen}, {@code ref} and {@code rows} are null where the planner has nothing to say;
 * {@code rows} is computed only when EXPLAIN shows it, since it may need the table's row count.
 * @param partitions the partitions read (EXPLAIN's partitions column), null for a table without partitions
 * @param recordLength the table's row length in MySQL's record format ({@link RecordLength}), 0 when unknown
 * @param usedColumns the table's columns the statement reads (FORMAT=JSON's used_columns), null when unknown
 * @param attachedCondition the conditions checked on the rows read, as MySQL prints them in FORMAT=JSON
 *                          ({@code (`db`.`t`.`v` > 5)}), null when none is
 */
public record ExplainRow(String table, String type, String key, String extra, String partitions, String possibleKeys,
                         String keyLen, String ref, LongSupplier rows, java.util.function.DoubleSupplier filtered,
                         int recordLength, java.util.List<String> usedColumns, String attachedCondition) {

    public ExplainRow(String table, String type, String key, String extra, String partitions, String possibleKeys,
                      String keyLen, String ref, LongSupplier rows, java.util.function.DoubleSupplier filtered,
                      int recordLength) {
        this(table, type, key, extra, partitions, possibleKeys, keyLen, ref, rows, filtered, recordLength, null, null);
    }

    public ExplainRow(String table, String type, String key, String extra, String partitions, String possibleKeys,
                      String keyLen, String ref, LongSupplier rows, java.util.function.DoubleSupplier filtered) {
        this(table, type, key, extra, partitions, possibleKeys, keyLen, ref, rows, filtered, 0);
    }

    public ExplainRow(String table, String type, String key, String extra, String partitions, String possibleKeys,
                      String keyLen, String ref, LongSupplier rows) {
        this(table, type, key, extra, partitions, possibleKeys, keyLen, ref, rows, null);
    }

    public ExplainRow(String table, String type, String key, String extra) {
        this(table, type, key, extra, null);
    }

    public ExplainRow(String table, String type, String key, String extra, String partitions) {
        this(table, type, key, extra, partitions, key, null, null, null);
    }

    /** The row of a native table read through {@code access}; {@code rows} estimates the rows it reads. */
    static ExplainRow of(String table, dev.basalt.engine.catalog.TableDef def, AccessPlanner.Access access, String extra,
                         String partitions, LongSupplier rows) {
        String key = access.index() == null ? null : access.index().name();
        LongSupplier shown = "const".equals(access.type()) || "eq_ref".equals(access.type()) ? () -> 1 : rows;
        return new ExplainRow(table, access.type(), key, extra, partitions, key, KeyLength.of(def, access),
                KeyLength.ref(access), shown, null, RecordLength.of(def));
    }

    /** The same row with another Extra. */
    ExplainRow withExtra(String extra) {
        return new ExplainRow(table, type, key, extra, partitions, possibleKeys, keyLen, ref, rows, filtered, recordLength,
                usedColumns, attachedCondition);
    }

    /** The same row with EXPLAIN's filtered (percent of the rows read that the conditions keep) estimated. */
    ExplainRow withFiltered(java.util.function.DoubleSupplier percent) {
        return new ExplainRow(table, type, key, extra, partitions, possibleKeys, keyLen, ref, rows, percent, recordLength,
                usedColumns, attachedCondition);
    }

    /** The same row with FORMAT=JSON's used_columns and attached_condition. */
    ExplainRow withColumnsAndCondition(java.util.List<String> columns, String condition) {
        return new ExplainRow(table, type, key, extra, partitions, possibleKeys, keyLen, ref, rows, filtered, recordLength,
                columns, condition);
    }

    /** EXPLAIN's filtered column: the estimate when statistics gave one, else 100.00. */
    public String filteredText() {
        return String.format(java.util.Locale.ROOT, "%.2f", filteredPercent());
    }

    /** The filtered percentage as a number, rounded to EXPLAIN's two decimals. */
    public double filteredPercent() {
        double f = filtered == null ? 100 : Math.max(0, Math.min(100, filtered.getAsDouble()));
        return Math.round(f * 100) / 100.0;
    }
}
