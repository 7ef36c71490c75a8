package dev.basalt.engine.plan;

import dev.basalt.engine.api.ColumnInfo;
import dev.basalt.engine.api.ErrorCode;
import dev.basalt.engine.api.SqlException;
import dev.basalt.engine.catalog.ColumnDef;
import dev.basalt.engine.catalog.IndexDef;
import dev.basalt.engine.catalog.TableDef;
import dev.basalt.engine.catalog.ViewDef;
import dev.basalt.engine.exec.HashJoinOperator;
import dev.basalt.engine.exec.Operator;
import dev.basalt.engine.exec.ProjectOperator;
import dev.basalt.engine.expr.CompareOp;
import dev.basalt.engine.expr.Comparison;
import dev.basalt.engine.expr.Expr;
import dev.basalt.engine.types.SqlType;
import dev.basalt.sql.ast.BaseTable;
import dev.basalt.sql.ast.CommonTableExpression;
import dev.basalt.sql.ast.DerivedTable;
import dev.basalt.sql.ast.Expression;
import dev.basalt.sql.ast.Join;
import dev.basalt.sql.ast.JoinKind;
import dev.basalt.sql.ast.JsonTable;
import dev.basalt.sql.ast.Query;
import dev.basalt.sql.ast.TableRef;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns a FROM clause into join inputs: inner and cross joins are flattened into one list of
 * relations plus their ON conditions (so the join planner may reorder them); each outer join
 * becomes a single relation planned on its own.
 */
final class FromPlanner {

    /** The flattened FROM clause: relations in FROM order and inner-join ON conditions (bound later). */
    record From(List<Relation> relations, List<PlanColumn> columns, List<Expression> onConditions,
                Coalescing coalesced) {}

    /**
     * USING / NATURAL join columns: an unqualified name means one of the two columns (the left
     * one, or the right one in a RIGHT JOIN), and SELECT * shows it once. Columns are tracked by
     * identity, so the information survives flattening and nesting.
     */
    static final class Coalescing {
        final java.util.Map<String, PlanColumn> preferred = new java.util.HashMap<>();
        final java.util.Set<PlanColumn> hiddenFromStar = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

        void add(String name, PlanColumn keep, PlanColumn hide) {
            preferred.put(name.toLowerCase(java.util.Locale.ROOT), keep);
            hiddenFromStar.add(hide);
        }

        void addAll(Coalescing other) {
            preferred.putAll(other.preferred);
            hiddenFromStar.addAll(other.hiddenFromStar);
        }

        /** Applies it to a scope whose columns include the tracked ones. */
        void applyTo(Scope scope) {
            List<PlanColumn> cols = scope.columns();
            for (var e : preferred.entrySet()) {
                for (int i = 0; i < cols.size(); i++) if (cols.get(i) == e.getValue()) scope.addCoalesced(e.getKey(), i);
            }
            for (int i = 0; i < cols.size(); i++) if (hiddenFromStar.contains(cols.get(i))) scope.hideFromStar(i);
        }
    }

    private final QueryPlanner planner;
    private final QueryContext qc;

    FromPlanner(QueryPlanner planner, QueryContext qc) {
        this.planner = planner;
        this.qc = qc;
    }

    From plan(TableRef ref, Scope outer) {
        List<Relation> rels = new ArrayList<>();
        List<Expression> ons = new ArrayList<>();
        Coalescing coalesced = new Coalescing();
        flatten(ref, outer, rels, ons, coalesced);
        List<PlanColumn> cols = new ArrayList<>();
        for (Relation r : rels) cols.addAll(r.columns());
        checkUniqueAliases(rels);
        return new From(rels, cols, ons, coalesced);
    }

    private void checkUniqueAliases(List<Relation> rels) {
        Set<String> seen = new HashSet<>();
        for (Relation r : rels) {
            Set<String> mine = new HashSet<>();
            for (PlanColumn c : r.columns()) if (!c.table().isEmpty()) mine.add(c.schema() + "\0" + c.table());
            for (String a : mine) {
                if (!seen.add(a) && !(r instanceof Relations.Subtree) && !(r instanceof Relations.OuterJoin)) {
                    throw new SqlException(ErrorCode.ER_NONUNIQ_TABLE, a.substring(a.indexOf('\0') + 1));
                }
            }
        }
    }

