package dev.basalt.engine.statement;

import dev.basalt.engine.api.ColumnInfo;
import dev.basalt.engine.catalog.TableDef;
import dev.basalt.engine.exec.Operator;
import dev.basalt.engine.exec.TableScanOperator;
import dev.basalt.engine.plan.BoundParameters;
import dev.basalt.engine.plan.ParameterSlots;
import dev.basalt.engine.plan.PlanColumn;
import dev.basalt.engine.plan.PlannedQuery;
import dev.basalt.engine.plan.PreparedPlan;
import dev.basalt.engine.plan.QueryPlanner;
import dev.basalt.engine.session.BasaltSession;
import dev.basalt.engine.txn.Transaction;
import dev.basalt.sql.ast.Assignment;
import dev.basalt.sql.ast.BaseTable;
import dev.basalt.sql.ast.Expression;
import dev.basalt.sql.ast.OrderItem;
import dev.basalt.sql.ast.Query;
import dev.basalt.sql.ast.Select;
import dev.basalt.sql.ast.Statement;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The plan cache of prepared SELECTs, and of the target rows of prepared single-table UPDATE and
 * DELETE statements: plan once, run again with new parameter values.
 *
 * <p>What is kept: a single-table SELECT made of plain expressions ({@link ReusableShape}) whose
 * planning never read a parameter value (placeholders are runtime slots, see {@link ParameterSlots};
 * index ranges are computed when the scan opens) and whose operator tree holds only operators
 * that restart cleanly, over one non-locking scan of a base table. Everything else plans at every
 * execution, as before.
 *
 * <p>When it is made again (safety first: any doubt re-plans): another current database, any SET
 * of a session or global variable, other kinds of parameter values, another definition of the
 * table (ALTER, CREATE/DROP INDEX, DROP + CREATE, RENAME away and back, a TEMPORARY table shadowing
 * it), another storage (TRUNCATE), new ANALYZE TABLE statistics or histograms. Privileges are not
 * part of the plan: every execution is checked by the statement dispatcher first, so a REVOKE
 * applies at the next execution.
 */
final class PlanReuse {
    private PlanReuse() {}

    /** A plan ready to open, and what to do when its execution is over. */
    record Planned(Operator root, List<ColumnInfo> columns, QueryPlanner planner, Runnable release) {}

    /** Operators that hold no state across open()/close() beyond what open() resets. */
    private static final Set<Class<?>> RESTARTABLE = Set.of(
            dev.basalt.engine.exec.FilterOperator.class, dev.basalt.engine.exec.ProjectOperator.class,
            dev.basalt.engine.exec.LimitOperator.class, dev.basalt.engine.exec.SortOperator.class,
            dev.basalt.engine.exec.StreamAggregateOperator.class, dev.basalt.engine.exec.HashAggregateOperator.class,
            dev.basalt.engine.exec.DistinctOperator.class, TableScanOperator.class);

    private static final Runnable NOTHING = () -> { };

    /**
     * {@code -Dbasalt.planCache=off} plans every execution as before the cache existed: for
     * measuring the cache (bench/plancache.sh runs both ways in one run), and as an escape hatch.
     */
    private static final boolean ENABLED = !"off".equalsIgnoreCase(System.getProperty("basalt.planCache", "on"));

    static Planned plan(BasaltSession s, StatementRunner runner, Query q, Transaction t, boolean lock) {
        PreparedPlan cache = lock || !ENABLED ? null : PreparedPlan.forStatement(q);
        if (cache == null || cache.isNever()) return fresh(runner, q, t, lock);
        Object[] values = BoundParameters.current();
        List<Object> signature = signature(s, values);
        PreparedPlan.Kept k = cache.kept();
        if (k != null && k.busy()) return fresh(runner, q, t, lock); // its cursor is still open (a PG portal)
        if (k != null && k.signature().equals(signature) && stillValid(s, k, t)) {
            k.slots().set(values);
            k.scan().rebind(t);
            k.take();
            cache.countReuse();
            return new Planned(k.planned().root(), k.columns(), k.planner(), k::release);
        }
        cache.drop();
        if (!(q instanceof Select sel) || !ReusableShape.accepts(sel)) {
            cache.never();
            return fresh(runner, q, t, lock);
        }
        return planToKeep(s, runner, sel, t, cache, signature, values);
    }

