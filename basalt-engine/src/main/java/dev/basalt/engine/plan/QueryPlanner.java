package dev.basalt.engine.plan;

import dev.basalt.engine.api.ColumnInfo;
import dev.basalt.engine.api.ErrorCode;
import dev.basalt.engine.api.SqlException;
import dev.basalt.engine.exec.ConcatOperator;
import dev.basalt.engine.exec.DistinctOperator;
import dev.basalt.engine.exec.FilterOperator;
import dev.basalt.engine.exec.HashAggregateOperator;
import dev.basalt.engine.exec.LimitOperator;
import dev.basalt.engine.exec.ListOperator;
import dev.basalt.engine.exec.Operator;
import dev.basalt.engine.exec.ProjectOperator;
import dev.basalt.engine.exec.Rows;
import dev.basalt.engine.exec.SetDifferenceOperator;
import dev.basalt.engine.exec.SortOperator;
import dev.basalt.engine.expr.ColumnRef;
import dev.basalt.engine.expr.Expr;
import dev.basalt.engine.expr.Exprs;
import dev.basalt.engine.types.GroupKeys;
import dev.basalt.engine.types.SqlType;
import dev.basalt.engine.types.Types;
import dev.basalt.engine.types.Values;
import dev.basalt.sql.ast.AllColumns;
import dev.basalt.sql.ast.CommonTableExpression;
import dev.basalt.sql.ast.Expression;
import dev.basalt.sql.ast.Limit;
import dev.basalt.sql.ast.NumberLiteral;
import dev.basalt.sql.ast.OrderItem;
import dev.basalt.sql.ast.Query;
import dev.basalt.sql.ast.Select;
import dev.basalt.sql.ast.SelectExpr;
import dev.basalt.sql.ast.SelectItem;
import dev.basalt.sql.ast.SetOperation;
import dev.basalt.sql.ast.SetOperator;
import dev.basalt.sql.ast.WithQuery;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Plans SELECT queries (blocks, set operations, CTEs) into operator trees:
 * FROM/WHERE -> joins -> GROUP BY/aggregates -> HAVING -> projection -> DISTINCT -> ORDER BY -> LIMIT.
 */
public final class QueryPlanner implements ExprBinder.SubqueryPlanner {

    private final QueryContext qc;
    private final Deque<Map<String, CommonTableExpression>> ctes = new ArrayDeque<>();

    public QueryPlanner(QueryContext qc) {
        this.qc = qc;
    }

    @Override
    public QueryContext context() { return qc; }

    /** The LIMIT of a SQL_CALC_FOUND_ROWS query block planned here, or null. */
    private LimitOperator foundRowsLimit;

    /** Rows the SQL_CALC_FOUND_ROWS query would give without its LIMIT, or -1 when there is none. */
    public long rowsWithoutLimit() { return foundRowsLimit == null ? -1 : foundRowsLimit.rowsWithoutLimit(); }

    @Override
    public dev.basalt.engine.expr.EvalContext session() { return qc.eval(); }

    @Override
    public PlannedQuery plan(Query q, Scope outer) {
        ExplainBlocks blocks = ExplainBlocks.of(qc);
        return blocks == null ? planQuery(q, outer) : blocks.plan(q, () -> planQuery(q, outer));
    }

    /**
     * Plans a derived table's, CTE's or view's query through {@code planning}; under EXPLAIN, adds
     * the enclosing block's {@code <derivedN>} row when MySQL would materialize it.
     */
    PlannedQuery planDerived(java.util.function.Supplier<PlannedQuery> planning) {
        ExplainBlocks blocks = ExplainBlocks.of(qc);
        if (blocks == null) return planning.get();
        blocks.nextIsDerived();
        PlannedQuery p = planning.get();
        blocks.derivedPlanned(qc.explain());
        return p;
    }

    private PlannedQuery planQuery(Query q, Scope outer) {
        return switch (q) {
            case Select s -> planSelect(s, outer);
            case SetOperation op -> planSetOperation(op, outer);
            case WithQuery w -> {
                Map<String, CommonTableExpression> m = new HashMap<>();
                for (CommonTableExpression c : w.ctes()) m.put(c.name(), c);
                if (w.recursive()) recursiveCtes.addAll(w.ctes());
                ctes.push(m);
                try {
                    yield plan(w.body(), outer);
                } finally {
                    ctes.pop();
                }
            }
        };
    }

    CommonTableExpression cte(String name) {
        for (Map<String, CommonTableExpression> m : ctes) {
            CommonTableExpression c = m.get(name);
            if (c != null) return c;
        }
        return null;
    }

    private final java.util.Set<CommonTableExpression> planningCtes = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    private final java.util.Set<CommonTableExpression> recursiveCtes = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    /** While the recursive part of a CTE is planned: its self-reference reads the working rows. */
    private final Map<CommonTableExpression, VirtualTables.Table> workingTables = new java.util.IdentityHashMap<>();

    /** The working table a recursive CTE's own reference reads, or null. */
    VirtualTables.Table workingTable(CommonTableExpression cte) { return workingTables.get(cte); }

    PlannedQuery planCte(CommonTableExpression cte) {
        if (recursiveCtes.contains(cte) && referencesItself(cte)) {
            ExplainBlocks blocks = ExplainBlocks.of(qc);
            return blocks == null ? planRecursiveCte(cte) : blocks.plan(cte.query(), () -> planRecursiveCte(cte));
        }
        if (!planningCtes.add(cte)) {
            throw new SqlException(ErrorCode.ER_NOT_SUPPORTED_YET, "recursive common table expressions");
        }
        try {
            return plan(cte.query(), null);
        } finally {
            planningCtes.remove(cte);
        }
    }

