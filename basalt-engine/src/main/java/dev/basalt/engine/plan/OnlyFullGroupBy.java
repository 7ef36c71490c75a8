package dev.basalt.engine.plan;

import dev.basalt.engine.api.ErrorCode;
import dev.basalt.sql.ast.BinaryOp;
import dev.basalt.sql.ast.BinaryOperator;
import dev.basalt.sql.ast.ColumnRef;
import dev.basalt.sql.ast.Select;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * sql_mode ONLY_FULL_GROUP_BY for the SELECT list and HAVING (and, under GROUP BY, the ORDER BY keys) of a
 * grouped block: a column that is neither
 * grouped nor aggregated gets 1055 (1140 in an aggregate query without GROUP BY) unless it is
 * functionally dependent on the grouped columns. This check errs on the side of accepting (a
 * query MySQL would refuse may run, with a value of the group, as without the mode):
 * <ul>
 *   <li>a dependent PRIMARY KEY or UNIQUE NOT NULL column makes every column of its table
 *       dependent (MySQL needs all columns of that key dependent);</li>
 *   <li>dependence follows the equalities among the AND-ed conditions of WHERE and ON: a column
 *       equal to a dependent column or to a constant is dependent, so grouping by a table's key
 *       also covers the tables joined to it through their keys, as MySQL finds
 *       ({@code GROUP BY s.store_id} with {@code JOIN address a ON a.address_id = s.address_id}
 *       covers {@code a.*}, and so on along the joins);</li>
 *   <li>besides, a column named in any equality of WHERE / ON (col = constant, col = grouped col) is
 *       taken as dependent, whatever the other side;</li>
 *   <li>columns of derived tables, views and CTEs are checked as table columns are; a key
 *       column keeps its key flag through them, so grouping by it makes the other columns of
 *       that derived table dependent (MySQL looks at what the derived query does with it);</li>
 *   <li>blocks reading remote (external) tables are not checked.</li>
 * </ul>
 */
final class OnlyFullGroupBy {
    private final List<PlanColumn> columns;
    private final boolean implicitGroup;
    private final Set<String> keyedTables = new HashSet<>();
    private final Set<String> equated = new HashSet<>();
    /** The select item or ORDER BY key being bound (1-based), or 0 when nothing is checked. */
    private int item;
    /** "SELECT list" or "ORDER BY clause" (MySQL's words in 1055). */
    private String clause = "SELECT list";
    /** FROM columns of the current item that appear inside ANY_VALUE(), which escapes the check. */
    private final Set<Integer> escaped = new HashSet<>();

    OnlyFullGroupBy(Select s, List<PlanColumn> columns, Set<Integer> groupedColumns, Scope scope) {
        this.columns = columns;
        this.implicitGroup = s.groupBy().isEmpty();
        collectEqualities(s.where());
        if (s.from() != null) collectEqualities(s.from());
        List<int[]> pairs = new java.util.ArrayList<>();
        java.util.BitSet constant = new java.util.BitSet();
        conjunctEqualities(s.where(), scope, pairs, constant);
        if (s.from() != null) conjunctEqualities(s.from(), scope, pairs, constant);
        dependOn(groupedColumns, pairs, constant);
    }