    private static Planned planToKeep(BasaltSession s, StatementRunner runner, Select sel, Transaction t,
                                      PreparedPlan cache, List<Object> signature, Object[] values) {
        ParameterSlots slots = new ParameterSlots(values);
        int warnings = s.currentWarnings().size();
        QueryPlanner planner = new QueryPlanner(runner.queryContext(t, false));
        PlannedQuery p;
        slots.planning(true);
        try {
            p = BoundParameters.withSlots(slots, () -> planner.plan(sel, null));
        } finally {
            slots.planning(false);
        }
        List<ColumnInfo> columns = columns(p);
        // the slots hold this execution's values, so the plan serves it even when it cannot be kept
        Planned once = new Planned(p.root(), columns, planner, NOTHING);
        if (slots.peeked() || s.currentWarnings().size() != warnings) {
            cache.never(); // planning used a value (folded it, LIMIT ?, a histogram), or warned about one
            return once;
        }
        TableScanOperator scan = singleScan(p.root());
        BaseTable from = (BaseTable) sel.from();
        String db = from.name().schema() != null ? from.name().schema() : s.database();
        TableDef def = scan == null || db == null ? null : resolve(s, t, db, from.name().name());
        if (def == null || scan.store().def() != def || scan.locksRows()) {
            cache.never(); // a view, a virtual or external table, a join-like tree: not kept
            return once;
        }
        PreparedPlan.Kept k = new PreparedPlan.Kept(signature, p, planner, columns, slots, scan, db,
                from.name().name(), def, scan.store(), scan.store().statistics(t), scan.store().histograms(t), null);
        k.take();
        cache.keep(k);
        return new Planned(p.root(), columns, planner, k::release);
    }

    /**
     * The rows a single-table UPDATE or DELETE changes, with the planner that made them. A prepared
     * statement keeps them as a SELECT keeps its plan, under the same rules, when its expressions are
     * plain ({@link ReusableShape#acceptsTarget}): in autocommit a plain scan, in a transaction a
     * locking one (InnoDB's current read: its row locks, gap locks and latest-version reads happen
     * when the scan opens and reads, at each execution); switching between the two plans again. The
     * caller opens the rows once per execution and drains them before anything else runs, so no
     * execution can find them in use.
     */
    static QueryPlanner.TableRows target(BasaltSession s, StatementRunner runner, Statement st, BaseTable table,
                                         Expression where, List<OrderItem> orderBy, Expression limit,
                                         List<Assignment> assignments, Transaction t, boolean lock,
                                         QueryPlanner[] plannerOut) {
        PreparedPlan cache = !ENABLED ? null : PreparedPlan.forStatement(st);
        if (cache == null || cache.isNever()) return freshTarget(runner, table, where, orderBy, limit, t, lock, plannerOut);
        Object[] values = BoundParameters.current();
        List<Object> signature = signature(s, values);
        signature.add(lock); // a locking scan (in a transaction) and a plain one (autocommit) are two plans
        PreparedPlan.Kept k = cache.kept();
        if (k != null && k.target() != null && k.signature().equals(signature) && stillValid(s, k, t)) {
            k.slots().set(values);
            k.scan().rebind(t);
            cache.countReuse();
            plannerOut[0] = k.planner();
            return k.target();
        }
        cache.drop();
        if (!ReusableShape.acceptsTarget(table, where, orderBy, limit, assignments)) {
            cache.never();
            return freshTarget(runner, table, where, orderBy, limit, t, lock, plannerOut);
        }
        ParameterSlots slots = new ParameterSlots(values);
        int warnings = s.currentWarnings().size();
        QueryPlanner planner = new QueryPlanner(runner.queryContext(t, false));
        plannerOut[0] = planner;
        QueryPlanner.TableRows rows;
        slots.planning(true);
        try {
            rows = BoundParameters.withSlots(slots,
                    () -> planner.planTableRows(table.name(), table.alias(), where, orderBy, limit, lock));
        } finally {
            slots.planning(false);
        }
        if (slots.peeked() || s.currentWarnings().size() != warnings) {
            cache.never();
            return rows;
        }
        TableScanOperator scan = singleScan(rows.rows());
        String db = table.name().schema() != null ? table.name().schema() : s.database();
        TableDef def = scan == null || db == null ? null : resolve(s, t, db, table.name().name());
        if (def == null || def != rows.table() || scan.store().def() != def || scan.locksRows() != lock) {
            cache.never();
            return rows;
        }
        cache.keep(new PreparedPlan.Kept(signature, new PlannedQuery(rows.rows(), List.of(), false), planner,
                List.of(), slots, scan, db, table.name().name(), def, scan.store(), scan.store().statistics(t),
                scan.store().histograms(t), null, rows));
        return rows;
    }