    private static boolean referencesItself(CommonTableExpression cte) {
        return AstWalker.any(cte.query(), n -> n instanceof dev.basalt.sql.ast.BaseTable bt
                && bt.name().schema() == null && bt.name().name().equals(cte.name()));
    }

    /** anchor UNION [ALL] recursive part, the recursive part reading the previous round's rows. */
    private PlannedQuery planRecursiveCte(CommonTableExpression cte) {
        if (!(cte.query() instanceof SetOperation op) || op.operator() != SetOperator.UNION
                || AstWalker.any(op.left(), n -> n instanceof dev.basalt.sql.ast.BaseTable bt && bt.name().schema() == null
                && bt.name().name().equals(cte.name()))) {
            throw new SqlException(ErrorCode.ER_NOT_SUPPORTED_YET,
                    "a recursive common table expression other than 'anchor UNION [ALL] recursive part'");
        }
        PlannedQuery anchor = plan(op.left(), null);
        List<PlanColumn> cols = new ArrayList<>();
        for (int i = 0; i < anchor.columns().size(); i++) {
            PlanColumn c = anchor.columns().get(i);
            String name = cte.columns() != null && i < cte.columns().size() ? cte.columns().get(i) : c.name();
            cols.add(PlanColumn.expression(name, c.type(), true));
        }
        List<Object[]>[] working = new List[]{List.of()};
        workingTables.put(cte, new VirtualTables.Table(cols, () -> working[0]));
        PlannedQuery rec;
        try {
            rec = plan(op.right(), null);
        } finally {
            workingTables.remove(cte);
        }
        if (rec.columns().size() != cols.size()) throw new SqlException(ErrorCode.ER_WRONG_NUMBER_OF_COLUMNS_IN_SELECT);
        List<Expr> refs = new ArrayList<>();
        for (int i = 0; i < cols.size(); i++) refs.add(Exprs.column(i, cols.get(i).type(), true, cols.get(i).name()));
        long maxDepth = ((Number) qc.eval().systemVariable("cte_max_recursion_depth", false)).longValue();
        Operator root = new dev.basalt.engine.exec.RecursiveUnionOperator(anchor.root(), rec.root(), rows -> working[0] = rows,
                op.all() ? null : keyFunction(refs, cols.size()), maxDepth);
        return new PlannedQuery(root, cols, false);
    }

    // ---- SELECT block ------------------------------------------------------------------------

    /**
     * A subquery block's FROM and WHERE already planned and bound by {@link SemiJoinRewrite}'s
     * attempt, which found it uncorrelated: the ordinary planning that follows starts from them
     * instead of planning the block's FROM and binding its WHERE a second time.
     */
    record Prebound(Select select, Scope outer, FromPlanner.From from, Scope scope, List<Expr> conjuncts) {}

    private Prebound prebound;

    /** Hands the next {@link #planSelect} of {@code p.select()} under {@code p.outer()} its FROM and WHERE. */
    void offer(Prebound p) { prebound = p; }

    private PlannedQuery planSelect(Select s, Scope outer) {
        Prebound pre = prebound;
        prebound = null;
        if (pre != null && pre.select() == s && pre.outer() == outer) return planSelect(s, outer, pre.from(), pre.scope(), pre.conjuncts());
        return planSelect(s, outer, null, null, null);
    }