    private void flatten(TableRef ref, Scope outer, List<Relation> rels, List<Expression> ons, Coalescing coalesced) {
        switch (ref) {
            case Join j when (j.kind() == JoinKind.INNER || j.kind() == JoinKind.CROSS || j.kind() == JoinKind.STRAIGHT)
                    && j.right() instanceof JsonTable t -> {
                rels.add(lateralJsonTable(j.left(), t, outer, coalesced));
                if (j.on() != null) ons.add(j.on());
            }
            case Join j when j.kind() == JoinKind.LEFT && j.right() instanceof JsonTable t
                    && (j.using() == null || j.using().isEmpty()) && !j.natural() ->
                    rels.add(leftLateralJsonTable(j.left(), t, j.on(), outer, coalesced));
            case Join j when j.kind() == JoinKind.INNER || j.kind() == JoinKind.CROSS || j.kind() == JoinKind.STRAIGHT -> {
                flatten(j.left(), outer, rels, ons, coalesced);
                int leftCount = rels.size();
                List<PlanColumn> leftCols = new ArrayList<>();
                for (Relation r : rels) leftCols.addAll(r.columns());
                flatten(j.right(), outer, rels, ons, coalesced);
                List<PlanColumn> rightCols = new ArrayList<>();
                for (int i = leftCount; i < rels.size(); i++) rightCols.addAll(rels.get(i).columns());
                if (j.on() != null) ons.add(j.on());
                for (Expression e : usingConditions(j, leftCols, rightCols, coalesced, false)) ons.add(e);
            }
            case Join j -> rels.add(outerJoin(j, outer, coalesced));
            case BaseTable t -> rels.add(baseTable(t));
            case DerivedTable d -> rels.add(derived(d, outer));
            case JsonTable t -> rels.add(jsonTable(t, outer));
        }
    }

    /** JSON_TABLE first in FROM (or inside an outer join): its document reads no table of this FROM. */
    private Relation jsonTable(JsonTable t, Scope outer) {
        JsonTablePlanner.Compiled c = JsonTablePlanner.compile(t);
        Expr doc = new ExprBinder(new Scope(List.of(), outer), planner, qc.database(), "from clause").bind(t.document());
        return JsonTablePlanner.standalone(c, doc, qc.eval());
    }

    /** left LEFT JOIN JSON_TABLE(...) ON cond: lateral, keeping left rows that get no rows. */
    private Relation leftLateralJsonTable(TableRef leftRef, JsonTable t, Expression onAst, Scope outer, Coalescing enclosing) {
        From p = plan(leftRef, outer);
        enclosing.addAll(p.coalesced());
        JsonTablePlanner.Compiled c = JsonTablePlanner.compile(t);
        Scope scope = new Scope(p.columns(), outer);
        p.coalesced().applyTo(scope);
        Expr doc = new ExprBinder(scope, planner, qc.database(), "from clause").bind(t.document());
        List<PlanColumn> cols = new ArrayList<>(p.columns());
        for (PlanColumn pc : c.columns()) cols.add(pc.withNullable(true));
        Scope joined = new Scope(cols, outer);
        p.coalesced().applyTo(joined);
        Expr on = onAst == null ? null : new ExprBinder(joined, planner, qc.database(), "on clause").bind(onAst);
        var ctx = qc.eval();
        return new Relations.Subtree(() -> JsonTablePlanner.leftLateral(
                new JoinPlanner(ctx).plan(p.relations(), bindOns(p, outer)), c, doc, on, ctx), cols, ctx);
    }

    /** left, JSON_TABLE(...): the document may use the left tables' columns (MySQL's implicit lateral). */
    private Relation lateralJsonTable(TableRef leftRef, JsonTable t, Scope outer, Coalescing enclosing) {
        From p = plan(leftRef, outer);
        enclosing.addAll(p.coalesced());
        JsonTablePlanner.Compiled c = JsonTablePlanner.compile(t);
        Scope scope = new Scope(p.columns(), outer);
        p.coalesced().applyTo(scope);
        Expr doc = new ExprBinder(scope, planner, qc.database(), "from clause").bind(t.document());
        List<PlanColumn> cols = new ArrayList<>(p.columns());
        cols.addAll(c.columns());
        var ctx = qc.eval();
        return new Relations.Subtree(() -> JsonTablePlanner.lateral(
                new JoinPlanner(ctx).plan(p.relations(), bindOns(p, outer)), c, doc, ctx), cols, ctx);
    }

