package dev.basalt.engine.exec;

/**
 * The first table of a query block: the operator its rows start from, found by following each
 * step's first input (a join's outer side). MySQL counts a block whose first table is read whole
 * in Select_scan and one read by a range in Select_range; the planner marks that table's scan so
 * its first open counts there.
 */
public final class FirstTable {
    private FirstTable() {}

    /** The leaf reached through first inputs (the block's first table's scan when it reads a table). */
    public static Operator of(Operator op) {
        while (!op.inputs().isEmpty()) op = op.inputs().getFirst();
        return op;
    }

    /** Marks the block {@code op} reads as having its first table there, when that is a table scan. */
    public static void mark(Operator op) {
        if (of(op) instanceof TableScanOperator t) t.firstOfBlock();
    }
}