    private PlannedQuery planSelect(Select s, Scope outer, FromPlanner.From preFrom, Scope preScope, List<Expr> preConjuncts) {
        Scope scope;
        Operator op;
        FromPlanner.From from = null;
        List<Expr> conjuncts = new ArrayList<>();
        if (preFrom != null) {
            from = preFrom;
            scope = preScope;
            conjuncts.addAll(preConjuncts);
            op = null;
        } else if (s.from() == null) {
            scope = Scope.empty(outer);
            op = new ListOperator(List.<Object[]>of(Rows.EMPTY));
        } else {
            from = new FromPlanner(this, qc).plan(s.from(), outer);
            scope = new Scope(from.columns(), outer);
            from.coalesced().applyTo(scope);
            op = null;
        }
        ExprBinder where = new ExprBinder(scope, this, qc.database(), "where clause");
        if (from != null && preFrom == null) {
            ExprBinder on = where.withClause("on clause");
            for (Expression e : from.onConditions()) conjuncts.addAll(ExprUtil.conjuncts(on.bind(e)));
        }
        if (s.where() != null && preFrom == null) {
            if (Grouper.containsAggregate(s.where())) throw new SqlException(ErrorCode.ER_INVALID_GROUP_FUNC_USE);
            conjuncts.addAll(ExprUtil.conjuncts(where.bind(s.where())));
        }
        int explainMark = qc.explain().size(); // BlockPushdown replaces this block's rows
        if (from != null) {
            if (from.relations().size() == 1 && from.relations().getFirst() instanceof Relations.External ext) {
                var order = s.orderBy() == null || s.orderBy().isEmpty() ? List.<dev.basalt.engine.external.ScanRequest.SortKey>of()
                        : ExternalHints.order(s, ext.table());
                ext.hints().limit = order == null ? -1 : externalLimit(s);
                ext.hints().order = order == null ? List.of() : order;
                ext.hints().columns = ExternalHints.referencedColumns(s);
            }
            List<SemiJoinRewrite.Conjunct> semiJoins = SemiJoinRewrite.take(conjuncts, from.relations(), qc.eval());
            CoveringScan.register(qc, s, from.relations());
            // a MATCH read through its index ranks its rows only when the block's result order is theirs
            Object outerOrder = qc.statementState().put(FulltextAccess.ORDER_FREE, FulltextAccess.orderFree(s));
            try {
                op = new JoinPlanner(qc.eval()).plan(BlockPushdown.joinInputs(qc, s, from), conjuncts);
            } finally {
                if (outerOrder == null) qc.statementState().remove(FulltextAccess.ORDER_FREE);
                else qc.statementState().put(FulltextAccess.ORDER_FREE, outerOrder);
            }
            dev.basalt.engine.exec.FirstTable.mark(op); // Select_scan / Select_range, before semi-joins wrap it
            op = SemiJoinRewrite.join(op, semiJoins, scope, qc);
        } else if (!conjuncts.isEmpty()) {
            op = new FilterOperator(op, ExprUtil.and(conjuncts), qc.eval());
        }

        // select list, with * expanded
        List<Expression> itemAst = new ArrayList<>();
        List<String> itemNames = new ArrayList<>();
        List<String> aliases = new ArrayList<>(); // explicit AS names, else null
        List<PlanColumn> starColumns = new ArrayList<>(); // metadata for star-expanded items (else null)
        for (SelectItem item : s.items()) {
            switch (item) {
                case AllColumns all -> {
                    expandStar(all, scope, itemAst, itemNames, starColumns);
                    while (aliases.size() < itemAst.size()) aliases.add(null);
                }
                case SelectExpr se -> {
                    ItemPositions.checkAlias(se.alias());
                    itemAst.add(se.expression());
                    itemNames.add(se.alias() != null ? se.alias() : columnName(se));
                    aliases.add(se.alias());
                    starColumns.add(null);
                }
            }
        }

        boolean grouped = !s.groupBy().isEmpty() || (s.having() != null && Grouper.containsAggregate(s.having()));
        for (Expression e : itemAst) grouped |= Grouper.containsAggregate(e);
        if (s.orderBy() != null) for (OrderItem o : s.orderBy()) grouped |= Grouper.containsAggregate(o.expression());
        grouped |= Grouper.containsAggregate(s.windows());

        ExprBinder itemBinder = new ExprBinder(scope, this, qc.database(), "field list");
        Grouper grouper = null;
        if (grouped) {
            List<Expression> groupAst = new ArrayList<>();
            List<Expr> groupExprs = new ArrayList<>();
            ExprBinder gb = new ExprBinder(scope, this, qc.database(), "group statement");
            for (Expression g : s.groupBy()) {
                Expression resolved = resolveAliasOrPosition(g, itemAst, itemNames, scope, "group statement");
                if (g instanceof dev.basalt.sql.ast.ColumnRef alias && resolved != g
                        && WindowPlanner.containsWindowFunction(resolved)) throw WindowErrors.aliasUse(alias.column());
                GroupByAggregate.check(g, resolved, itemAst, itemNames);
                groupAst.add(resolved);
                groupExprs.add(gb.bind(resolved));
            }
            grouper = new Grouper(groupAst, groupExprs);
            itemBinder = itemBinder.withGrouping(grouper);
            scope.setGrouping(grouper);
        }

        // window functions: the select list and ORDER BY may hold them, HAVING may not
        ExprBinder havingBinder = itemBinder;
        WindowPlanner windows = null;
        if (!s.windows().isEmpty() || WindowPlanner.containsWindowFunction(itemAst)
                || s.orderBy() != null && WindowPlanner.containsWindowFunction(s.orderBy())) {
            windows = new WindowPlanner(s.windows(), grouper, itemBinder, qc.eval());
            itemBinder = itemBinder.withGrouping(windows);
        }

        List<Expr> items = new ArrayList<>();
        OnlyFullGroupBy fullGroupBy = grouper != null && qc.eval().sqlMode(dev.basalt.engine.expr.SqlMode.ONLY_FULL_GROUP_BY)
                && from != null && from.relations().stream().noneMatch(r -> r instanceof Relations.External)
                ? new OnlyFullGroupBy(s, scope.columns(), groupedColumns(grouper), scope) : null;
        if (fullGroupBy != null) grouper.fullGroupBy(fullGroupBy);
        for (int i = 0; i < itemAst.size(); i++) {
            if (fullGroupBy != null) fullGroupBy.item(i + 1, itemAst.get(i), scope);
            items.add(itemBinder.bind(itemAst.get(i)));
        }
        if (fullGroupBy != null) fullGroupBy.item(0, null, scope);

        Expr having = null;
        if (s.having() != null) {
            ExprBinder hb = havingBinder.withClause("having clause");
            Expression resolvedHaving = resolveHavingAliases(s.having(), itemAst, aliases, s.groupBy(), scope);
            if (fullGroupBy != null) fullGroupBy.having(resolvedHaving, scope);
            having = hb.bind(resolvedHaving);
            if (fullGroupBy != null) fullGroupBy.item(0, null, scope);
        }

        // ORDER BY keys: positions and aliases refer to select items; others are hidden columns
        List<Expr> hidden = new ArrayList<>();
        List<int[]> orderSlots = new ArrayList<>(); // {projection index, descending}
        if (s.orderBy() != null) {
            ExprBinder ob = itemBinder.withClause("order clause");
            DistinctOrderCheck distinctOrder = s.distinct() && qc.eval().sqlMode(dev.basalt.engine.expr.SqlMode.ONLY_FULL_GROUP_BY)
                    ? new DistinctOrderCheck(itemAst, scope) : null;
            int orderKey = 0;
            for (OrderItem o : s.orderBy()) {
                orderKey++;
                int slot = itemSlot(o.expression(), itemAst, itemNames, scope);
                if (slot < 0) {
                    // aliases may also appear inside an ORDER BY expression (ORDER BY -total)
                    Expression resolved = AstRewriter.rewriteColumns(o.expression(), c -> {
                        if (c.table() != null || scope.find(null, null, c.column(), "order clause") >= 0) return c;
                        for (int i = 0; i < aliases.size(); i++) {
                            if (aliases.get(i) != null && aliases.get(i).equalsIgnoreCase(c.column())) return itemAst.get(i);
                        }
                        return c;
                    });
                    if (distinctOrder != null) distinctOrder.check(orderKey, resolved);
                    if (fullGroupBy != null) fullGroupBy.orderKey(orderKey, resolved, scope);
                    Expr e = ob.bind(resolved);
                    if (fullGroupBy != null) fullGroupBy.item(0, null, scope);
                    if (e.isConstant()) continue; // ORDER BY constant: no effect
                    slot = items.size() + hidden.size();
                    hidden.add(e);
                }
                orderSlots.add(new int[]{slot, o.descending() ? 1 : 0});
            }
        }

        // one native table: read it in index order instead of sorting, MIN/MAX from an index's ends
        Relations.Native single = from != null && from.relations().size() == 1
                && from.relations().getFirst() instanceof Relations.Native n ? n : null;
        boolean indexOrdered = false;
        boolean streamGroups = false; // groups arrive in key order: aggregate without a hash table
        if (single != null && grouper == null && (windows == null || !windows.hasFunctions()) && !orderSlots.isEmpty()) {
            indexOrdered = readInIndexOrder(single, conjuncts, orderSlots, items, hidden, s.limit() != null, explainMark);
            if (indexOrdered) op = lastOrdered;
        } else if (single != null && grouper != null && !s.groupBy().isEmpty() && !s.withRollup()
                && (windows == null || !windows.hasFunctions())) {
            int ordered = readGroupsInIndexOrder(single, conjuncts, grouper, orderSlots, items, hidden, s.limit() != null,
                    explainMark);
            if (ordered > 0) {
                op = lastOrdered;
                streamGroups = true;
                indexOrdered = ordered == 2;
            }
        } else if (single != null && grouper != null && s.groupBy().isEmpty() && !s.withRollup()) {
            Operator ends = IndexOrder.minMax(single, conjuncts, grouper.aggregates());
            if (ends != null) {
                op = ends;
                replaceExplain(explainMark, conjuncts.isEmpty()
                        ? new ExplainRow(null, null, null, "Select tables optimized away")
                        : null);
            }
        }
        if (grouper != null && single != null && !streamGroups && !s.groupBy().isEmpty()) {
            noteExtra(explainMark, "Using temporary"); // MySQL's word for grouping in a hash table
        }
        if (grouper != null) {
            Expr[] keys = grouper.groupExprs().toArray(new Expr[0]);
            op = s.withRollup()
                    ? new dev.basalt.engine.exec.RollupOperator(op, keys, grouper.aggregates(), qc.eval())
                    : streamGroups ? new dev.basalt.engine.exec.StreamAggregateOperator(op, keys, grouper.aggregates(), qc.eval())
                    : new HashAggregateOperator(op, keys, grouper.aggregates(), qc.eval());
            if (having != null) op = new FilterOperator(op, having, qc.eval());
        } else if (having != null) {
            // HAVING without grouping filters like WHERE, but sees select aliases
            op = new FilterOperator(op, having, qc.eval());
        }
        if (windows != null && windows.hasFunctions()) {
            op = windows.operator(op, grouper != null ? grouper.width() : scope.columns().size());
        }

        List<Expr> projection = new ArrayList<>(items);
        projection.addAll(hidden);
        op = new ProjectOperator(op, projection.toArray(new Expr[0]), qc.eval());
        int visible = items.size();

        if (s.distinct()) op = new DistinctOperator(op, keyFunction(items, visible));

        long[] limit = limitOf(s.limit());
        // SQL_CALC_FOUND_ROWS on the statement's query block: count the rows LIMIT drops
        boolean calc = s.calcFoundRows() && outer == null && limit != null && foundRowsLimit == null;
        if (!orderSlots.isEmpty() && !indexOrdered) {
            if (single != null) noteExtra(explainMark, "Using filesort");
            List<Expr> all = projection;
            op = new SortOperator(op, comparator(orderSlots, all), limit == null || calc ? -1 : limit[0] + limit[1])
                    .describedAs(() -> sortKeys(orderSlots, all));
        }
        if (limit != null) {
            LimitOperator l = new LimitOperator(op, limit[0], limit[1], calc);
            if (calc) foundRowsLimit = l;
            op = l;
        }
        if (!hidden.isEmpty()) {
            Expr[] trim = new Expr[visible];
            for (int i = 0; i < visible; i++) trim[i] = new PositionRef(i);
            op = new ProjectOperator(op, trim, qc.eval());
        }
        // a block over the tables of one remote server may run there whole
        Operator remote = BlockPushdown.plan(qc, s, from, conjuncts, items, grouper, having, projection, orderSlots, limit,
                explainMark);
        if (remote != null) op = remote;

        List<PlanColumn> outCols = new ArrayList<>();
        for (int i = 0; i < visible; i++) {
            Expr e = items.get(i);
            String name = itemNames.get(i);
            PlanColumn star = starColumns.get(i);
            if (star != null) {
                outCols.add(star);
            } else if (e instanceof ColumnRef c && (grouper == null || groupedColumn(grouper, c) != null)) {
                // a table column, directly or as a GROUP BY key: its table metadata (keys, NO_DEFAULT_VALUE), as MySQL sends it
                PlanColumn src = scope.columns().get(grouper == null ? c.index() : groupedColumn(grouper, c).index());
                if (grouper != null) src = src.withNullable(e.nullable());
                ColumnInfo si = src.info();
                ColumnInfo info = si.as(si.schema(), si.table(), name, src.type(), src.nullable());
                outCols.add(new PlanColumn(src.schema(), src.table(), name, src.type(), src.nullable(), info));
            } else {
                outCols.add(PlanColumn.expression(name, e.type(), e.nullable()));
            }
        }
        return new PlannedQuery(op, outCols, scope.correlatedReferenced() || outer != null && referencesOuter(scope));
    }

