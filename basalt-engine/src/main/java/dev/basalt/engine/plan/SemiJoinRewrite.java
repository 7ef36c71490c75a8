package dev.basalt.engine.plan;

import dev.basalt.engine.catalog.IndexDef;
import dev.basalt.engine.exec.Operator;
import dev.basalt.engine.expr.ColumnRef;
import dev.basalt.engine.expr.CompareOp;
import dev.basalt.engine.expr.Comparison;
import dev.basalt.engine.expr.Expr;
import dev.basalt.engine.expr.Not;
import dev.basalt.engine.types.Collation;
import dev.basalt.engine.types.SqlType;
import dev.basalt.engine.types.TypeKind;
import dev.basalt.sql.ast.AllColumns;
import dev.basalt.sql.ast.BaseTable;
import dev.basalt.sql.ast.Expression;
import dev.basalt.sql.ast.Join;
import dev.basalt.sql.ast.JoinKind;
import dev.basalt.sql.ast.Query;
import dev.basalt.sql.ast.Select;
import dev.basalt.sql.ast.SelectExpr;
import dev.basalt.sql.ast.SelectItem;
import dev.basalt.sql.ast.TableRef;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Turns a correlated {@code EXISTS (SELECT ...)} / {@code x IN (SELECT y ...)} into a
 * {@link SemiJoin} when its correlation is only equalities between the subquery's columns and
 * the enclosing block's: {@code EXISTS (SELECT 1 FROM u WHERE u.a = t.a AND u.b > 5)} becomes
 * "rows of u with b > 5, hashed by a", probed with t.a. Anything else (grouping, LIMIT, derived
 * tables or views inside, other conditions mentioning the outer block, nested subqueries, types
 * whose SQL equality is not plain value equality) keeps the per-row subquery.
 */
final class SemiJoinRewrite {
    private SemiJoinRewrite() {}

    /**
     * The semi-join for this subquery predicate, or null to plan it the ordinary way.
     *
     * @param operand x of {@code x IN (...)} bound in the outer scope, null for EXISTS
     * @param perRow  builds the ordinary (correlated) expression; used when an index serves lookups
     */
    static Expr rewrite(ExprBinder.SubqueryPlanner planner, Scope outer, String database, Query q, Expr operand,
                        boolean negated, Supplier<Expr> perRow) {
        if (!(planner instanceof QueryPlanner qp) || outer == null || !(q instanceof Select s) || !simple(s, operand != null)) {
            return null;
        }
        QueryContext qc = qp.context();
        List<ExplainRow> explain = qc.explain();
        int mark = explain.size();
        Inner inner;
        try {
            inner = decorrelate(qp, qc, outer, database, s, operand);
        } catch (RuntimeException e) {
            inner = null; // the ordinary planning of the same subquery reports the error
        }
        if (inner == null) {
            truncate(explain, mark);
            return null;
        }
        List<ExplainRow> innerRows = new ArrayList<>(explain.subList(mark, explain.size()));
        Expr lookups = null;
        if (inner.indexed()) {
            // per-row lookups first: the ordinary plan shows (and reads) the index
            truncate(explain, mark);
            lookups = perRow.get();
            innerRows = new ArrayList<>(explain.subList(mark, explain.size()));
        }
        String shown = operand == null ? "exists(select ...)" : "(" + operand + (negated ? " not in " : " in ") + "(select ...))";
        SemiJoin.Shown explained = new SemiJoin.Shown(shown, inner.keysText(), innerRows,
                lookups == null ? inner.rows() : lookupPlan(lookups));
        return new SemiJoin(new SemiJoin.Inner(inner.rows(), inner.innerKeys(), inner.value()), inner.outerKeys(),
                outer.currentRow(), operand, negated, lookups, inner.innerRows(), explained);
    }

    /** What {@link #decorrelate} found. */
    private record Inner(Operator rows, List<Expr> innerKeys, List<Expr> outerKeys, Expr value, boolean indexed,
                         java.util.function.LongSupplier innerRows, String keysText) {}

