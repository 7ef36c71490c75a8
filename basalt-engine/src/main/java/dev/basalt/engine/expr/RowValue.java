package dev.basalt.engine.expr;

import dev.basalt.engine.api.SqlException;
import dev.basalt.engine.types.SqlType;

import java.util.List;

/**
 * A row constructor (a, b). Only meaningful as an operand of a comparison or IN, which the
 * builder expands into scalar comparisons; evaluating it as a scalar is error 1241.
 */
public record RowValue(List<Expr> items) implements Expr {

    public RowValue {
        items = List.copyOf(items);
    }

    @Override public SqlType type() { return SqlType.NULL; }

    @Override public boolean nullable() { return true; }

    @Override
    public Object eval(EvalContext ctx, Object[] row) {
        throw new SqlException(1241, "21000", "Operand should contain 1 column(s)");
    }

    @Override public List<Expr> children() { return items; }

    @Override public Expr withChildren(List<Expr> c) { return new RowValue(c); }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < items.size(); i++) sb.append(i > 0 ? "," : "").append(items.get(i));
        return sb.append(')').toString();
    }

    /** Expands (a1..an) op (b1..bn) into scalar comparisons with SQL's lexicographic meaning. */
    static Expr compare(CompareOp op, Expr left, Expr right) {
        List<Expr> l = itemsOf(left), r = itemsOf(right);
        if (l.size() != r.size()) {
            throw new SqlException(1241, "21000", "Operand should contain " + l.size() + " column(s)");
        }
        return switch (op) {
            case EQ, NULL_SAFE_EQ -> {
                Expr acc = null;
                for (int i = 0; i < l.size(); i++) {
                    Expr c = Exprs.binary(op == CompareOp.EQ ? BinaryOp.EQ : BinaryOp.NULL_SAFE_EQ, l.get(i), r.get(i));
                    acc = acc == null ? c : new And(acc, c);
                }
                yield acc;
            }
            case NE -> new Not(compare(CompareOp.EQ, left, right));
            default -> lexicographic(op, l, r, 0);
        };
    }

    private static Expr lexicographic(CompareOp op, List<Expr> l, List<Expr> r, int i) {
        if (i == l.size() - 1) return Exprs.binary(binaryOf(op), l.get(i), r.get(i));
        CompareOp strict = op == CompareOp.LE ? CompareOp.LT : op == CompareOp.GE ? CompareOp.GT : op;
        Expr first = Exprs.binary(binaryOf(strict), l.get(i), r.get(i));
        Expr tie = new And(Exprs.binary(BinaryOp.EQ, l.get(i), r.get(i)), lexicographic(op, l, r, i + 1));
        return new Or(first, tie);
    }

    private static BinaryOp binaryOf(CompareOp op) {
        return switch (op) {
            case EQ -> BinaryOp.EQ; case NULL_SAFE_EQ -> BinaryOp.NULL_SAFE_EQ; case NE -> BinaryOp.NE;
            case LT -> BinaryOp.LT; case LE -> BinaryOp.LE; case GT -> BinaryOp.GT; case GE -> BinaryOp.GE;
        };
    }

    private static List<Expr> itemsOf(Expr e) {
        return e instanceof RowValue rv ? rv.items() : List.of(e);
    }

    /** (a, b) [NOT] IN ((1, 2), (3, 4)). */
    static Expr in(Expr left, List<Expr> list, boolean negated) {
        Expr acc = null;
        for (Expr item : list) {
            Expr c = compare(CompareOp.EQ, left, item);
            acc = acc == null ? c : new Or(acc, c);
        }
        return negated ? new Not(acc) : acc;
    }
}