    /** The ordered read {@link #readInIndexOrder} built. */
    private Operator lastOrdered;

    /**
     * Whether ORDER BY over the one native table can come from an index (plain columns, one
     * direction); if so the ordered read is left in {@link #lastOrdered} and EXPLAIN's row replaced.
     */
    private boolean readInIndexOrder(Relations.Native rel, List<Expr> conjuncts, List<int[]> orderSlots, List<Expr> items,
                                     List<Expr> hidden, boolean limited, int explainMark) {
        List<IndexOrder.Key> keys = new ArrayList<>();
        for (int[] slot : orderSlots) {
            Expr e = slot[0] < items.size() ? items.get(slot[0]) : hidden.get(slot[0] - items.size());
            if (!(e instanceof ColumnRef c)) return false;
            keys.add(new IndexOrder.Key(c.index(), slot[1] == 1));
        }
        IndexOrder.Choice choice = IndexOrder.choose(rel, conjuncts, keys, limited);
        if (choice == null) return false;
        lastOrdered = IndexOrder.build(rel, choice, conjuncts);
        replaceExplain(explainMark, IndexOrder.explain(rel, choice, conjuncts));
        return true;
    }

    /**
     * GROUP BY plain columns of the one native table read from an index in group order, so groups
     * stream out. Returns 0 when not possible, 1 when the groups stream, 2 when they also satisfy
     * the ORDER BY (its keys are the group keys, in GROUP BY order, one direction), so no sort.
     * A secondary index replaces a full scan only when a LIMIT then stops the read early.
     */
    /** The scope column a reference into the aggregation output stands for, when it is a GROUP BY key that is a bare column. */
    private static ColumnRef groupedColumn(Grouper grouper, ColumnRef ref) {
        return ref.index() < grouper.groupExprs().size() && grouper.groupExprs().get(ref.index()) instanceof ColumnRef c
                ? c : null;
    }