    private static QueryPlanner.TableRows freshTarget(StatementRunner runner, BaseTable table, Expression where,
                                                      List<OrderItem> orderBy, Expression limit, Transaction t,
                                                      boolean lock, QueryPlanner[] plannerOut) {
        QueryPlanner planner = new QueryPlanner(runner.queryContext(t, false));
        plannerOut[0] = planner;
        return planner.planTableRows(table.name(), table.alias(), where, orderBy, limit, lock);
    }

    /** Plans as every non-prepared statement does. */
    static Planned fresh(StatementRunner runner, Query q, Transaction t, boolean lock) {
        QueryPlanner planner = new QueryPlanner(runner.queryContext(t, lock));
        PlannedQuery p = planner.plan(q, null);
        return new Planned(p.root(), columns(p), planner, NOTHING);
    }

    private static List<ColumnInfo> columns(PlannedQuery p) {
        List<ColumnInfo> columns = new ArrayList<>();
        for (PlanColumn c : p.columns()) columns.add(c.info());
        return List.copyOf(columns);
    }

    /**
     * What a kept plan is made for besides its table: the current database, the versions of the
     * session's and the global variables (any SET), and each parameter's kind of value (a plan made
     * for an integer compares as integers; NULL is a kind of its own).
     */
    private static List<Object> signature(BasaltSession s, Object[] values) {
        List<Object> sig = new ArrayList<>(values.length + 3);
        sig.add(String.valueOf(s.database()));
        sig.add(s.variables().version());
        sig.add(s.variables().system().version());
        for (Object v : values) sig.add(kind(v));
        return sig;
    }

    /**
     * A value's kind for the signature: the type a literal of it has (a DATETIME with or without
     * fractions, a DECIMAL's precision), except that strings and bytes are one kind whatever their
     * length (the length of a placeholder's type matters to no comparison).
     */
    private static Object kind(Object v) {
        if (v == null) return "NULL";
        if (v instanceof String || v instanceof byte[]) return v.getClass();
        return BoundParameters.literal(v).type();
    }

    /** The table as this session sees it now (a TEMPORARY one first), or null. */
    private static TableDef resolve(BasaltSession s, Transaction t, String db, String name) {
        return s.engine().catalog().snapshot(t).forSession(s.connectionId()).table(db, name).orElse(null);
    }

    private static boolean stillValid(BasaltSession s, PreparedPlan.Kept k, Transaction t) {
        TableDef now = resolve(s, t, k.database(), k.tableName());
        if (now != k.table()) return false;
        if (s.engine().tables().store(now) != k.store()) return false;
        return k.store().statistics(t) == k.stats() && k.store().histograms(t) == k.histograms();
    }

    /** The tree's only table scan when every operator in it restarts cleanly, else null. */
    private static TableScanOperator singleScan(Operator root) {
        List<TableScanOperator> scans = new ArrayList<>();
        if (!collect(root, scans) || scans.size() != 1) return null;
        return scans.getFirst();
    }

    private static boolean collect(Operator op, List<TableScanOperator> scans) {
        if (!RESTARTABLE.contains(op.getClass())) return false;
        if (op instanceof TableScanOperator scan) scans.add(scan);
        for (Operator in : op.inputs()) if (!collect(in, scans)) return false;
        return true;
    }
}