    /** USING (a, b) and NATURAL joins as equality conditions on qualified columns. */
    private List<Expression> usingConditions(Join j, List<PlanColumn> left, List<PlanColumn> right, Coalescing coalesced,
                                             boolean preferRight) {
        List<String> names = new ArrayList<>();
        if (j.using() != null) names.addAll(j.using());
        if (j.natural()) {
            for (PlanColumn r : right) {
                if (hidden(r)) continue;
                for (PlanColumn l : left) if (!hidden(l) && l.name().equalsIgnoreCase(r.name())) { names.add(r.name()); break; }
            }
        }
        List<Expression> out = new ArrayList<>();
        for (String n : names) {
            PlanColumn l = findColumn(left, n);
            PlanColumn r = findColumn(right, n);
            if (l == null || r == null) throw new SqlException(ErrorCode.ER_BAD_FIELD, n, "from clause");
            out.add(new dev.basalt.sql.ast.BinaryOp(dev.basalt.sql.ast.BinaryOperator.EQ,
                    new dev.basalt.sql.ast.ColumnRef(null, l.table(), l.name()),
                    new dev.basalt.sql.ast.ColumnRef(null, r.table(), r.name())));
            if (preferRight) coalesced.add(n, r, l);
            else coalesced.add(n, l, r);
        }
        return out;
    }

    private static PlanColumn findColumn(List<PlanColumn> cols, String name) {
        for (PlanColumn c : cols) if (!hidden(c) && c.name().equalsIgnoreCase(name)) return c;
        return null;
    }

    static boolean hidden(PlanColumn c) { return c.name().startsWith("\0"); }