    private int readGroupsInIndexOrder(Relations.Native rel, List<Expr> conjuncts, Grouper grouper, List<int[]> orderSlots,
                                       List<Expr> items, List<Expr> hidden, boolean limited, int explainMark) {
        boolean orderFollows = orderSlots.size() <= grouper.groupExprs().size();
        boolean desc = !orderSlots.isEmpty() && orderSlots.getFirst()[1] == 1;
        for (int i = 0; i < orderSlots.size() && orderFollows; i++) {
            int[] slot = orderSlots.get(i);
            Expr e = slot[0] < items.size() ? items.get(slot[0]) : hidden.get(slot[0] - items.size());
            orderFollows = e instanceof ColumnRef c && c.index() == i && (slot[1] == 1) == desc;
        }
        if (!orderFollows) desc = false;
        List<IndexOrder.Key> keys = new ArrayList<>();
        for (Expr g : grouper.groupExprs()) {
            if (!(g instanceof ColumnRef c)) return 0;
            keys.add(new IndexOrder.Key(c.index(), desc));
        }
        GroupSkipScan.Plan skip = GroupSkipScan.plan(rel, conjuncts, keys, grouper.aggregates());
        if (skip != null) { // a few seeks per group (MySQL's "Using index for group-by")
            lastOrdered = skip.operator();
            replaceExplain(explainMark, skip.explain());
            return orderFollows && !orderSlots.isEmpty() ? 2 : 1;
        }
        IndexOrder.Choice choice = IndexOrder.choose(rel, conjuncts, keys, limited && orderFollows);
        if (choice == null) return 0;
        lastOrdered = IndexOrder.build(rel, choice, conjuncts);
        replaceExplain(explainMark, IndexOrder.explain(rel, choice, conjuncts));
        return orderFollows && !orderSlots.isEmpty() ? 2 : 1;
    }

    /** Replaces the EXPLAIN row of this block's single table access (null: keep it). */
    private void replaceExplain(int mark, ExplainRow row) {
        if (row != null && qc.explain().size() > mark) qc.explain().set(mark, row);
    }

    /** Adds to the Extra of the EXPLAIN row of this block's single table access ("Using filesort"...). */
    private void noteExtra(int mark, String extra) {
        if (qc.explain().size() <= mark) return;
        ExplainRow r = qc.explain().get(mark);
        qc.explain().set(mark, r.withExtra(r.extra() == null ? extra : r.extra() + "; " + extra));
    }

    /**
     * MySQL names an unaliased column by its text, except that a column reference is named by the
     * column (t.a -> a) and a string literal by its value.
     */
    private static String columnName(SelectExpr se) {
        if (se.expression() instanceof dev.basalt.sql.ast.StringLiteral s) return s.value();
        if (se.expression() instanceof dev.basalt.sql.ast.ColumnRef c) return c.column();
        return ItemPositions.derivedName(se.text());
    }

    /** Whether anything bound in this block reached an enclosing scope (set on those scopes). */
    private static boolean referencesOuter(Scope scope) {
        for (Scope s = scope.outer(); s != null; s = s.outer()) if (s.correlatedReferenced()) return true;
        return false;
    }

