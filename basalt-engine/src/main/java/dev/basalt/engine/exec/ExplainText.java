package dev.basalt.engine.exec;

import dev.basalt.engine.expr.ColumnRef;
import dev.basalt.engine.expr.EvalContext;
import dev.basalt.engine.expr.Expr;
import dev.basalt.engine.function.AggregateFunction;
import dev.basalt.engine.types.SqlType;

import java.util.ArrayList;
import java.util.List;

/**
 * How EXPLAIN FORMAT=TREE words expressions, as MySQL 8 does: {@code (t.v > 1)}, {@code count(0)}.
 * Column references carry only their column name; while a step above a single table is labelled,
 * {@link #QUALIFIER} holds that table's alias so they read {@code t.v}.
 */
public final class ExplainText {
    private ExplainText() {}

    /** The table alias to prefix column names with while a label is computed (unbound: none). */
    public static final ScopedValue<String> QUALIFIER = ScopedValue.newInstance();

    /** A correlated reference as the expression prints it: compiled once (plans of point selects ask per run). */
    private static final java.util.regex.Pattern OUTER_REFERENCE = java.util.regex.Pattern.compile("outer`([^`]*)`");

    /** A condition or expression as MySQL prints it in TREE plans. */
    public static String condition(Expr e) {
        String text;
        try {
            text = qualified(e).toString();
        } catch (UnsupportedOperationException opaque) {
            text = e.toString(); // a node that cannot be rebuilt: its own text, unqualified
        }
        // a correlated reference prints as outer`c`: MySQL shows the column
        if (text.contains("outer`")) text = OUTER_REFERENCE.matcher(text).replaceAll("$1");
        return text.replace("`", "");
    }

    /**
     * A condition as MySQL prints it in FORMAT=JSON's attached_condition: columns quoted and
     * qualified, {@code (`db`.`t`.`v` > 5)}; {@code prefix} is the table's {@code `db`.`t`.}.
     * A correlated reference shows as the outer column's quoted name.
     */
    public static String jsonCondition(Expr e, String prefix) {
        String text;
        try {
            text = ScopedValue.where(JSON_PREFIX, prefix).call(() -> qualified(e).toString());
        } catch (UnsupportedOperationException opaque) {
            text = e.toString();
        }
        if (text.contains("outer`")) text = OUTER_REFERENCE.matcher(text).replaceAll("`$1`");
        return text;
    }

    /** While a JSON condition is printed: the quoted qualifier of its columns. */
    private static final ScopedValue<String> JSON_PREFIX = ScopedValue.newInstance();

    /** The aggregates of a grouping step: {@code count(0), sum(t.v)}. */
    public static String aggregates(List<AggregateFunction> aggregates) {
        List<String> parts = new ArrayList<>();
        for (AggregateFunction f : aggregates) {
            StringBuilder sb = new StringBuilder(f.name().toLowerCase(java.util.Locale.ROOT)).append('(');
            if (f.distinct()) sb.append("distinct ");
            if (f.args().isEmpty()) sb.append('0'); // MySQL shows COUNT(*) as count(0)
            for (int i = 0; i < f.args().size(); i++) sb.append(i > 0 ? "," : "").append(condition(f.args().get(i)));
            parts.add(sb.append(')').toString());
        }
        return String.join(", ", parts);
    }

    /**
     * A hash join's equalities, {@code u.w = t.v} or {@code (a = b), (c = d)}, each side's columns
     * qualified with its input's table when that input reads one table; none: "no condition".
     */
    static String joinKeys(List<Expr> left, Operator leftInput, List<Expr> right, Operator rightInput) {
        if (left.isEmpty()) return "no condition";
        String la = ExplainTree.singleTable(leftInput);
        String ra = ExplainTree.singleTable(rightInput);
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < left.size() && i < right.size(); i++) {
            String l = side(left.get(i), la);
            String r = side(right.get(i), ra);
            parts.add(left.size() == 1 ? l + " = " + r : "(" + l + " = " + r + ")");
        }
        return String.join(", ", parts);
    }

    private static String side(Expr e, String alias) {
        return ScopedValue.where(QUALIFIER, alias).call(() -> condition(e));
    }

    /** A grouping step's line: {@code prefix: count(0), sum(t.v)}, or {@code prefix} alone without aggregates. */
    public static String aggregateLabel(String prefix, List<AggregateFunction> aggregates) {
        return aggregates.isEmpty() ? prefix : prefix + ": " + aggregates(aggregates);
    }

    /** The build side of a hash join, under MySQL's "Hash" step. */
    static Operator hash(Operator build) { return new HashStep(build); }

    private static Expr qualified(Expr e) {
        if (e instanceof ColumnRef c) {
            if (JSON_PREFIX.isBound()) return new Shown(JSON_PREFIX.get() + "`" + c.name() + "`", c.type());
            return new Shown(name(c.name()), c.type());
        }
        List<Expr> kids = e.children();
        if (kids.isEmpty()) return e;
        List<Expr> shown = new ArrayList<>(kids.size());
        for (Expr k : kids) shown.add(qualified(k));
        return e.withChildren(shown);
    }

    /** A column name as the current label shows it. */
    static String name(String column) {
        String q = QUALIFIER.isBound() ? QUALIFIER.get() : null; // bound to null: unqualified
        return q == null ? column : q + "." + column;
    }

    /** A leaf that only prints (never evaluated: labels are text). */
    private record Shown(String text, SqlType type) implements Expr {
        @Override public boolean nullable() { return true; }

        @Override public Object eval(EvalContext ctx, Object[] row) { throw new IllegalStateException("display only"); }

        @Override public boolean isConstant() { return false; }

        @Override public String toString() { return text; }
    }

    /** MySQL's "Hash" line between a hash join and its build input; it passes rows through. */
    private static final class HashStep implements Operator {
        private Operator build;

        HashStep(Operator build) { this.build = build; }

        @Override public void open() { build.open(); }

        @Override public Object[] next() { return build.next(); }

        @Override public void close() { build.close(); }

        @Override public String explainLabel() { return "Hash"; }

        @Override public List<Operator> inputs() { return List.of(build); }
    }
}