    /**
     * The closure of the dependent columns: start from the grouped ones and those equal to a
     * constant, then repeat until nothing changes: the other side of an equality with a dependent
     * column, and every column of a table one of whose keys is dependent.
     */
    private void dependOn(Set<Integer> grouped, List<int[]> pairs, java.util.BitSet constant) {
        java.util.BitSet dep = new java.util.BitSet();
        for (int i : grouped) dep.set(i);
        dep.or(constant);
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int[] p : pairs) {
                if (dep.get(p[0]) != dep.get(p[1])) {
                    dep.set(p[0]);
                    dep.set(p[1]);
                    changed = true;
                }
            }
            for (int i = dep.nextSetBit(0); i >= 0; i = dep.nextSetBit(i + 1)) {
                PlanColumn c = columns.get(i);
                if (c.table() == null || c.table().isEmpty()) continue;
                if ((c.info().primaryKey() || c.info().uniqueKey() && !c.nullable()) && keyedTables.add(tableKey(c))) {
                    for (int j = 0; j < columns.size(); j++) {
                        if (!dep.get(j) && tableKey(columns.get(j)).equals(tableKey(c))) {
                            dep.set(j);
                            changed = true;
                        }
                    }
                }
            }
        }
    }

    /**
     * The equalities among the AND-ed conditions (not under OR, NOT or a subquery) of WHERE and of
     * the ON clauses: column = column pairs (FROM indexes), and the columns equal to a literal.
     */
    private void conjunctEqualities(Object node, Scope scope, List<int[]> pairs, java.util.BitSet constant) {
        if (node == null) return;
        AstWalker.any(node, n -> {
            if (n instanceof BinaryOp b && (b.operator() == BinaryOperator.EQ || b.operator() == BinaryOperator.NULL_SAFE_EQ)) {
                int l = resolve(b.left(), scope);
                int r = resolve(b.right(), scope);
                if (l >= 0 && r >= 0) pairs.add(new int[] {l, r});
                else if (l >= 0 && isConstant(b.right())) constant.set(l);
                else if (r >= 0 && isConstant(b.left())) constant.set(r);
            }
            return false;
        }, n -> n instanceof BinaryOp b && (b.operator() == BinaryOperator.OR || b.operator() == BinaryOperator.XOR)
                || n instanceof dev.basalt.sql.ast.UnaryOp u && u.operator() == dev.basalt.sql.ast.UnaryOperator.NOT
                || n instanceof dev.basalt.sql.ast.ScalarSubquery
                || n instanceof dev.basalt.sql.ast.Exists || n instanceof dev.basalt.sql.ast.InSubquery
                || n instanceof dev.basalt.sql.ast.DerivedTable || n instanceof dev.basalt.sql.ast.Case
                || n instanceof dev.basalt.sql.ast.FunctionCall);
    }

    private static boolean isConstant(Object e) {
        if (e instanceof dev.basalt.sql.ast.UnaryOp u && u.operator() == dev.basalt.sql.ast.UnaryOperator.NEGATE) {
            return isConstant(u.operand());
        }
        return e instanceof dev.basalt.sql.ast.NumberLiteral || e instanceof dev.basalt.sql.ast.StringLiteral
                || e instanceof dev.basalt.sql.ast.TemporalLiteral || e instanceof dev.basalt.sql.ast.Parameter
                || e instanceof dev.basalt.sql.ast.UserVariable || e instanceof dev.basalt.sql.ast.HexLiteral;
    }

    /** The FROM index of a column reference of this block, or -1 (an expression, an outer column, ambiguous). */
    private int resolve(Object e, Scope scope) {
        if (!(e instanceof ColumnRef c)) return -1;
        try {
            int i = scope.find(c.schema(), c.table(), c.column(), "on clause");
            return i < columns.size() ? i : -1;
        } catch (RuntimeException ambiguous) {
            return -1; // the binder reports it
        }
    }

    private void collectEqualities(Object node) {
        if (node == null) return;
        AstWalker.any(node, n -> {
            if (n instanceof BinaryOp b && (b.operator() == BinaryOperator.EQ || b.operator() == BinaryOperator.NULL_SAFE_EQ)) {
                if (b.left() instanceof ColumnRef c) equated.add(c.column().toLowerCase(Locale.ROOT));
                if (b.right() instanceof ColumnRef c) equated.add(c.column().toLowerCase(Locale.ROOT));
            }
            return false;
        });
    }

    private static String tableKey(PlanColumn c) {
        return c.schema() + "\0" + c.table();
    }

    /** Binding select item #oneBased (0: done); notes its columns inside ANY_VALUE(...). */
    void item(int oneBased, dev.basalt.sql.ast.Expression ast, Scope scope) {
        item(oneBased, "SELECT list", ast, scope);
    }

    /**
     * Binding ORDER BY key #oneBased. Checked only under GROUP BY: MySQL 8 drops the ORDER BY of
     * an aggregate query without GROUP BY before this check (one row needs no order), so
     * {@code SELECT SUM(a) FROM t ORDER BY b} runs there (MariaDB gives 1140).
     */
    void orderKey(int oneBased, dev.basalt.sql.ast.Expression ast, Scope scope) {
        item(implicitGroup ? 0 : oneBased, "ORDER BY clause", ast, scope);
    }

    /**
     * Binding the HAVING condition, MySQL's expression #1 of "HAVING clause": 1055 under GROUP BY,
     * 1140 in an aggregate query without it ({@code SELECT COUNT(*) FROM t HAVING a > 1}).
     */
    void having(dev.basalt.sql.ast.Expression ast, Scope scope) {
        item(1, "HAVING clause", ast, scope);
    }

    private void item(int oneBased, String clause, dev.basalt.sql.ast.Expression ast, Scope scope) {
        item = oneBased;
        this.clause = clause;
        escaped.clear();
        if (ast == null) return;
        AstWalker.any(ast, n -> {
            if (n instanceof dev.basalt.sql.ast.FunctionCall f && f.name().equalsIgnoreCase("ANY_VALUE")) {
                AstWalker.any(f.args(), m -> {
                    if (m instanceof ColumnRef c) {
                        try {
                            int i = scope.find(c.schema(), c.table(), c.column(), "field list");
                            if (i >= 0) escaped.add(i);
                        } catch (RuntimeException ambiguous) {
                            // the binder reports it
                        }
                    }
                    return false;
                });
            }
            return false;
        });
    }

    /** A bare, ungrouped column of the block's FROM is used: 1055 / 1140 unless it may be dependent. */
    void check(int fromIndex) {
        if (item == 0 || fromIndex < 0 || fromIndex >= columns.size() || escaped.contains(fromIndex)) return;
        PlanColumn c = columns.get(fromIndex);
        if (c.table() == null || c.table().isEmpty()) return;
        if (keyedTables.contains(tableKey(c)) || equated.contains(c.name().toLowerCase(Locale.ROOT))) return;
        String name = qualifiedName(c);
        throw implicitGroup ? ErrorCode.ER_WRONG_SUM_SELECT.error(item, clause, name)
                : ErrorCode.ER_WRONG_FIELD_WITH_GROUP.error(item, clause, name);
    }

    /** A FROM column as MySQL names it in 1055 and 3065: [schema.]table.column. */
    static String qualifiedName(PlanColumn c) {
        return (c.schema() == null || c.schema().isEmpty() ? "" : c.schema() + ".") + c.table() + "." + c.name();
    }
}