    private void expandStar(AllColumns all, Scope scope, List<Expression> ast, List<String> names, List<PlanColumn> meta) {
        boolean any = false;
        for (int i = 0; i < scope.columns().size(); i++) {
            PlanColumn c = scope.columns().get(i);
            if (FromPlanner.hidden(c)) continue;
            if (all.table() == null && scope.hiddenFromStar(i)) continue;
            if (all.table() != null && !c.table().equals(all.table())) continue;
            if (all.schema() != null && !c.schema().equals(all.schema())) continue;
            ast.add(new dev.basalt.sql.ast.ColumnRef(c.schema().isEmpty() ? null : c.schema(), c.table().isEmpty() ? null : c.table(), c.name()));
            names.add(c.name());
            meta.add(c);
            any = true;
        }
        if (!any) {
            if (all.table() != null) throw new SqlException(ErrorCode.ER_BAD_TABLE, all.table());
            throw new SqlException(ErrorCode.ER_NO_TABLES_USED);
        }
    }

    /** GROUP BY 2 / GROUP BY alias -> the select item's expression. */
    private Expression resolveAliasOrPosition(Expression e, List<Expression> items, List<String> names, Scope scope, String clause) {
        if (e instanceof NumberLiteral n && n.kind() == dev.basalt.sql.ast.NumberKind.INTEGER
                && ItemPositions.of(n.text()) != ItemPositions.CONSTANT) {
            int pos = ItemPositions.of(n.text());
            if (pos < 1 || pos > items.size()) throw new SqlException(ErrorCode.ER_BAD_FIELD, n.text(), clause);
            return items.get(pos - 1);
        }
        if (e instanceof dev.basalt.sql.ast.ColumnRef c && c.table() == null && scope.find(null, null, c.column(), clause) < 0) {
            for (int i = 0; i < names.size(); i++) if (names.get(i).equalsIgnoreCase(c.column())) return items.get(i);
        }
        return e;
    }

    /**
     * HAVING names refer to select-list aliases first (MySQL's extension), except names that are
     * GROUP BY columns, which keep their standard meaning.
     */
    private Expression resolveHavingAliases(Expression e, List<Expression> items, List<String> aliases, List<Expression> groupBy,
                                            Scope scope) {
        return AstRewriter.rewriteColumns(e, c -> {
            if (c.table() != null) return c;
            for (Expression g : groupBy) {
                if (g instanceof dev.basalt.sql.ast.ColumnRef gc && gc.column().equalsIgnoreCase(c.column())
                        && scope.find(null, null, c.column(), "having clause") >= 0) return c;
            }
            for (int i = 0; i < aliases.size(); i++) {
                if (aliases.get(i) != null && aliases.get(i).equalsIgnoreCase(c.column())) {
                    if (WindowPlanner.containsWindowFunction(items.get(i))) throw WindowErrors.aliasUse(aliases.get(i));
                    return items.get(i);
                }
            }
            return c;
        });
    }

    /** ORDER BY position or alias -> select item index, else -1. */
    private int itemSlot(Expression e, List<Expression> items, List<String> names, Scope scope) {
        if (e instanceof NumberLiteral n && n.kind() == dev.basalt.sql.ast.NumberKind.INTEGER
                && ItemPositions.of(n.text()) != ItemPositions.CONSTANT) {
            int pos = ItemPositions.of(n.text());
            if (pos < 1 || pos > items.size()) throw new SqlException(ErrorCode.ER_BAD_FIELD, n.text(), "order clause");
            return pos - 1;
        }
        if (e instanceof dev.basalt.sql.ast.ColumnRef c && c.table() == null) {
            // MySQL resolves ORDER BY names against select-list aliases first
            for (int i = 0; i < names.size(); i++) if (names.get(i).equalsIgnoreCase(c.column())) return i;
        }
        for (int i = 0; i < items.size(); i++) if (items.get(i).equals(e)) return i;
        return -1;
    }

    private static Function<Object[], Object> keyFunction(List<Expr> cols, int width) {
        SqlType[] types = new SqlType[width];
        for (int i = 0; i < width; i++) types[i] = cols.get(i).type();
        return row -> {
            Object[] parts = new Object[width];
            for (int i = 0; i < width; i++) parts[i] = Values.groupKey(row[i], types[i]);
            return new GroupKeys.Composite(parts);
        };
    }

    /** The ORDER BY as EXPLAIN FORMAT=TREE's "Sort:" line shows it. */
    private static String sortKeys(List<int[]> slots, List<Expr> exprs) {
        List<String> keys = new ArrayList<>();
        for (int[] slot : slots) {
            keys.add(dev.basalt.engine.exec.ExplainText.condition(exprs.get(slot[0])) + (slot[1] == 1 ? " DESC" : ""));
        }
        return String.join(", ", keys);
    }

    private static Comparator<Object[]> comparator(List<int[]> slots, List<Expr> exprs) {
        Comparator<Object[]> cmp = null;
        for (int[] s : slots) {
            int idx = s[0];
            Comparator<Object> c = Values.orderComparator(exprs.get(idx).type());
            Comparator<Object[]> k = (a, b) -> c.compare(a[idx], b[idx]);
            if (s[1] == 1) k = k.reversed();
            cmp = cmp == null ? k : cmp.thenComparing(k);
        }
        return cmp;
    }

    /**
     * LIMIT + OFFSET of a query whose only input is an external table, when the remote may apply
     * it: nothing between the scan and the LIMIT may drop or add rows, and an ORDER BY must go to
     * the remote with it (checked by the caller, {@link ExternalHints#order}). -1 otherwise.
     */
    /** The FROM columns the block groups by as bare columns. */
    private static java.util.Set<Integer> groupedColumns(Grouper g) {
        java.util.Set<Integer> out = new java.util.HashSet<>();
        for (Expr e : g.groupExprs()) if (e instanceof dev.basalt.engine.expr.ColumnRef c) out.add(c.index());
        return out;
    }

