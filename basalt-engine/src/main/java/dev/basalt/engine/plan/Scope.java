package dev.basalt.engine.plan;

import dev.basalt.engine.api.ErrorCode;
import dev.basalt.engine.api.SqlException;

import java.util.ArrayList;
import java.util.List;

/**
 * The columns one query block can see, in row order, plus the enclosing block's scope for
 * correlated references. {@link #currentRow} is set by a subquery expression of this block
 * before it runs the subquery, so the subquery's outer references can read it.
 */
public final class Scope {

    /** The row of this scope a subquery is currently being evaluated for. */
    public static final class RowHolder {
        public Object[] row;
    }

    private final List<PlanColumn> columns;
    private final Scope outer;
    private final RowHolder currentRow = new RowHolder();
    /** Column names merged by USING / NATURAL joins -> the column an unqualified name means. */
    private final java.util.Map<String, Integer> coalesced = new java.util.HashMap<>();
    private final java.util.BitSet hiddenFromStar = new java.util.BitSet();
    private boolean correlatedReferenced;
    /** Columns from this index on are reachable only by qualified names (the proposed row of ON DUPLICATE KEY UPDATE). */
    private int qualifiedOnlyFrom = Integer.MAX_VALUE;

    /** Set while a grouped block binds SELECT/HAVING/ORDER BY: its rows are then aggregation output rows. */
    private ExprBinder.Grouping grouping;

    public ExprBinder.Grouping grouping() { return grouping; }

    public void setGrouping(ExprBinder.Grouping g) { grouping = g; }

    public Scope(List<PlanColumn> columns, Scope outer) {
        this.columns = columns;
        this.outer = outer;
    }

    public static Scope empty(Scope outer) { return new Scope(List.of(), outer); }

    public List<PlanColumn> columns() { return columns; }

    public Scope outer() { return outer; }

    public RowHolder currentRow() { return currentRow; }

    public void setQualifiedOnlyFrom(int index) { qualifiedOnlyFrom = index; }

    public void addCoalesced(String name, int index) { coalesced.put(name.toLowerCase(java.util.Locale.ROOT), index); }

    /** SELECT * skips this column (the second column of a USING pair). */
    public void hideFromStar(int index) { hiddenFromStar.set(index); }

    public boolean hiddenFromStar(int index) { return hiddenFromStar.get(index); }

    /** True once a subquery bound in this scope referenced a column of an enclosing scope. */
    public boolean correlatedReferenced() { return correlatedReferenced; }

    void markCorrelated() { correlatedReferenced = true; }

    /**
     * Index of the column in this scope, -1 if absent. Raises 1052 when an unqualified name
     * matches columns of two tables.
     */
    public int find(String schema, String table, String name, String clause) {
        if (table == null && schema == null && !coalesced.isEmpty()) {
            Integer c = coalesced.get(name.toLowerCase(java.util.Locale.ROOT));
            if (c != null) return c;
        }
        int found = -1;
        for (int i = 0; i < columns.size(); i++) {
            PlanColumn c = columns.get(i);
            if (!c.name().equalsIgnoreCase(name)) continue;
            if (table != null && !c.table().equals(table)) continue;
            if (table == null && i >= qualifiedOnlyFrom) continue;
            if (schema != null && !c.schema().equals(schema)) continue;
            if (found >= 0) {
                throw new SqlException(ErrorCode.ER_NON_UNIQ, name, clause);
            }
            found = i;
        }
        return found;
    }

}
