package dev.basalt.engine.statement;

import dev.basalt.engine.constraint.TableWriter;
import dev.basalt.engine.api.ErrorCode;
import dev.basalt.engine.api.Result;
import dev.basalt.engine.api.SqlException;
import dev.basalt.engine.catalog.ColumnDef;
import dev.basalt.engine.catalog.TableDef;
import dev.basalt.engine.exec.Rows;
import dev.basalt.engine.expr.Coercion;
import dev.basalt.engine.expr.EvalContext;
import dev.basalt.engine.expr.Expr;
import dev.basalt.engine.plan.AstWalker;
import dev.basalt.engine.plan.ExprBinder;
import dev.basalt.engine.plan.PlanColumn;
import dev.basalt.engine.plan.QueryPlanner;
import dev.basalt.engine.session.BasaltSession;
import dev.basalt.engine.table.TableStore;
import dev.basalt.engine.types.GroupKeys;
import dev.basalt.engine.types.Values;
import dev.basalt.sql.ast.Assignment;
import dev.basalt.sql.ast.BaseTable;
import dev.basalt.sql.ast.ColumnRef;
import dev.basalt.sql.ast.Delete;
import dev.basalt.sql.ast.QualifiedName;
import dev.basalt.sql.ast.TableRef;
import dev.basalt.sql.ast.Update;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * UPDATE and DELETE over joins. The join is read (and materialized) first; then every row of a
 * target table that took part is updated or deleted once, as in MySQL (an UPDATE uses the first
 * joined row that matched it). ORDER BY and LIMIT are not allowed here, as in MySQL.
 */
final class MultiTableDml {
    private MultiTableDml() {}

    /** A table of the FROM clause: its alias, definition and where its columns start in joined rows. */
    private record Target(String alias, TableDef def, int offset) {
        Object[] slice(Object[] joined) {
            Object[] row = new Object[def.rowWidth()];
            System.arraycopy(joined, offset, row, 0, row.length);
            return row;
        }

        /** NULL-extended by an outer join: the table took no part in this joined row. */
        boolean absent(Object[] row) {
            for (Object v : row) if (v != null) return false;
            return true;
        }

        Object key(Object[] row) {
            Object[] parts = new Object[row.length];
            for (int i = 0; i < row.length; i++) {
                parts[i] = Values.groupKey(row[i], i < def.columns().size() ? def.columns().get(i).type()
                        : dev.basalt.engine.types.SqlType.BIGINT);
            }
            return new GroupKeys.Composite(parts);
        }
    }

    /**
     * Reads the joined rows. A locking read (multi-statement transaction) locks the rows of the
     * tables the statement writes exclusively and those of the tables it only reads in share mode,
     * as InnoDB does.
     */
    private static List<Object[]> drainLocking(dev.basalt.engine.txn.Transaction t, QueryPlanner.JoinRows jr,
                                               java.util.Collection<Target> all, java.util.Collection<Target> written) {
        java.util.Set<Integer> readOnly = new java.util.HashSet<>();
        for (Target x : all) readOnly.add(x.def().tableId());
        for (Target x : written) readOnly.remove(x.def().tableId());
        t.setSharedReadTables(readOnly.isEmpty() ? null : readOnly);
        try {
            return Rows.drain(jr.rows());
        } finally {
            t.setSharedReadTables(null);
        }
    }

    /** The base tables of the FROM clause by alias, with their column offsets in the joined rows. */
    private static Map<String, Target> targets(BasaltSession s, StatementRunner runner, dev.basalt.engine.txn.Transaction t,
                                               TableRef from, List<PlanColumn> columns) {
        Map<String, Target> out = new LinkedHashMap<>();
        List<BaseTable> tables = new ArrayList<>();
        AstWalker.any(from, n -> {
            if (n instanceof BaseTable bt) tables.add(bt);
            return false;
        });
        for (BaseTable bt : tables) {
            String alias = bt.alias() != null ? bt.alias() : bt.name().name();
            TableDef def = runner.table(t, bt.name());
            int offset = -1;
            for (int i = 0; i < columns.size(); i++) {
                if (columns.get(i).table().equals(alias)) {
                    offset = i;
                    break;
                }
            }
            if (offset >= 0) out.put(alias, new Target(alias, def, offset));
        }
        return out;
    }