    /** One SELECT over base tables and inner joins; nothing that needs all rows or a row count. */
    private static boolean simple(Select s, boolean in) {
        if (s.from() == null || !s.groupBy().isEmpty() || s.having() != null || s.limit() != null || s.locking() != null
                || s.calcFoundRows() || !s.windows().isEmpty() || !plainJoins(s.from())) return false;
        if (in && (s.items().size() != 1 || !(s.items().getFirst() instanceof SelectExpr))) return false;
        for (SelectItem item : s.items()) {
            if (item instanceof SelectExpr se && (Grouper.containsAggregate(se.expression()) || hasSubquery(se.expression())
                    || WindowPlanner.containsWindowFunction(se.expression()))) return false;
            if (item instanceof AllColumns && in) return false;
        }
        return s.where() != null && !hasSubquery(s.where()) && !Grouper.containsAggregate(s.where());
    }

    private static boolean plainJoins(TableRef ref) {
        return switch (ref) {
            case BaseTable t -> true;
            case Join j -> (j.kind() == JoinKind.INNER || j.kind() == JoinKind.CROSS || j.kind() == JoinKind.STRAIGHT)
                    && (j.on() == null || !hasSubquery(j.on())) && plainJoins(j.left()) && plainJoins(j.right());
            default -> false;
        };
    }

    private static boolean hasSubquery(Expression e) {
        return AstWalker.any(e, n -> n instanceof dev.basalt.sql.ast.ScalarSubquery || n instanceof dev.basalt.sql.ast.Exists
                || n instanceof dev.basalt.sql.ast.InSubquery || n instanceof dev.basalt.sql.ast.QuantifiedComparison);
    }

