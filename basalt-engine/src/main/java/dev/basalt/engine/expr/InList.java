package dev.basalt.engine.expr;

import dev.basalt.engine.types.SqlType;
import dev.basalt.engine.types.Types;
import dev.basalt.engine.types.ValueComparator;
import dev.basalt.engine.types.Values;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * e [NOT] IN (list). Three-valued: no match and a NULL in the list gives NULL. When every list
 * item is a constant compared the same way, membership is a hash lookup.
 */
public final class InList implements Expr {
    private final Expr operand;
    private final List<Expr> list;
    private final boolean negated;
    private final ValueComparator[] comparators;
    /** Constant keys for the hash path, or null for the general path. */
    private final Set<Object> keys;
    private final boolean listHasNull;
    private final SqlType keyType;

    public InList(Expr operand, List<Expr> list, boolean negated) {
        this.operand = operand;
        this.list = List.copyOf(list);
        this.negated = negated;
        this.comparators = new ValueComparator[this.list.size()];
        for (int i = 0; i < comparators.length; i++) {
            comparators[i] = Values.comparator(operand.type(), this.list.get(i).type());
        }
        Set<Object> k = null;
        boolean hasNull = false;
        SqlType kt = operand.type();
        if (hashable(operand, this.list)) {
            k = new HashSet<>();
            for (Expr e : this.list) {
                Object v = e.eval(null, null);
                if (v == null) { hasNull = true; continue; }
                k.add(keyOf(v, kt));
            }
        }
        this.keys = k;
        this.listHasNull = hasNull;
        this.keyType = kt;
    }

    private static boolean hashable(Expr operand, List<Expr> list) {
        if (list.size() < 4) return false;
        Values.CompareAs family = null;
        for (Expr e : list) {
            if (!(e instanceof Literal)) return false;
            Values.CompareAs f = Values.compareAs(operand.type(), e.type());
            if (family == null) family = f;
            else if (f != family) return false;
        }
        return family == Values.CompareAs.STRING || family == Values.CompareAs.BINARY
                || family == Values.CompareAs.INTEGER || family == Values.CompareAs.DECIMAL;
    }

    private static Object keyOf(Object v, SqlType operandType) {
        return switch (Values.compareAs(operandType, operandType)) {
            case INTEGER, DECIMAL -> Values.groupKey(dev.basalt.engine.types.Numbers.toDecimal(v), SqlType.decimal(65, 30));
            default -> Values.groupKey(v, operandType);
        };
    }

    public Expr operand() { return operand; }
    public List<Expr> list() { return list; }
    public boolean negated() { return negated; }

    @Override public SqlType type() { return Types.BOOL_RESULT; }

    @Override
    public boolean nullable() {
        if (operand.nullable()) return true;
        for (Expr e : list) if (e.nullable()) return true;
        return false;
    }

    @Override
    public Object eval(EvalContext ctx, Object[] row) {
        Object v = operand.eval(ctx, row);
        if (v == null) return null;
        if (keys != null) {
            if (keys.contains(keyOf(v, keyType))) return negated ? 0L : 1L;
            return listHasNull ? null : negated ? 1L : 0L;
        }
        boolean sawNull = false;
        for (int i = 0; i < comparators.length; i++) {
            Object x = list.get(i).eval(ctx, row);
            if (x == null) { sawNull = true; continue; }
            if (comparators[i].compare(v, x) == 0) return negated ? 0L : 1L;
        }
        return sawNull ? null : negated ? 1L : 0L;
    }

    @Override
    public List<Expr> children() {
        List<Expr> c = new ArrayList<>(list.size() + 1);
        c.add(operand);
        c.addAll(list);
        return c;
    }

    @Override
    public Expr withChildren(List<Expr> c) { return new InList(c.get(0), c.subList(1, c.size()), negated); }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("(").append(operand).append(negated ? " not in (" : " in (");
        for (int i = 0; i < list.size(); i++) sb.append(i > 0 ? "," : "").append(list.get(i));
        return sb.append("))").toString();
    }
}