    static Result update(BasaltSession s, StatementRunner runner, Update u) {
        if (u.orderBy() != null && !u.orderBy().isEmpty() || u.limit() != null) {
            throw new SqlException(ErrorCode.ER_WRONG_USAGE, "UPDATE", "ORDER BY");
        }
        return DmlStatements.write(s, t -> {
            // in a multi-statement transaction: lock the rows read and work on their latest versions (current read)
            QueryPlanner planner = new QueryPlanner(runner.queryContext(t, DmlStatements.currentRead(t)));
            QueryPlanner.JoinRows jr = planner.planJoinRows(u.table(), u.where());
            Map<String, Target> tables = targets(s, runner, t, u.table(), jr.scope().columns());
            ExprBinder b = new ExprBinder(jr.scope(), planner, s.database(), "field list");
            EvalContext ctx = u.ignore() ? StrictnessContext.lenient(s) : dev.basalt.engine.expr.StrictDmlContext.of(s);
            List<Target> targetOf = new ArrayList<>();
            List<Integer> columnOf = new ArrayList<>();
            List<Expr> values = new ArrayList<>();
            for (Assignment a : u.assignments()) {
                ColumnRef c = a.column();
                int at = jr.scope().find(c.schema(), c.table(), c.column(), "field list");
                if (at < 0) {
                    String name = c.table() != null ? c.table() + "." + c.column() : c.column();
                    throw new SqlException(ErrorCode.ER_BAD_FIELD, name, "field list");
                }
                Target target = tables.get(jr.scope().columns().get(at).table());
                if (target == null) throw new SqlException(ErrorCode.ER_NON_UPDATABLE_TABLE, c.table(), "UPDATE");
                targetOf.add(target);
                columnOf.add(at - target.offset());
                DmlStatements.refuseGenerated(target.def(), at - target.offset()); // 3105
                values.add(b.bind(a.value()));
            }
            // per target table: original row -> updated row, first joined row wins
            Map<Target, Map<Object, Object[][]>> changes = new LinkedHashMap<>();
            long matched = 0;
            for (Object[] joined : drainLocking(t, jr, tables.values(), targetOf)) {
                Map<Target, Object[]> pending = new LinkedHashMap<>();
                for (int i = 0; i < values.size(); i++) {
                    Target target = targetOf.get(i);
                    Object[] old = target.slice(joined);
                    if (target.absent(old)) continue;
                    Map<Object, Object[][]> byKey = changes.computeIfAbsent(target, k -> new LinkedHashMap<>());
                    Object key = target.key(old);
                    if (byKey.containsKey(key) && !pending.containsKey(target)) continue;
                    Object[] row = pending.computeIfAbsent(target, k -> old.clone());
                    ColumnDef col = target.def().columns().get(columnOf.get(i));
                    Object v = values.get(i).eval(ctx, joined);
                    if (v == null && !col.nullable()) {
                        if (s.strictMode() && !u.ignore()) throw new SqlException(ErrorCode.ER_BAD_NULL, col.name());
                        v = DmlStatements.implicitDefault(col.type());
                    }
                    row[columnOf.get(i)] = v == null ? null : Coercion.toColumn(ctx, v, values.get(i).type(), col.type(), col.name(), matched + 1);
                    byKey.put(key, new Object[][]{old, row});
                }
                matched++;
            }
            long changed = 0, rows = 0;
            TableWriter writers = null;
            for (var e : changes.entrySet()) {
                writers = writers == null ? TableWriter.open(s, t, e.getKey().def()) : writers.sameStatement(e.getKey().def());
                TableWriter writer = writers;
                for (Object[][] pair : e.getValue().values()) {
                    rows++;
                    dev.basalt.engine.routine.Triggers.beforeUpdate(s, runner, e.getKey().def(), pair[0], pair[1]);
                    if (DmlStatements.sameRow(pair[0], pair[1], e.getKey().def().columns().size())) continue;
                    DmlStatements.touchOnUpdate(s, e.getKey().def(), pair[1], null);
                    writer.update(pair[0], pair[1]);
                    changed++;
                    dev.basalt.engine.routine.Triggers.afterUpdate(s, runner, e.getKey().def(), pair[0], pair[1]);
                }
            }
            int warnings = s.currentWarnings().size();
            return new Result.Update(s.clientFoundRows() ? rows : changed, 0, warnings,
                    "Rows matched: " + rows + "  Changed: " + changed + "  Warnings: " + warnings);
        });
    }

    static Result delete(BasaltSession s, StatementRunner runner, Delete d) {
        if (d.orderBy() != null && !d.orderBy().isEmpty() || d.limit() != null) {
            throw new SqlException(ErrorCode.ER_WRONG_USAGE, "DELETE", "ORDER BY");
        }
        return DmlStatements.write(s, t -> {
            // in a multi-statement transaction: lock the rows read and work on their latest versions (current read)
            QueryPlanner planner = new QueryPlanner(runner.queryContext(t, DmlStatements.currentRead(t)));
            QueryPlanner.JoinRows jr = planner.planJoinRows(d.from(), d.where());
            Map<String, Target> tables = targets(s, runner, t, d.from(), jr.scope().columns());
            List<Target> victims = new ArrayList<>();
            for (QualifiedName n : d.targets()) {
                Target target = tables.get(n.name());
                if (target == null) throw new SqlException(ErrorCode.ER_UNKNOWN_TABLE, n.name(), "MULTI DELETE");
                victims.add(target);
            }
            Map<Target, Map<Object, Object[]>> rows = new LinkedHashMap<>();
            for (Object[] joined : drainLocking(t, jr, tables.values(), victims)) {
                for (Target target : victims) {
                    Object[] row = target.slice(joined);
                    if (target.absent(row)) continue;
                    rows.computeIfAbsent(target, k -> new LinkedHashMap<>()).putIfAbsent(target.key(row), row);
                }
            }
            long deleted = 0;
            TableWriter writers = null;
            for (var e : rows.entrySet()) {
                writers = writers == null ? TableWriter.open(s, t, e.getKey().def()) : writers.sameStatement(e.getKey().def());
                for (Object[] row : e.getValue().values()) {
                    dev.basalt.engine.routine.Triggers.beforeDelete(s, runner, e.getKey().def(), row);
                    writers.delete(row);
                    deleted++;
                    dev.basalt.engine.routine.Triggers.afterDelete(s, runner, e.getKey().def(), row);
                }
            }
            return new Result.Update(deleted, 0, s.currentWarnings().size(), null);
        });
    }
}