    /**
     * Plans the subquery without its correlated equalities (the FROM without outer scope, so
     * anything in it that reads the outer block fails and falls back), or null when the
     * correlation is not equalities only.
     */
    private static Inner decorrelate(QueryPlanner qp, QueryContext qc, Scope outer, String database, Select s, Expr operand) {
        FromPlanner.From from = new FromPlanner(qp, qc).plan(s.from(), null);
        for (Relation r : from.relations()) if (!(r instanceof Relations.Native)) return null;
        Scope scope = new Scope(from.columns(), outer);
        from.coalesced().applyTo(scope);
        ExprBinder where = new ExprBinder(scope, qp, database, "where clause");
        List<Expr> conjuncts = new ArrayList<>();
        ExprBinder on = where.withClause("on clause");
        for (Expression e : from.onConditions()) conjuncts.addAll(ExprUtil.conjuncts(on.bind(e)));
        conjuncts.addAll(ExprUtil.conjuncts(where.bind(s.where())));
        ExprBinder items = where.withClause("field list");
        Expr value = null;
        for (SelectItem item : s.items()) {
            if (item instanceof SelectExpr se) {
                Expr e = items.bind(se.expression()); // binds for its errors even under EXISTS
                if (operand != null) value = e;
            }
        }
        Scope.RowHolder holder = outer.currentRow();
        if (value != null && (readsOuter(value, holder) || !hashable(operand.type(), value.type()))) return null;

        List<Expr> filters = new ArrayList<>();
        List<Expr> innerKeys = new ArrayList<>();
        List<Expr> outerKeys = new ArrayList<>();
        for (Expr c : conjuncts) {
            if (!onlyHolder(c, holder)) return null; // reads a block further out: not constant here
            if (!readsOuter(c, holder)) {
                filters.add(c);
                continue;
            }
            if (!(c instanceof Comparison cmp) || cmp.op() != CompareOp.EQ) return null;
            Expr in, out;
            if (!readsOuter(cmp.left()) && readsOnlyOuter(cmp.right())) {
                in = cmp.left();
                out = cmp.right();
            } else if (!readsOuter(cmp.right()) && readsOnlyOuter(cmp.left())) {
                in = cmp.right();
                out = cmp.left();
            } else {
                return null;
            }
            if (!hashable(in.type(), out.type()) || ExprUtil.hasSubquery(in) || !deterministic(in)) return null;
            innerKeys.add(in);
            outerKeys.add(out);
        }
        if (innerKeys.isEmpty()) {
            // uncorrelated: the ordinary plan runs it once, and starts from this FROM and WHERE
            if (filters.size() == conjuncts.size()) qp.offer(new QueryPlanner.Prebound(s, outer, from, scope, conjuncts));
            return null;
        }
        Relations.Native only = from.relations().size() == 1 ? (Relations.Native) from.relations().getFirst() : null;
        boolean indexed = only != null && leadsAnIndex(only, innerKeys);
        Operator rows = new JoinPlanner(qc.eval()).plan(from.relations(), filters);
        java.util.function.LongSupplier innerRows = () -> {
            long sum = 0;
            for (Relation r : from.relations()) sum += ((Relations.Native) r).rows().getAsLong();
            return sum;
        };
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < innerKeys.size(); i++) {
            pairs.add(shown(innerKeys.get(i), scope.columns()) + " = " + shown(outerKeys.get(i), outer.columns()));
        }
        if (value != null) pairs.add(shown(operand, outer.columns()) + " = " + shown(value, scope.columns()));
        String keys = pairs.size() == 1 ? pairs.getFirst() : "(" + String.join("), (", pairs) + ")";
        return new Inner(rows, innerKeys, outerKeys, value, indexed, innerRows, keys);
    }

    /** True if the first part of some index of the table is one of the inner key columns. */
    private static boolean leadsAnIndex(Relations.Native table, List<Expr> innerKeys) {
        for (Expr k : innerKeys) if (k instanceof ColumnRef c && leads(table, c.index())) return true;
        return false;
    }

    /** Hashing values of these types gives SQL equality (else the per-row comparison is kept). */
    static boolean hashable(SqlType a, SqlType b) {
        TypeKind x = a.kind(), y = b.kind();
        if (x.isInteger() && y.isInteger()) return true;
        if (x == TypeKind.JSON || y == TypeKind.JSON) return false;
        if (x.isString() && y.isString() && !x.isBinary() && !y.isBinary()) {
            Collation ca = a.collation() == null ? Collation.DEFAULT : a.collation();
            Collation cb = b.collation() == null ? Collation.DEFAULT : b.collation();
            return ca.equals(cb);
        }
        return x == y && !x.isString();
    }

    private static boolean deterministic(Expr e) {
        if (!e.isDeterministic()) return false;
        for (Expr c : e.children()) if (!deterministic(c)) return false;
        return true;
    }

    private static boolean readsOuter(Expr e) {
        if (e instanceof OuterRef) return true;
        for (Expr c : e.children()) if (readsOuter(c)) return true;
        return false;
    }

    private static boolean readsOuter(Expr e, Scope.RowHolder holder) {
        if (e instanceof OuterRef r) return r.holder() == holder;
        for (Expr c : e.children()) if (readsOuter(c, holder)) return true;
        return false;
    }

    /** No column of the subquery's own rows, only the outer block's (and constants). */
    private static boolean readsOnlyOuter(Expr e) {
        if (e instanceof ColumnRef || e instanceof SubqueryExprs.RunsSubquery || !e.isDeterministic() && !(e instanceof OuterRef)) {
            return false;
        }
        for (Expr c : e.children()) if (!readsOnlyOuter(c)) return false;
        return readsOuter(e);
    }

    /** Every outer reference reads this holder (the block right outside the subquery). */
    private static boolean onlyHolder(Expr e, Scope.RowHolder holder) {
        if (e instanceof OuterRef r) return r.holder() == holder;
        if (e instanceof SubqueryExprs.RunsSubquery) return false;
        for (Expr c : e.children()) if (!onlyHolder(c, holder)) return false;
        return true;
    }

    /** One side of a join condition as EXPLAIN FORMAT=TREE prints it: {@code u.a}. */
    private static String shown(Expr e, List<PlanColumn> cols) {
        int i = e instanceof ColumnRef c ? c.index() : e instanceof OuterRef r ? r.index() : -1;
        if (i >= 0 && i < cols.size() && !cols.get(i).table().isEmpty()) return cols.get(i).table() + "." + cols.get(i).name();
        return dev.basalt.engine.exec.ExplainText.condition(e);
    }

    private static void truncate(List<ExplainRow> explain, int mark) {
        while (explain.size() > mark) explain.removeLast();
    }

    /** The plan the per-row expression runs for each outer row (EXPLAIN's nested loop inner side). */
    private static Operator lookupPlan(Expr perRow) {
        return switch (perRow) {
            case SubqueryExprs.Exists e -> e.runner().plan();
            case SubqueryExprs.In in -> in.runner().plan();
            default -> null;
        };
    }

    // ---- the enclosing block: semi-joins among its WHERE conjuncts become join steps ----------

    /** A WHERE conjunct that is a semi-join (or NOT of one: an anti-join). */
    record Conjunct(Expr predicate, SemiJoin semi, boolean anti) {}

    /**
     * Removes the semi-join conjuncts from {@code conjuncts} and returns them; a semi-join that
     * reads better from the other side (see {@link #valuesLookup}) is replaced in place instead.
     *
     * @param relations the block's FROM relations, whose columns make up the block's rows in order
     */
    static List<Conjunct> take(List<Expr> conjuncts, List<Relation> relations, dev.basalt.engine.expr.EvalContext ctx) {
        List<Conjunct> out = new ArrayList<>();
        for (var it = conjuncts.listIterator(); it.hasNext(); ) {
            Expr e = it.next();
            boolean not = e instanceof Not;
            Expr inner = e instanceof Not n ? n.operand() : e;
            if (!(inner instanceof SemiJoin s)) continue;
            Expr lookup = not || s.negated() ? null : valuesLookup(s, relations, ctx);
            if (lookup != null) {
                it.set(lookup);
                continue;
            }
            out.add(new Conjunct(e, s, not != s.negated()));
            it.remove();
        }
        return out;
    }

    /**
     * {@code EXISTS (SELECT ... FROM u WHERE u.a = t.c AND <u only>)} as a WHERE conjunct is
     * {@code t.c IN (SELECT u.a FROM u WHERE <u only>)}: when t.c leads an index of t and u is much
     * smaller than t, the subquery's values are read once and t is read through its index for them
     * (the planner's uncorrelated IN path; MySQL's semi-join materialization with lookups) instead
     * of scanning t and probing per row. Null when that does not apply.
     */
    private static Expr valuesLookup(SemiJoin s, List<Relation> relations, dev.basalt.engine.expr.EvalContext ctx) {
        SemiJoin.Inner inner = s.inner();
        if (s.operand() != null || inner.keys().size() != 1 || !(s.outerKeys().getFirst() instanceof OuterRef ref)) return null;
        int offset = 0;
        for (Relation r : relations) {
            int width = r.columns().size();
            if (ref.index() >= offset + width) {
                offset += width;
                continue;
            }
            if (!(r instanceof Relations.Native nat) || !leads(nat, ref.index() - offset)) return null;
            if (s.innerRows() * 4 > nat.rows().getAsLong()) return null;
            Expr key = inner.keys().getFirst();
            Operator values = new dev.basalt.engine.exec.ProjectOperator(inner.rows(), new Expr[]{key}, ctx);
            ColumnRef column = dev.basalt.engine.expr.Exprs.column(ref.index(), ref.type(), ref.nullable(), ref.name());
            return new SubqueryExprs.In(column, new SubqueryRunner(values, new Scope.RowHolder(), false), key.type(), false);
        }
        return null;
    }

    /** True if the column is the first part of some index of the table. */
    private static boolean leads(Relations.Native table, int column) {
        for (IndexDef idx : table.table().indexes()) {
            if (!idx.keyless() && !idx.parts().isEmpty() && idx.parts().getFirst().column() == column) return true;
        }
        return false;
    }

    /**
     * Puts the semi-joins over the block's joined rows, and marks the inner tables' EXPLAIN rows
     * as MySQL 8 does: "FirstMatch(t)" for a semi-join, "Not exists" for an anti-join, plus
     * "Using join buffer (hash join)" when hashed.
     */
    static Operator join(Operator rows, List<Conjunct> semis, Scope scope, QueryContext qc) {
        String outerTable = "";
        for (PlanColumn c : scope.columns()) if (!c.table().isEmpty()) outerTable = c.table();
        for (Conjunct c : semis) {
            SemiJoin.Shown shown = c.semi().shown();
            boolean hashed = !c.semi().startsWithLookups();
            String kind = (hashed ? "Hash " : "Nested loop ") + (c.anti() ? "antijoin" : "semijoin");
            rows = new dev.basalt.engine.exec.SemiJoinOperator(rows, c.predicate(), qc.eval(),
                    hashed ? kind + " (" + shown.keys() + ")" : kind, shown.plan(), hashed);
            String mark = (c.anti() ? "Not exists" : "FirstMatch(" + outerTable + ")")
                    + (hashed ? "; Using join buffer (hash join)" : "");
            // MySQL lists the inner tables after the outer ones they join
            List<ExplainRow> explain = qc.explain();
            for (ExplainRow r : shown.innerRows()) {
                if (explain.removeIf(e -> e == r)) explain.add(r.withExtra(r.extra() == null ? mark : r.extra() + "; " + mark));
            }
        }
        return rows;
    }
}