    /** LEFT / RIGHT joins: both sides planned separately, then joined with the ON condition. */
    private Relation outerJoin(Join j, Scope outer, Coalescing enclosing) {
        boolean right = j.kind() == JoinKind.RIGHT;
        TableRef preserved = right ? j.right() : j.left();
        TableRef optional = right ? j.left() : j.right();
        From p = plan(preserved, outer);
        From o = plan(optional, outer);
        List<PlanColumn> pCols = p.columns();
        List<PlanColumn> oCols = new ArrayList<>();
        for (PlanColumn c : o.columns()) oCols.add(c.withNullable(true));
        // the ON condition sees left then right, as written
        List<PlanColumn> written = new ArrayList<>();
        List<PlanColumn> leftCols = right ? oCols : pCols;
        List<PlanColumn> rightCols = right ? pCols : oCols;
        written.addAll(leftCols);
        written.addAll(rightCols);
        Coalescing coalesced = new Coalescing();
        coalesced.addAll(p.coalesced());
        coalesced.addAll(o.coalesced());
        List<Expression> onAst = new ArrayList<>(usingConditions(j, leftCols, rightCols, coalesced, right));
        if (j.on() != null) onAst.add(j.on());
        Scope writtenScope = new Scope(written, outer);
        coalesced.applyTo(writtenScope);
        enclosing.addAll(coalesced);
        ExprBinder binder = new ExprBinder(writtenScope, planner, qc.database(), "on clause");
        List<Expr> on = new ArrayList<>();
        for (Expression e : onAst) on.addAll(ExprUtil.conjuncts(binder.bind(e)));
        int pw = pCols.size(), ow = oCols.size();
        // remap ON from written order to (preserved, optional) order
        int[] toJoined = new int[pw + ow];
        for (int i = 0; i < pw + ow; i++) {
            if (right) toJoined[i] = i < ow ? pw + i : i - ow;
            else toJoined[i] = i;
        }
        List<Expr> onJoined = new ArrayList<>();
        for (Expr e : on) onJoined.add(ExprUtil.hasSubquery(e) ? null : ExprUtil.remap(e, toJoined));
        boolean subqueryInOn = onJoined.contains(null);
        List<Expr> finalOn = new ArrayList<>();
        if (!subqueryInOn) finalOn.addAll(onJoined);

        List<PlanColumn> outCols = new ArrayList<>(written);
        var ctx = qc.eval();
        return new Relations.OuterJoin(pushed -> {
            List<Expr> pConj = new ArrayList<>(bindOns(p, outer));
            pConj.addAll(pushed); // WHERE conditions on the preserved side only
            Operator pOp = new JoinPlanner(ctx).plan(p.relations(), pConj);
            // conditions only on the optional side are pushed into it (valid for outer joins)
            List<Expr> optionalOnly = new ArrayList<>();
            List<Expr> rest = new ArrayList<>();
            List<Expr> leftKeys = new ArrayList<>(), rightKeys = new ArrayList<>();
            List<Function<Object, Object>> norms = new ArrayList<>();
            for (Expr e : subqueryInOn ? List.<Expr>of() : finalOn) {
                BitSet cols = ExprUtil.columns(e);
                if (!cols.isEmpty() && cols.nextSetBit(0) >= pw) {
                    optionalOnly.add(ExprUtil.shift(e, pw, ow));
                } else if (e instanceof Comparison c && c.op() == CompareOp.EQ && onlyBelow(c.left(), pw) && onlyAtOrAbove(c.right(), pw)
                        && JoinKeys.normaliser(c.left().type(), c.right().type()) != null) {
                    leftKeys.add(c.left());
                    rightKeys.add(ExprUtil.shift(c.right(), pw, ow));
                    norms.add(JoinKeys.normaliser(c.left().type(), c.right().type()));
                } else if (e instanceof Comparison c && c.op() == CompareOp.EQ && onlyBelow(c.right(), pw) && onlyAtOrAbove(c.left(), pw)
                        && JoinKeys.normaliser(c.right().type(), c.left().type()) != null) {
                    leftKeys.add(c.right());
                    rightKeys.add(ExprUtil.shift(c.left(), pw, ow));
                    norms.add(JoinKeys.normaliser(c.right().type(), c.left().type()));
                } else {
                    rest.add(e);
                }
            }
            List<Expr> oConj = new ArrayList<>(bindOns(o, outer));
            oConj.addAll(optionalOnly);
            Expr residual;
            if (subqueryInOn) {
                // evaluate the ON condition on rows in written order: join without keys, check via remap
                int[] back = new int[pw + ow];
                for (int i = 0; i < pw + ow; i++) back[toJoined[i]] = i;
                residual = new WrittenOrderCondition(ExprUtil.and(on), back);
            } else {
                residual = rest.isEmpty() ? null : ExprUtil.and(rest);
            }
            Operator lookup = null;
            if (!leftKeys.isEmpty() && !subqueryInOn && o.relations().size() == 1
                    && o.relations().getFirst() instanceof Relations.Native nat) {
                double pEstimate = p.relations().size() == 1 && pushed.size() == pConj.size()
                        ? p.relations().getFirst().estimate(pushed) : 1000;
                lookup = OuterJoinLookup.plan(pOp, pEstimate, pCols, nat, oConj, leftKeys, rightKeys, residual, ctx);
            }
            Operator oOp = lookup != null ? null : new JoinPlanner(ctx).plan(o.relations(), oConj);
            Operator joined = lookup != null ? lookup : leftKeys.isEmpty()
                    ? HashJoinOperator.nestedLoop(pOp, oOp, residual, true, ow, ctx)
                    : new HashJoinOperator(pOp, oOp, JoinKeys.extractor(leftKeys, norms, ctx),
                    JoinKeys.extractor(rightKeys, norms, ctx), residual, true, ow, ctx)
                    .describedAs(leftKeys, rightKeys);
            if (!right) return joined;
            Expr[] proj = new Expr[pw + ow];
            for (int i = 0; i < pw + ow; i++) proj[i] = new PositionRef(toJoined[i]);
            return new ProjectOperator(joined, proj, ctx);
        }, right ? ow : 0, pw, outCols, ctx);
    }

    private static boolean onlyBelow(Expr e, int w) {
        BitSet b = ExprUtil.columns(e);
        return !b.isEmpty() && b.length() <= w && !ExprUtil.hasSubquery(e);
    }

    private static boolean onlyAtOrAbove(Expr e, int w) {
        BitSet b = ExprUtil.columns(e);
        return !b.isEmpty() && b.nextSetBit(0) >= w && !ExprUtil.hasSubquery(e);
    }