    private long externalLimit(Select s) {
        if (s.limit() == null || !s.groupBy().isEmpty() || s.having() != null || s.distinct()) return -1;
        if (WindowPlanner.containsWindowFunction(s.items())) return -1; // they need every row
        for (SelectItem item : s.items()) {
            if (item instanceof SelectExpr se && (Grouper.containsAggregate(se.expression())
                    || AstWalker.any(se.expression(), n -> n instanceof dev.basalt.sql.ast.ScalarSubquery
                    || n instanceof dev.basalt.sql.ast.Exists || n instanceof dev.basalt.sql.ast.InSubquery))) {
                return -1;
            }
        }
        long[] l = limitOf(s.limit());
        return l == null ? -1 : l[0] + l[1];
    }

    /** {offset, count} or null. */
    long[] limitOf(Limit limit) {
        if (limit == null) return null;
        long count = constantLong(limit.count());
        long offset = limit.offset() == null ? 0 : constantLong(limit.offset());
        return new long[]{offset, count};
    }

    private long constantLong(Expression e) {
        Expr x = new ExprBinder(Scope.empty(null), this, qc.database(), "limit clause").bind(e);
        Object v = x.eval(qc.eval(), null);
        if (v instanceof Long l && l >= 0) return l;
        if (v instanceof java.math.BigInteger) return Long.MAX_VALUE;
        throw new SqlException(ErrorCode.ER_WRONG_ARGUMENTS, "LIMIT");
    }

    // ---- single-table row sources for UPDATE / DELETE -------------------------------------

    /** The rows of one table that a single-table UPDATE or DELETE touches, in full (hidden row id included). */
    public record TableRows(dev.basalt.engine.catalog.TableDef table, Operator rows, Scope scope) {}

    public TableRows planTableRows(dev.basalt.sql.ast.QualifiedName name, String alias, Expression where,
                                   List<OrderItem> orderBy, Expression limitExpr) {
        return planTableRows(name, alias, where, orderBy, limitExpr, false);
    }

    /**
     * @param lockTarget lock each row of the target table as it is read and read its latest
     *                   committed version (UPDATE / DELETE in a multi-statement transaction: InnoDB's
     *                   current read); the WHERE is evaluated on that version
     */
    public TableRows planTableRows(dev.basalt.sql.ast.QualifiedName name, String alias, Expression where,
                                   List<OrderItem> orderBy, Expression limitExpr, boolean lockTarget) {
        String db = name.schema() != null ? name.schema() : qc.database();
        if (db == null) throw new SqlException(ErrorCode.ER_NO_DB);
        dev.basalt.engine.catalog.TableDef def = qc.catalog().table(db, name.name())
                .orElseThrow(() -> new SqlException(ErrorCode.ER_NO_SUCH_TABLE, db, name.name()));
        List<PlanColumn> cols = FromPlanner.tableColumns(def, alias != null ? alias : def.name());
        Scope scope = new Scope(cols, null);
        Relation rel = new Relations.Native(def, qc.tables().store(def), qc.txn(), cols, qc.eval(), lockTarget,
                () -> qc.tables().rowCountEstimate(qc.txn(), def), qc.explain());
        List<Expr> conjuncts = new ArrayList<>();
        if (where != null) conjuncts.addAll(ExprUtil.conjuncts(new ExprBinder(scope, this, qc.database(), "where clause").bind(where)));
        Operator op = new JoinPlanner(qc.eval()).plan(List.of(rel), conjuncts);
        if (orderBy != null && !orderBy.isEmpty()) {
            ExprBinder ob = new ExprBinder(scope, this, qc.database(), "order clause");
            Comparator<Object[]> cmp = null;
            for (OrderItem o : orderBy) {
                Expr e = ob.bind(o.expression());
                Comparator<Object> c = Values.orderComparator(e.type());
                var ctx = qc.eval();
                Comparator<Object[]> k = (a, b) -> c.compare(e.eval(ctx, a), e.eval(ctx, b));
                if (o.descending()) k = k.reversed();
                cmp = cmp == null ? k : cmp.thenComparing(k);
            }
            op = new SortOperator(op, cmp, -1);
        }
        if (limitExpr != null) op = new LimitOperator(op, 0, constantLong(limitExpr));
        return new TableRows(def, op, scope);
    }

    /** The joined rows of a multi-table UPDATE / DELETE, in the FROM clause's column layout. */
    public record JoinRows(Operator rows, Scope scope) {}

    public JoinRows planJoinRows(dev.basalt.sql.ast.TableRef from, Expression where) {
        FromPlanner.From f = new FromPlanner(this, qc).plan(from, null);
        Scope scope = new Scope(f.columns(), null);
        f.coalesced().applyTo(scope);
        ExprBinder b = new ExprBinder(scope, this, qc.database(), "on clause");
        List<Expr> conjuncts = new ArrayList<>();
        for (Expression e : f.onConditions()) conjuncts.addAll(ExprUtil.conjuncts(b.bind(e)));
        if (where != null) conjuncts.addAll(ExprUtil.conjuncts(b.withClause("where clause").bind(where)));
        return new JoinRows(new JoinPlanner(qc.eval()).plan(f.relations(), conjuncts), scope);
    }

    // ---- set operations ----------------------------------------------------------------------

    /** The first SELECT of a set operation: where SQL_CALC_FOUND_ROWS for the whole statement is written. */
    private static Select firstSelect(Query q) {
        return switch (q) {
            case Select s -> s;
            case SetOperation op -> firstSelect(op.left());
            default -> null;
        };
    }

