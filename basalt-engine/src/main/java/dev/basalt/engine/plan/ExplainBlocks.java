package dev.basalt.engine.plan;

import dev.basalt.sql.ast.AssignUserVariable;
import dev.basalt.sql.ast.BaseTable;
import dev.basalt.sql.ast.CommonTableExpression;
import dev.basalt.sql.ast.DerivedTable;
import dev.basalt.sql.ast.Exists;
import dev.basalt.sql.ast.InSubquery;
import dev.basalt.sql.ast.QuantifiedComparison;
import dev.basalt.sql.ast.Query;
import dev.basalt.sql.ast.ScalarSubquery;
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
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The query blocks of one EXPLAIN'd statement, for the traditional format's {@code id} and
 * {@code select_type} columns, as MySQL 8 shows them.
 *
 * <p>Ids are MySQL's select numbers: the order in which the parser meets each SELECT in the text
 * (select list, FROM, WHERE, ... as written; a CTE's body where the CTE is first referenced).
 * Blocks merged away keep their number unused, as in MySQL: a derived table or view MySQL would
 * merge (derived_merge) shows its tables in the enclosing block, and a subquery run as a
 * semi-join or anti-join shows its tables after the outer ones they join.
 *
 * <p>Only created by EXPLAIN: while a statement is planned, each {@link QueryPlanner#plan} call
 * opens a block; the {@link ExplainRow}s added while a block is the innermost open one are its
 * rows. Output order follows MySQL's: a block's rows, then its inner query expressions (subqueries
 * and materialized derived tables) latest first, each one's members followed by its UNION RESULT.
 */
public final class ExplainBlocks {

    static final String KEY = "explainBlocks";

    /** What a query expression is to its surroundings (MySQL's select_type family). */
    enum Role { TOP, SUBQUERY, DERIVED, MEMBER }

    /** One SELECT block. */
    static final class Block {
        final int id;
        final Unit unit;
        final boolean noTables;
        final List<ExplainRow> rows = new ArrayList<>();
        final List<Unit> inner = new ArrayList<>();

        Block(int id, Unit unit, boolean noTables) {
            this.id = id;
            this.unit = unit;
            this.noTables = noTables;
        }
    }

    /** One query expression: a single block, or the members of a UNION / INTERSECT / EXCEPT. */
    static final class Unit {
        final Role role;
        final SetOperation setOperation;
        final List<Block> members = new ArrayList<>();
        boolean dependent;

        Unit(Role role, SetOperation setOperation) {
            this.role = role;
            this.setOperation = setOperation;
        }

        int firstId() { return members.isEmpty() ? Integer.MAX_VALUE : members.getFirst().id; }
    }

    /** One row of the traditional format before its columns are laid out. */
    public record Line(Long id, String selectType, ExplainRow row) {}

    private final Map<Query, Integer> ids = new IdentityHashMap<>();
    private final Map<Query, Unit> units = new IdentityHashMap<>();
    private final Map<Integer, Block> blocks = new HashMap<>();
    private final Map<ExplainRow, Block> owner = new IdentityHashMap<>();
    private final Deque<Block> open = new ArrayDeque<>();
    private int nextId;
    private Unit top;
    private Role pending;

    private ExplainBlocks(Query statement) {
        number(statement, new ArrayDeque<>());
    }

    /** Starts block tracking for the statement about to be planned with {@code qc}. */
    public static ExplainBlocks start(QueryContext qc, Query statement) {
        ExplainBlocks b = new ExplainBlocks(statement);
        b.explainList = qc.explain();
        qc.statementState().put(KEY, b);
        return b;
    }

    /** The tracker of an EXPLAIN being planned, or null. */
    static ExplainBlocks of(QueryContext qc) {
        return (ExplainBlocks) qc.statementState().get(KEY);
    }

    // ---- numbering -----------------------------------------------------------------------------

    private void number(Object node, Deque<Map<String, CommonTableExpression>> ctes) {
        AstWalker.any(node, n -> {
            switch (n) {
                case Select s -> ids.putIfAbsent(s, ++nextId);
                case WithQuery w -> {
                    Map<String, CommonTableExpression> m = new HashMap<>();
                    for (CommonTableExpression c : w.ctes()) m.put(c.name(), c);
                    ctes.push(m);
                    try {
                        number(w.body(), ctes);
                    } finally {
                        ctes.pop();
                    }
                }
                case BaseTable bt when bt.name().schema() == null -> {
                    CommonTableExpression c = find(ctes, bt.name().name());
                    if (c != null && !ids.containsKey(firstSelect(c.query()))) number(c.query(), ctes);
                }
                default -> { }
            }
            return false;
        }, n -> n instanceof WithQuery);
    }

    private static CommonTableExpression find(Deque<Map<String, CommonTableExpression>> ctes, String name) {
        for (Map<String, CommonTableExpression> m : ctes) {
            CommonTableExpression c = m.get(name);
            if (c != null) return c;
        }
        return null;
    }

    private static Select firstSelect(Query q) {
        return switch (q) {
            case Select s -> s;
            case SetOperation op -> firstSelect(op.left());
            case WithQuery w -> firstSelect(w.body());
        };
    }

    // ---- tracking while planning ---------------------------------------------------------------

    /** The next {@link #plan} call plans a derived table, CTE or view body. */
    void nextIsDerived() { pending = Role.DERIVED; }

    /** Plans {@code q} as a query expression, or as a member of the set operation being planned. */
    PlannedQuery plan(Query q, Supplier<PlannedQuery> planner) {
        Role role;
        if (!setOperations.isEmpty() && (setOperations.peek().left() == q || setOperations.peek().right() == q)) {
            role = Role.MEMBER;
        } else if (pending != null) {
            role = pending;
        } else {
            role = open.isEmpty() && top == null ? Role.TOP : Role.SUBQUERY;
        }
        pending = null;
        if (q instanceof WithQuery) {
            pending = role; // the body is this expression (or member)
            return planner.get();
        }
        if (role == Role.MEMBER) return member(q, planner);
        if (role == Role.DERIVED && q instanceof Select s && mergeable(s)) {
            PlannedQuery p = planner.get();
            lastUnit = null; // MySQL merges it: its tables join the enclosing block
            return p;
        }
        Unit unit = units.computeIfAbsent(q, k -> new Unit(role, q instanceof SetOperation op ? op : null));
        if (role == Role.TOP) top = unit;
        else if (unit.members.isEmpty() && !open.isEmpty() && !open.peek().inner.contains(unit)) open.peek().inner.add(unit);
        Unit outerUnit = currentUnit;
        currentUnit = unit;
        PlannedQuery p;
        try {
            p = member(q, planner);
        } finally {
            currentUnit = outerUnit;
        }
        unit.dependent |= p.correlated();
        lastUnit = unit;
        return p;
    }

    private final Deque<SetOperation> setOperations = new ArrayDeque<>();
    private Unit currentUnit;
    private Unit lastUnit;

    /** The unit of the derived table just planned, or null when it was merged into the enclosing block. */
    Unit lastUnit() { return lastUnit; }

    private PlannedQuery member(Query q, Supplier<PlannedQuery> planner) {
        if (q instanceof SetOperation op) {
            setOperations.push(op); // its two sides are members of the current unit
            try {
                return planner.get();
            } finally {
                setOperations.pop();
            }
        }
        if (q instanceof WithQuery) {
            pending = Role.MEMBER;
            return planner.get();
        }
        Select s = (Select) q;
        Integer id = ids.get(s);
        if (id == null) ids.put(s, id = ++nextId); // a view's body: numbered after the statement's blocks
        Block b = blocks.get(id);
        if (b == null) {
            b = new Block(id, currentUnit, s.from() == null);
            blocks.put(id, b);
            currentUnit.members.add(b);
        }
        java.util.Set<ExplainRow> before = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        if (explainList != null) before.addAll(explainList);
        open.push(b);
        try {
            return planner.get();
        } finally {
            open.pop();
            claim(b, before);
        }
    }

    /** The statement's row list: rows added to it while a block is the innermost open one are that block's. */
    private List<ExplainRow> explainList;

    private void claim(Block b, java.util.Set<ExplainRow> before) {
        if (explainList == null) return;
        boolean hasLive = false;
        for (ExplainRow r : b.rows) if (containsIdentity(explainList, r)) { hasLive = true; break; }
        for (ExplainRow r : explainList) {
            if (owner.containsKey(r) || before.contains(r)) continue;
            owner.put(r, b);
            // a CTE referenced twice is planned twice but materialized once in MySQL: one DERIVED block
            if (!hasLive) b.rows.add(r);
        }
    }

    private static boolean containsIdentity(List<ExplainRow> list, ExplainRow r) {
        for (ExplainRow e : list) if (e == r) return true;
        return false;
    }

    /** MySQL 8's derived_merge conditions: a plain SELECT over tables. */
    static boolean mergeable(Select s) {
        if (s.from() == null || s.distinct() || !s.groupBy().isEmpty() || s.having() != null || s.limit() != null
                || !s.windows().isEmpty()) {
            return false;
        }
        for (SelectItem item : s.items()) {
            if (item instanceof SelectExpr e && (Grouper.containsAggregate(e.expression())
                    || WindowPlanner.containsWindowFunction(e.expression())
                    || AstWalker.any(e.expression(), n -> n instanceof ScalarSubquery || n instanceof Exists
                    || n instanceof InSubquery || n instanceof QuantifiedComparison || n instanceof AssignUserVariable))) {
                return false;
            }
        }
        return true;
    }

    // ---- output ----------------------------------------------------------------------------------

    /** The rows in MySQL's order with their id and select_type; {@code explain} is the final row list. */
    public List<Line> lines(List<ExplainRow> explain) {
        List<Line> out = new ArrayList<>();
        if (top == null) return out;
        // rows left unclaimed (none expected) belong to the first block
        for (ExplainRow r : explain) {
            if (!owner.containsKey(r) && !top.members.isEmpty()) top.members.getFirst().rows.add(r);
        }
        boolean simple = top.setOperation == null && top.members.size() == 1 && !hasVisibleInner(top.members.getFirst(), explain);
        emit(top, simple, explain, out);
        return out;
    }

    // ---- EXPLAIN FORMAT=JSON: the blocks as a tree ---------------------------------------------

    /**
     * A query expression for FORMAT=JSON: its member blocks, where it hangs in the block around it
     * ({@code key}: MySQL 8's member name, e.g. materialized_from_subquery for a derived table,
     * select_list_subqueries / attached_subqueries / having_subqueries ... for a subquery) and,
     * for a UNION that needs one, its result table ({@code <union1,2>}, else null).
     */
    public record TreeUnit(String key, boolean dependent, String resultTable, List<TreeBlock> members) {}

    /** One SELECT block for FORMAT=JSON: its table accesses in order and the query expressions inside it. */
    public record TreeBlock(long id, List<ExplainRow> rows, List<TreeUnit> inner) {}

    /** The statement's blocks as MySQL 8's JSON nests them, or null when nothing was planned. */
    public TreeUnit tree(List<ExplainRow> explain) {
        if (top == null) return null;
        for (ExplainRow r : explain) {
            if (!owner.containsKey(r) && !top.members.isEmpty()) top.members.getFirst().rows.add(r);
        }
        return treeUnit(top, null, explain);
    }

    private TreeUnit treeUnit(Unit u, Block around, List<ExplainRow> explain) {
        List<TreeBlock> members = new ArrayList<>();
        for (Block b : u.members) {
            List<TreeUnit> inner = new ArrayList<>();
            List<Unit> units = new ArrayList<>(b.inner);
            units.sort(Comparator.comparingInt(Unit::firstId));
            for (Unit in : units) if (visible(in, explain)) inner.add(treeUnit(in, b, explain));
            members.add(new TreeBlock(b.id, live(b, explain), inner));
        }
        String result = null;
        if (u.setOperation != null && needsResult(u.setOperation)) {
            StringBuilder table = new StringBuilder("<").append(u.setOperation.operator().name().toLowerCase(java.util.Locale.ROOT));
            for (int i = 0; i < u.members.size(); i++) table.append(i == 0 ? "" : ",").append(u.members.get(i).id);
            result = table.append('>').toString();
        }
        return new TreeUnit(jsonKey(u, around), u.dependent, result, members);
    }

    /** Where MySQL 8's JSON puts a query expression inside the block around it. */
    private String jsonKey(Unit u, Block around) {
        if (around == null) return "query_block";
        if (u.role == Role.DERIVED) return "materialized_from_subquery";
        Object inner = u.setOperation != null ? u.setOperation : u.members.isEmpty() ? null : selectOf(u.members.getFirst().id);
        Select outer = selectOf(around.id);
        if (inner == null || outer == null) return "attached_subqueries";
        if (contains(outer.items(), inner)) return "select_list_subqueries";
        if (contains(outer.having(), inner)) return "having_subqueries";
        if (contains(outer.orderBy(), inner)) return "order_by_subqueries";
        if (contains(outer.groupBy(), inner)) return "group_by_subqueries";
        return "attached_subqueries"; // WHERE / ON: evaluated with a table's rows
    }

    private Select selectOf(int id) {
        for (Map.Entry<Query, Integer> e : ids.entrySet()) {
            if (e.getValue() == id && e.getKey() instanceof Select s) return s;
        }
        return null;
    }

    private static boolean contains(Object clause, Object node) {
        return clause != null && AstWalker.any(clause, n -> n == node);
    }

    private boolean hasVisibleInner(Block b, List<ExplainRow> explain) {
        for (Unit u : b.inner) if (visible(u, explain)) return true;
        return false;
    }

    /** A unit whose rows all moved elsewhere (a semi-join) is not shown. */
    private boolean visible(Unit u, List<ExplainRow> explain) {
        for (Block b : u.members) {
            if (b.noTables || !live(b, explain).isEmpty()) return true;
        }
        return false;
    }

    private static List<ExplainRow> live(Block b, List<ExplainRow> explain) {
        List<ExplainRow> rows = new ArrayList<>();
        for (ExplainRow r : explain) if (containsIdentity(b.rows, r)) rows.add(r);
        return rows;
    }

    private void emit(Unit u, boolean simple, List<ExplainRow> explain, List<Line> out) {
        if (!visible(u, explain)) return;
        for (int i = 0; i < u.members.size(); i++) {
            Block b = u.members.get(i);
            String type = simple ? "SIMPLE" : selectType(u, i);
            List<ExplainRow> rows = live(b, explain);
            if (rows.isEmpty() && b.noTables) {
                rows = List.of(new ExplainRow(null, null, null, "No tables used", null, null, null, null, null));
            }
            for (ExplainRow r : rows) out.add(new Line((long) b.id, type, r));
            List<Unit> inner = new ArrayList<>(b.inner);
            inner.sort(Comparator.comparingInt(Unit::firstId).reversed()); // MySQL lists the latest first
            for (Unit in : inner) emit(in, false, explain, out);
        }
        if (u.setOperation != null && needsResult(u.setOperation)) {
            SetOperator op = u.setOperation.operator();
            StringBuilder table = new StringBuilder("<").append(op.name().toLowerCase(java.util.Locale.ROOT));
            for (int i = 0; i < u.members.size(); i++) table.append(i == 0 ? "" : ",").append(u.members.get(i).id);
            table.append('>');
            out.add(new Line(null, op.name() + " RESULT",
                    new ExplainRow(table.toString(), "ALL", null, "Using temporary", null, null, null, null, null)));
        }
    }

    /** MySQL 8 skips the temporary table (and its row) for UNION ALL without an ORDER BY over the union. */
    private static boolean needsResult(SetOperation op) {
        return !allUnionAll(op) || !op.orderBy().isEmpty();
    }

    private static boolean allUnionAll(Query q) {
        if (!(q instanceof SetOperation op)) return true;
        return op.operator() == SetOperator.UNION && op.all() && allUnionAll(op.left()) && allUnionAll(op.right());
    }

    private static String selectType(Unit u, int member) {
        String dep = u.dependent ? "DEPENDENT " : "";
        if (member > 0) {
            SetOperator op = operatorBefore(u.setOperation, member);
            return dep + (op == null ? "UNION" : op.name());
        }
        return switch (u.role) {
            case TOP, MEMBER -> "PRIMARY";
            case SUBQUERY -> dep + "SUBQUERY";
            case DERIVED -> dep + "DERIVED";
        };
    }

    /** The operator joining member {@code index} (0-based, > 0) to the ones before it. */
    private static SetOperator operatorBefore(SetOperation op, int index) {
        List<SetOperator> ops = new ArrayList<>();
        collect(op, ops);
        return index - 1 < ops.size() ? ops.get(index - 1) : null;
    }

    private static void collect(Query q, List<SetOperator> ops) {
        if (q instanceof SetOperation op) {
            collect(op.left(), ops);
            ops.add(op.operator());
            collect(op.right(), ops);
        }
    }

    /** Estimated rows of a materialized derived table: the product of its blocks' row estimates, summed over members. */
    long derivedRows(Unit u) {
        long total = 0;
        for (Block b : u.members) {
            long product = 1;
            for (ExplainRow r : b.rows) if (r.rows() != null) product = saturatingMultiply(product, r.rows().getAsLong());
            total += product;
        }
        return total;
    }

    private static long saturatingMultiply(long a, long b) {
        long r = a * b;
        return (a != 0 && (r / a != b || r < 0)) ? Long.MAX_VALUE : r;
    }

    /**
     * After a derived table, CTE reference or view was planned: the enclosing block's
     * {@code <derivedN>} row when MySQL would materialize it (nothing when it merges it).
     */
    void derivedPlanned(List<ExplainRow> explain) {
        Unit u = lastUnit;
        lastUnit = null;
        if (u == null || u.members.isEmpty()) return;
        explain.add(new ExplainRow("<derived" + u.firstId() + ">", "ALL", null, null, null, null, null, null,
                () -> derivedRows(u)));
    }
}