    /** ON conditions of a flattened side, bound in that side's own scope. */
    private List<Expr> bindOns(From f, Scope outer) {
        if (f.onConditions().isEmpty()) return List.of();
        Scope s = new Scope(f.columns(), outer);
        f.coalesced().applyTo(s);
        ExprBinder b = new ExprBinder(s, planner, qc.database(), "on clause");
        List<Expr> out = new ArrayList<>();
        for (Expression e : f.onConditions()) out.addAll(ExprUtil.conjuncts(b.bind(e)));
        return out;
    }

    private Relation baseTable(BaseTable t) {
        String name = t.name().name();
        String alias = t.alias() != null ? t.alias() : name;
        if (t.name().schema() == null) {
            CommonTableExpression cte = planner.cte(name);
            if (cte != null) return cteRelation(cte, alias);
        }
        String schema = t.name().schema() != null ? t.name().schema() : qc.database();
        if (schema == null) throw new SqlException(ErrorCode.ER_NO_DB);
        VirtualTables.Table vt = qc.virtualTables() == null ? null : qc.virtualTables().find(schema, name);
        if (vt != null) {
            List<PlanColumn> cols = new ArrayList<>();
            for (PlanColumn c : vt.columns()) cols.add(c.reAliased(schema, alias, c.name()));
            return new Relations.Virtual(vt.rows(), cols, qc.eval());
        }
        var external = qc.externals() == null ? null : qc.externals().database(schema);
        if (external != null) return externalTable(schema, external, name, alias);
        var table = qc.catalog().table(schema, name);
        if (table.isEmpty()) {
            var view = qc.catalog().view(schema, name);
            if (view.isPresent()) return viewRelation(view.get(), alias);
            throw new SqlException(ErrorCode.ER_NO_SUCH_TABLE, schema, name);
        }
        TableDef def = table.get();
        if (t.partitions() != null) {
            var store = qc.tables().store(def);
            var txn = qc.txn();
            return new Relations.Virtual(() -> dev.basalt.engine.partition.PartitionSelection.rows(qc.eval(), def, store, txn,
                    t.partitions()), tableColumns(def, alias), qc.eval());
        }
        return new Relations.Native(def, qc.tables().store(def), qc.txn(), tableColumns(def, alias), qc.eval(), qc.lockRows(),
                () -> qc.tables().rowCountEstimate(qc.txn(), def), qc.explain(), qc.statementState());
    }

    /** A table of an external database (its rows never carry a hidden row id). */
    private Relation externalTable(String schema, dev.basalt.engine.external.ExternalDatabase db, String name, String alias) {
        TableDef def = qc.externals().table(schema, db, name);
        if (def == null) throw new SqlException(ErrorCode.ER_NO_SUCH_TABLE, schema, name);
        List<PlanColumn> cols = new ArrayList<>(tableColumns(def, alias));
        cols.removeIf(FromPlanner::hidden);
        return new Relations.External(def, db, qc.externals(), cols, qc.eval(), qc.explain(), new ExternalHints());
    }

    /** Scope columns of a native table, plus the hidden row id slot when it has no primary key. */
    static List<PlanColumn> tableColumns(TableDef def, String alias) {
        List<PlanColumn> cols = new ArrayList<>();
        for (int i = 0; i < def.columns().size(); i++) {
            ColumnDef c = def.columns().get(i);
            boolean pk = false, uk = false, mk = false, part = false;
            for (IndexDef ix : def.indexes()) {
                if (ix.parts().isEmpty()) continue;
                if (ix.covers(i)) part = true;
                if (ix.primary() && ix.covers(i)) pk = true;
                else if (ix.unique() && ix.parts().size() == 1 && ix.covers(i)) uk = true;
                else if (ix.parts().get(0).column() == i) mk = true;
            }
            ColumnInfo info = new ColumnInfo(def.database(), alias, def.name(), c.name(), c.name(), c.type(), c.nullable(),
                    pk, uk, mk && !pk && !uk, c.autoIncrement(), noDefault(c), part);
            cols.add(new PlanColumn(def.database(), alias, c.name(), c.type(), c.nullable(), info));
        }
        if (def.hasHiddenRowId()) {
            SqlType t = SqlType.BIGINT;
            cols.add(new PlanColumn(def.database(), alias, "\0rowid", t, false, ColumnInfo.expression("\0rowid", t, false)));
        }
        return cols;
    }