    private PlannedQuery planSetOperation(SetOperation s, Scope outer) {
        Select first = firstSelect(s);
        boolean calc = first != null && first.calcFoundRows() && outer == null && s.limit() != null && foundRowsLimit == null;
        PlannedQuery left = plan(s.left(), outer);
        PlannedQuery right = plan(s.right(), outer);
        int n = left.columns().size();
        if (right.columns().size() != n) throw new SqlException(ErrorCode.ER_WRONG_NUMBER_OF_COLUMNS_IN_SELECT);
        List<PlanColumn> cols = new ArrayList<>();
        List<SqlType> types = new ArrayList<>();
        boolean materialized = collectsInTemporaryTable(s);
        for (int i = 0; i < n; i++) {
            PlanColumn l = left.columns().get(i), r = right.columns().get(i);
            SqlType t = unionWidth(Types.unify(List.of(l.type(), r.type())));
            types.add(t);
            boolean nullable = l.nullable() || r.nullable();
            PlanColumn c = PlanColumn.expression(l.name(), t, nullable);
            if (materialized) c = new PlanColumn(c.schema(), c.table(), c.name(), t, nullable, c.info().asMaterialized());
            cols.add(c);
        }
        Operator lo = conform(left, types), ro = conform(right, types);
        Operator op;
        List<Expr> refs = new ArrayList<>();
        for (int i = 0; i < n; i++) refs.add(Exprs.column(i, types.get(i), true, cols.get(i).name()));
        Function<Object[], Object> key = keyFunction(refs, n);
        if (s.operator() == SetOperator.UNION) {
            op = new ConcatOperator(List.of(lo, ro));
            if (!s.all()) op = new DistinctOperator(op, key);
        } else {
            op = new SetDifferenceOperator(lo, ro, key, s.operator() == SetOperator.INTERSECT, s.all());
        }
        long[] limit = limitOf(s.limit());
        SetOrderCheck.check(s.orderBy());
        if (s.orderBy() != null && !s.orderBy().isEmpty()) {
            List<int[]> slots = new ArrayList<>();
            for (OrderItem o : s.orderBy()) {
                int slot = -1;
                if (o.expression() instanceof NumberLiteral num) {
                    slot = ItemPositions.of(num.text()) - 1;
                } else if (o.expression() instanceof dev.basalt.sql.ast.ColumnRef c) {
                    for (int i = 0; i < n; i++) if (cols.get(i).name().equalsIgnoreCase(c.column())) { slot = i; break; }
                }
                if (!(o.expression() instanceof NumberLiteral) && !(o.expression() instanceof dev.basalt.sql.ast.ColumnRef)) {
                    // an expression over the result's columns (ORDER BY a + 1): sorted on as a hidden column
                    slot = refs.size();
                    refs.add(new ExprBinder(new Scope(cols, null), this, qc.database(), "order clause").bind(o.expression()));
                } else if (slot < 0 || slot >= n) {
                    throw new SqlException(ErrorCode.ER_BAD_FIELD, o.expression() instanceof dev.basalt.sql.ast.ColumnRef c ? c.column()
                            : o.expression() instanceof NumberLiteral num ? num.text() : "?", "order clause");
                }
                slots.add(new int[]{slot, o.descending() ? 1 : 0});
            }
            if (refs.size() > n) op = new ProjectOperator(op, refs.toArray(new Expr[0]), qc.eval());
            op = new SortOperator(op, comparator(slots, refs), limit == null || calc ? -1 : limit[0] + limit[1])
                    .describedAs(() -> sortKeys(slots, refs));
            if (refs.size() > n) op = new ProjectOperator(op, refs.subList(0, n).toArray(new Expr[0]), qc.eval());
        }
        if (limit != null) {
            LimitOperator l = new LimitOperator(op, limit[0], limit[1], calc);
            if (calc) foundRowsLimit = l;
            op = l;
        }
        return new PlannedQuery(op, cols, left.correlated() || right.correlated());
    }

    /**
     * Whether mysqld collects this set operation's rows in a temporary table, whose fields then
     * describe the result (numbers without the BINARY flag): anything but a chain of UNION ALLs,
     * which it streams from its branches (MariaDB 10.11 agrees, also for a UNION DISTINCT anywhere
     * in a chain with UNION ALLs).
     */
    private static boolean collectsInTemporaryTable(Query q) {
        if (!(q instanceof SetOperation s)) return false;
        return s.operator() != SetOperator.UNION || !s.all()
                || collectsInTemporaryTable(s.left()) || collectsInTemporaryTable(s.right());
    }

    /**
     * A signed integer column of a set operation has its type's full display width, as MySQL 8's
     * Item_aggregate_type::display_length gives it (SELECT 1 UNION SELECT 2 is BIGINT(20), a TINYINT 4),
     * not the width of the branches' values.
     */
    private static SqlType unionWidth(SqlType t) {
        // unsigned widths are already the type's; comparison results stay the boolean the PostgreSQL port shows
        if (t.unsigned() || t == Types.BOOL_RESULT) return t;
        return switch (t.kind()) {
            case TINYINT -> t.length() == 1 ? t : t.withLength(4); // TINYINT(1) stays the boolean
            case SMALLINT -> t.withLength(6);
            case MEDIUMINT -> t.withLength(9);
            case INT -> t.withLength(11);
            case BIGINT -> t.withLength(20);
            default -> t;
        };
    }

    /** Casts a branch's columns to the union's column types where the kinds differ. */
    private Operator conform(PlannedQuery q, List<SqlType> types) {
        boolean same = true;
        Expr[] proj = new Expr[types.size()];
        for (int i = 0; i < types.size(); i++) {
            PlanColumn c = q.columns().get(i);
            Expr ref = Exprs.column(i, c.type(), c.nullable(), c.name());
            if (c.type().kind() != types.get(i).kind() && c.type().kind() != dev.basalt.engine.types.TypeKind.NULL_TYPE) {
                proj[i] = Exprs.cast(ref, types.get(i));
                same = false;
            } else {
                proj[i] = ref;
            }
        }
        return same ? q.root() : new ProjectOperator(q.root(), proj, qc.eval());
    }
}
