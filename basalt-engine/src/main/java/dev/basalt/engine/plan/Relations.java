package dev.basalt.engine.plan;

import dev.basalt.engine.catalog.TableDef;
import dev.basalt.engine.exec.FilterOperator;
import dev.basalt.engine.exec.ListOperator;
import dev.basalt.engine.exec.Operator;
import dev.basalt.engine.exec.TableScanOperator;
import dev.basalt.engine.expr.EvalContext;
import dev.basalt.engine.expr.Expr;
import dev.basalt.engine.table.TableStore;
import dev.basalt.engine.txn.Transaction;

import java.util.List;
import java.util.function.Supplier;

/** The kinds of join inputs. */
final class Relations {
    private Relations() {}

    /** A table of the native (KV) storage; picks an index from the pushed conjuncts. */
    record Native(TableDef table, TableStore store, Transaction txn, List<PlanColumn> columns, EvalContext ctx,
                  boolean lockRows, java.util.function.LongSupplier rows, List<ExplainRow> explain) implements Relation {
        /** Only join ordering asks for estimates, so single-table statements never count rows. */
        @Override public double estimate(List<Expr> conjuncts) {
            return AccessPlanner.choose(table, conjuncts, ctx, rows.getAsLong()).estimate();
        }

        @Override public Operator build(List<Expr> conjuncts) {
            AccessPlanner.Access access = AccessPlanner.choose(table, conjuncts, ctx, 1000);
            String alias = columns.isEmpty() ? table.name() : columns.get(0).table();
            explain.add(new ExplainRow(alias, access.type(), access.index() == null ? null : access.index().name(),
                    conjuncts.isEmpty() ? null : "Using where"));
            Operator scan = new TableScanOperator(store, txn, access.index(), access.ranges(), false, lockRows);
            return conjuncts.isEmpty() ? scan : new FilterOperator(scan, ExprUtil.and(conjuncts), ctx);
        }
    }

    /** A derived table, view or CTE: a planned subquery. */
    record Derived(Operator plan, List<PlanColumn> columns, EvalContext ctx) implements Relation {
        @Override public double estimate(List<Expr> conjuncts) { return 500; }

        @Override public Operator build(List<Expr> conjuncts) {
            return conjuncts.isEmpty() ? plan : new FilterOperator(plan, ExprUtil.and(conjuncts), ctx);
        }
    }

    /** information_schema and other computed tables. */
    record Virtual(Supplier<List<Object[]>> rows, List<PlanColumn> columns, EvalContext ctx) implements Relation {
        @Override public double estimate(List<Expr> conjuncts) { return 100; }

        @Override public Operator build(List<Expr> conjuncts) {
            Operator op = new ListOperator(rows);
            return conjuncts.isEmpty() ? op : new FilterOperator(op, ExprUtil.and(conjuncts), ctx);
        }
    }

    /** An outer join (or any join subtree with its own ON semantics), planned as one unit. */
    record Subtree(Supplier<Operator> plan, List<PlanColumn> columns, EvalContext ctx) implements Relation {
        @Override public double estimate(List<Expr> conjuncts) { return 1000; }

        @Override public Operator build(List<Expr> conjuncts) {
            Operator op = plan.get();
            return conjuncts.isEmpty() ? op : new FilterOperator(op, ExprUtil.and(conjuncts), ctx);
        }
    }
}