    /** MySQL's NO_DEFAULT_VALUE: NOT NULL, no DEFAULT clause, neither AUTO_INCREMENT nor generated. */
    private static boolean noDefault(ColumnDef c) {
        return !c.nullable() && c.defaultValue() instanceof dev.basalt.engine.catalog.DefaultValue.None && !c.autoIncrement()
                && !c.isGenerated();
    }

    private Relation derived(DerivedTable d, Scope outer) {
        if (d.alias() == null) throw new SqlException(ErrorCode.ER_DERIVED_MUST_HAVE_ALIAS);
        PlannedQuery p = planner.planDerived(() -> planner.plan(d.query(), outer));
        return derivedRelation(p, "", d.alias(), d.columnAliases());
    }

    private Relation cteRelation(CommonTableExpression cte, String alias) {
        VirtualTables.Table working = planner.workingTable(cte);
        if (working != null) {
            List<PlanColumn> cols = new ArrayList<>();
            for (PlanColumn c : working.columns()) cols.add(c.reAliased("", alias, c.name()));
            // traditional EXPLAIN: the recursive member's read of the previous round, as MySQL shows it
            if (ExplainBlocks.of(qc) != null) qc.explain().add(new ExplainRow(alias, "ALL", null, "Recursive"));
            return new Relations.Virtual(working.rows(), cols, qc.eval());
        }
        PlannedQuery p = planner.planDerived(() -> planner.planCte(cte));
        return derivedRelation(p, "", alias, cte.columns());
    }

    private Relation viewRelation(ViewDef view, String alias) {
        Query q = qc.viewParser().apply(view.selectSql());
        PlannedQuery p;
        try {
            // the view's definer (or the reader) is checked and CURRENT_USER() bound to it
            p = ViewOpening.of(qc).plan(view, q, query -> planner.planDerived(() -> planner.plan(query, null)));
        } catch (dev.basalt.engine.api.SqlException e) {
            // a table, column or function the view uses is gone: MySQL names the view (1356)
            int code = e.errorCode();
            if (code == 1146 || code == 1054 || code == 1305 || code == 1356) {
                throw dev.basalt.engine.api.ErrorCode.ER_VIEW_INVALID.error(view.database(), view.name());
            }
            throw e;
        }
        int n = view.columnNames().size();
        if (n > 0 && p.columns().size() > n) {
            // MySQL fixes a view's columns at CREATE VIEW (SELECT * included): later columns stay out
            Expr[] keep = new Expr[n];
            for (int i = 0; i < n; i++) keep[i] = new PositionRef(i);
            p = new PlannedQuery(new dev.basalt.engine.exec.ProjectOperator(p.root(), keep, qc.eval()),
                    p.columns().subList(0, n), p.correlated());
        }
        return derivedRelation(p, view.database(), alias, view.columnNames());
    }

    private Relation derivedRelation(PlannedQuery p, String schema, String alias, List<String> names) {
        List<PlanColumn> cols = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < p.columns().size(); i++) {
            PlanColumn c = p.columns().get(i);
            String n = names != null && i < names.size() && !names.isEmpty() ? names.get(i) : c.name();
            if (!seen.add(n.toLowerCase(java.util.Locale.ROOT))) throw new SqlException(ErrorCode.ER_DUP_FIELDNAME, n);
            cols.add(c.reAliased(schema, alias, n));
        }
        return new Relations.Derived(p.root(), cols, qc.eval());
    }

    /** Evaluates a condition written against (left, right) on a row laid out as (preserved, optional). */
    private record WrittenOrderCondition(Expr condition, int[] back) implements Expr {
        @Override public SqlType type() { return condition.type(); }

        @Override public boolean nullable() { return true; }

        @Override public Object eval(dev.basalt.engine.expr.EvalContext ctx, Object[] row) {
            Object[] w = new Object[row.length];
            for (int i = 0; i < row.length; i++) w[back[i]] = row[i];
            return condition.eval(ctx, w);
        }

        @Override public boolean isDeterministic() { return false; }
    }
}
