package dev.basalt.engine.expr;

import dev.basalt.engine.api.SqlException;
import dev.basalt.engine.types.IntervalMath;
import dev.basalt.engine.types.IntervalText;
import dev.basalt.engine.types.IntervalValue;
import dev.basalt.engine.types.SqlType;
import dev.basalt.engine.types.Temporals;
import dev.basalt.engine.types.TypeKind;

import java.time.LocalDateTime;
import java.util.List;

/**
 * + - * / with a PostgreSQL interval operand (issue 10; interval values only come from the
 * PostgreSQL dialect, so MySQL's arithmetic is untouched): timestamp or date plus or minus an
 * interval is a timestamp, interval plus or minus interval an interval, interval times or divided
 * by a number an interval. Other pairs are refused with 1235 when the statement is bound.
 */
public final class IntervalArithmetic implements Expr {
    private enum Shape { TIMESTAMP_PLUS, INTERVALS, SCALE }

    private static final SqlType INTERVAL = SqlType.of(TypeKind.INTERVAL);

    private final BinaryOp op;
    private final Expr left, right;
    private final Shape shape;
    private final SqlType type;

    public IntervalArithmetic(BinaryOp op, Expr left, Expr right) {
        this.op = op;
        this.left = left;
        this.right = right;
        TypeKind l = left.type().kind(), r = right.type().kind();
        boolean li = isInterval(l), ri = isInterval(r);
        if ((op == BinaryOp.ADD || op == BinaryOp.SUBTRACT) && li && ri) {
            shape = Shape.INTERVALS;
            type = INTERVAL;
        } else if (op == BinaryOp.ADD && (li && isDateTime(r) || ri && isDateTime(l)) || op == BinaryOp.SUBTRACT && ri && isDateTime(l)) {
            shape = Shape.TIMESTAMP_PLUS;
            TypeKind t = li ? r : l;
            type = SqlType.of(t == TypeKind.TIMESTAMP ? TypeKind.TIMESTAMP : TypeKind.DATETIME).withScale(6);
        } else if (op == BinaryOp.MULTIPLY && (li && r.isNumeric() || ri && l.isNumeric()) || op == BinaryOp.DIVIDE && li && r.isNumeric()) {
            shape = Shape.SCALE;
            type = INTERVAL;
        } else {
            throw new SqlException(1235, "42000", "This version of Basalt doesn't yet support '" + name(left.type()) + " "
                    + symbol(op) + " " + name(right.type()) + "'");
        }
    }

    private static boolean isInterval(TypeKind k) { return k == TypeKind.INTERVAL || k == TypeKind.NULL_TYPE; }

    private static boolean isDateTime(TypeKind k) {
        return k == TypeKind.DATE || k == TypeKind.DATETIME || k == TypeKind.TIMESTAMP || k.isString();
    }

    private static String name(SqlType t) { return t.kind().name().toLowerCase(java.util.Locale.ROOT); }

    private static String symbol(BinaryOp op) {
        return switch (op) {
            case ADD -> "+";
            case SUBTRACT -> "-";
            case MULTIPLY -> "*";
            case DIVIDE -> "/";
            default -> op.name();
        };
    }

    @Override public SqlType type() { return type; }

    @Override public boolean nullable() { return left.nullable() || right.nullable(); }

    @Override
    public Object eval(EvalContext ctx, Object[] row) {
        Object a = left.eval(ctx, row);
        if (a == null) return null;
        Object b = right.eval(ctx, row);
        if (b == null) return null;
        return switch (shape) {
            case INTERVALS -> {
                IntervalValue y = IntervalText.of(b);
                yield IntervalMath.add(IntervalText.of(a), op == BinaryOp.SUBTRACT ? IntervalMath.negate(y) : y);
            }
            case TIMESTAMP_PLUS -> {
                boolean leftIsInterval = isInterval(left.type().kind());
                IntervalValue i = IntervalText.of(leftIsInterval ? a : b);
                yield IntervalMath.plus(timestamp(ctx, leftIsInterval ? b : a), op == BinaryOp.SUBTRACT ? IntervalMath.negate(i) : i);
            }
            case SCALE -> {
                boolean leftIsInterval = isInterval(left.type().kind());
                double factor = Coercion.toDouble(ctx, leftIsInterval ? b : a);
                yield IntervalMath.scale(IntervalText.of(leftIsInterval ? a : b), factor, op == BinaryOp.DIVIDE);
            }
        };
    }

    private static LocalDateTime timestamp(EvalContext ctx, Object v) {
        LocalDateTime t = Temporals.toDateTime(v, ctx.statementStart().toLocalDate());
        return t != null ? t : Temporals.parseDateTime(v.toString().strip());
    }

    @Override public List<Expr> children() { return List.of(left, right); }

    @Override public Expr withChildren(List<Expr> c) { return new IntervalArithmetic(op, c.get(0), c.get(1)); }

    @Override public String toString() { return "(" + left + " " + symbol(op) + " " + right + ")"; }
}
