package dev.basalt.engine.exec;

import dev.basalt.engine.catalog.IndexDef;
import dev.basalt.engine.table.KeyRange;
import dev.basalt.engine.table.RowIterator;
import dev.basalt.engine.table.TableStore;
import dev.basalt.engine.txn.Transaction;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * MySQL's loose index scan ("Using index for group-by"): GROUP BY the first parts of an index
 * with only MIN/MAX of the next part, read as a few seeks per group instead of every entry. For
 * each group (in key order) it returns the group's first entry, then the first entry with a
 * non-NULL value (for MIN) and the last one (for MAX); aggregating those rows gives what all the
 * group's rows would. The rows of one group come together, so a streaming aggregate can follow.
 */
public final class GroupSkipScanOperator implements Operator {
    private final TableStore store;
    private final Transaction txn;
    private final IndexDef index;
    private final Supplier<List<KeyRange>> ranges;
    private final int[] groupColumns;
    private final boolean min, max, indexOnly;
    private final String alias;
    private final ArrayDeque<Object[]> pending = new ArrayDeque<>();
    private List<KeyRange> todo;
    private int range;
    private List<Object> lastGroup;
    /** The client statement's counters: each seek is a Read_key, each entry found a row examined. */
    private final StatementScans scans = StatementScans.current();

    /**
     * @param groupColumns table columns of the index's first parts (the GROUP BY columns)
     * @param min,max      whether MIN / MAX of the next index part are asked for
     */
    public GroupSkipScanOperator(TableStore store, Transaction txn, IndexDef index, Supplier<List<KeyRange>> ranges,
                                 int[] groupColumns, boolean min, boolean max, boolean indexOnly, String alias) {
        this.store = store;
        this.txn = txn;
        this.index = index;
        this.ranges = ranges;
        this.groupColumns = groupColumns;
        this.min = min;
        this.max = max;
        this.indexOnly = indexOnly;
        this.alias = alias;
    }

    @Override public void open() {
        todo = ranges.get();
        range = 0;
        lastGroup = null;
        pending.clear();
    }

    @Override public Object[] next() {
        while (pending.isEmpty()) {
            if (todo == null || range >= todo.size()) return null;
            KeyRange r = todo.get(range);
            // the next group: the first entry past every entry of the last one
            KeyRange rest = lastGroup == null ? r : new KeyRange(lastGroup, false, r.upper(), r.upperInclusive());
            Object[] first = first(rest, false);
            if (first == null) {
                range++;
                lastGroup = null;
                continue;
            }
            List<Object> group = new ArrayList<>(groupColumns.length);
            for (int c : groupColumns) group.add(first[c]);
            pending.add(first);
            // the group's entries with a value: NULLs sort first, so start past (group..., NULL)
            List<Object> valued = new ArrayList<>(group);
            valued.add(null);
            KeyRange values = new KeyRange(valued, false, group, true);
            if (min) addIfFound(first(values, false));
            if (max) addIfFound(first(values, true));
            lastGroup = group;
        }
        return pending.poll();
    }

    private void addIfFound(Object[] row) {
        if (row != null) pending.add(row);
    }

    /** The first (or, reversed, the last) row of the range, or null. */
    private Object[] first(KeyRange r, boolean reverse) {
        Cancellation.check();
        try (RowIterator it = store.scanIndex(txn, index, r, reverse, indexOnly)) {
            Object[] row = it.next();
            if (scans != null) {
                scans.read(StatementScans.Read.KEY, 1);
                scans.examined(row == null ? 0 : 1, false);
            }
            return row;
        }
    }

    @Override public void close() {
        pending.clear();
        todo = null;
    }

    @Override public String explainLabel() {
        return (indexOnly ? "Covering index" : "Index") + " skip scan for grouping on " + alias + " using " + index.name();
    }
}
