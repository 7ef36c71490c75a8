package dev.basalt.engine.plan;

import dev.basalt.engine.catalog.TableDef;
import dev.basalt.engine.expr.Between;
import dev.basalt.engine.expr.ColumnRef;
import dev.basalt.engine.expr.CompareOp;
import dev.basalt.engine.expr.Comparison;
import dev.basalt.engine.expr.EvalContext;
import dev.basalt.engine.expr.Expr;
import dev.basalt.engine.expr.InList;
import dev.basalt.engine.expr.IsNull;
import dev.basalt.engine.external.Predicate;
import dev.basalt.engine.types.SqlType;
import dev.basalt.engine.types.TypeKind;

import java.util.ArrayList;
import java.util.List;

/**
 * Which conjuncts on an external table can run remotely: {@code column op value} where the value
 * does not depend on the row (constants, parameters, outer references, evaluated when the scan
 * opens) and the two types compare the same way in MySQL as in our engine (numbers with numbers,
 * strings with strings, temporals with temporals or strings, bytes with bytes). Anything else stays
 * local. The engine re-applies every conjunct to the rows that come back, so pushing is only ever an
 * optimisation.
 */
final class ExternalPushdown {
    private ExternalPushdown() {}

    /** A pushed conjunct: bounds are evaluated at scan time. */
    record Pushed(int column, Predicate.Op op, List<Expr> bounds) {
        Predicate evaluate(EvalContext ctx) {
            List<Object> values = new ArrayList<>(bounds.size());
            for (Expr b : bounds) values.add(b.eval(ctx, null));
            return new Predicate(column, op, values);
        }

        /** The predicate with unknown values, for EXPLAIN. */
        Predicate placeholder() {
            List<Object> values = new ArrayList<>();
            for (int i = 0; i < bounds.size(); i++) values.add(null);
            return new Predicate(column, op, values);
        }
    }

    /** The pushable form of each conjunct (null where it must stay local), in order. */
    static List<Pushed> translate(TableDef table, List<Expr> conjuncts) {
        List<Pushed> out = new ArrayList<>();
        for (Expr e : conjuncts) out.add(translate(table, e));
        return out;
    }

    private static Pushed translate(TableDef table, Expr e) {
        if (e instanceof Comparison c) {
            if (c.op() == CompareOp.NULL_SAFE_EQ) return null;
            if (c.left() instanceof ColumnRef col && bound(table, col, c.right())) {
                return new Pushed(col.index(), op(c.op()), List.of(c.right()));
            }
            if (c.right() instanceof ColumnRef col && bound(table, col, c.left())) {
                return new Pushed(col.index(), op(c.op().flip()), List.of(c.left()));
            }
            return null;
        }
        if (e instanceof IsNull n && n.operand() instanceof ColumnRef col && col.index() < table.columns().size()) {
            return new Pushed(col.index(), n.negated() ? Predicate.Op.IS_NOT_NULL : Predicate.Op.IS_NULL, List.of());
        }
        if (e instanceof InList in && !in.negated() && in.operand() instanceof ColumnRef col) {
            for (Expr v : in.list()) if (!bound(table, col, v)) return null;
            return new Pushed(col.index(), Predicate.Op.IN, in.list());
        }
        if (e instanceof Between b && !b.negated() && b.operand() instanceof ColumnRef col
                && bound(table, col, b.low()) && bound(table, col, b.high())) {
            return new Pushed(col.index(), Predicate.Op.BETWEEN, List.of(b.low(), b.high()));
        }
        return null;
    }

    private static Predicate.Op op(CompareOp op) {
        return switch (op) {
            case EQ -> Predicate.Op.EQ;
            case NE -> Predicate.Op.NE;
            case LT -> Predicate.Op.LT;
            case LE -> Predicate.Op.LE;
            case GT -> Predicate.Op.GT;
            case GE -> Predicate.Op.GE;
            default -> throw new IllegalArgumentException(op.toString());
        };
    }

    private static boolean bound(TableDef table, ColumnRef col, Expr value) {
        if (col.index() >= table.columns().size() || !ExprUtil.rowIndependent(value) || ExprUtil.hasSubquery(value)) {
            return false;
        }
        return comparable(table.columns().get(col.index()).type(), value.type());
    }

    /** Whether MySQL compares a column of type {@code col} with a value of type {@code v} as we do. */
    static boolean comparable(SqlType col, SqlType v) {
        TypeKind c = col.kind(), k = v.kind();
        if (k == TypeKind.NULL_TYPE) return false;
        if (c == TypeKind.BIT || c == TypeKind.YEAR || c == TypeKind.ENUM || c == TypeKind.SET || c == TypeKind.JSON) {
            return false;
        }
        if (c.isNumeric()) return k.isNumeric() && k != TypeKind.BIT && k != TypeKind.YEAR;
        if (c.isString()) return k.isString() && k != TypeKind.ENUM && k != TypeKind.SET && k != TypeKind.JSON;
        if (c.isBinary()) return k.isBinary();
        if (c == TypeKind.DATE || c == TypeKind.DATETIME || c == TypeKind.TIMESTAMP) {
            return k == TypeKind.DATE || k == TypeKind.DATETIME || k == TypeKind.TIMESTAMP;
        }
        if (c == TypeKind.TIME) return k == TypeKind.TIME;
        return false;
    }
}
