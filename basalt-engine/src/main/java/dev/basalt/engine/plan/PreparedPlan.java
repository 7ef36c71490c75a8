package dev.basalt.engine.plan;

import dev.basalt.engine.api.ColumnInfo;
import dev.basalt.engine.catalog.TableDef;
import dev.basalt.engine.exec.TableScanOperator;
import dev.basalt.engine.stats.Histogram;
import dev.basalt.engine.stats.TableStats;
import dev.basalt.engine.table.TableStore;
import dev.basalt.sql.ast.Statement;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The plan cache of one prepared statement (a SELECT, or the target rows of an UPDATE / DELETE):
 * at most one kept plan, reused by the executions that
 * match what it was made under (the statement's {@link #signature}) and that find its table
 * unchanged. What is kept and when it is valid is decided in statement.PlanReuse; this class only
 * holds it, and tells a running SELECT which prepared statement it belongs to.
 */
public final class PreparedPlan {

    private static final ScopedValue<PreparedPlan> CURRENT = ScopedValue.newInstance();

    private final Statement statement;
    private Kept kept;
    /** The statement cannot keep a plan (its shape, or its plan depends on the values): plan every time. */
    private boolean never;
    private long made, reused;

    public PreparedPlan(Statement statement) { this.statement = statement; }

    /** Runs one execution of the prepared statement. */
    public <T> T with(Supplier<T> body) {
        return ScopedValue.where(CURRENT, this).call(body::get);
    }

    /** The plan cache of {@code st} if it is the prepared statement being executed (not a statement inside it). */
    public static PreparedPlan forStatement(Statement st) {
        if (!CURRENT.isBound()) return null;
        PreparedPlan p = CURRENT.get();
        return p.statement == st ? p : null;
    }

    /**
     * A plan kept between executions, with what it was made under.
     *
     * @param signature  the current database, variable versions and parameter kinds it was made for
     * @param table      the table definition it reads (DDL, a TEMPORARY table shadowing it: another one)
     * @param store      the table's storage it reads (TRUNCATE may replace it)
     * @param stats      ANALYZE TABLE's statistics and the histograms the planner saw (by identity)
     * @param target     the rows a kept UPDATE / DELETE changes (with their scope), null for a SELECT
     */
    public record Kept(List<Object> signature, PlannedQuery planned, QueryPlanner planner, List<ColumnInfo> columns,
                       ParameterSlots slots, TableScanOperator scan, String database, String tableName,
                       TableDef table, TableStore store, TableStats stats, Map<String, Histogram> histograms,
                       boolean[] inUse, QueryPlanner.TableRows target) {
        public Kept {
            if (inUse == null) inUse = new boolean[1];
        }

        /** A SELECT's plan. */
        public Kept(List<Object> signature, PlannedQuery planned, QueryPlanner planner, List<ColumnInfo> columns,
                    ParameterSlots slots, TableScanOperator scan, String database, String tableName,
                    TableDef table, TableStore store, TableStats stats, Map<String, Histogram> histograms,
                    boolean[] inUse) {
            this(signature, planned, planner, columns, slots, scan, database, tableName, table, store, stats,
                    histograms, inUse, null);
        }

        /** An execution holds it from planning until its cursor is drained or closed. */
        public boolean busy() { return inUse[0]; }

        public void take() { inUse[0] = true; }

        public void release() { inUse[0] = false; }
    }

    public Kept kept() { return kept; }

    public void keep(Kept k) {
        kept = k;
        made++;
    }

    /** Forgets the kept plan (it no longer matches); the next execution plans again. */
    public void drop() { kept = null; }

    /** This statement plans at every execution from now on. */
    public void never() {
        never = true;
        kept = null;
    }

    public boolean isNever() { return never; }

    public void countReuse() { reused++; }

    /** How many plans were kept (the first one, then one per invalidation). */
    public long made() { return made; }

    /** How many executions ran a kept plan without planning. */
    public long reused() { return reused; }
}
