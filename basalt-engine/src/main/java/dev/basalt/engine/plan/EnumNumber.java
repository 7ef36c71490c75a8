package dev.basalt.engine.plan;

import dev.basalt.engine.expr.EvalContext;
import dev.basalt.engine.expr.Expr;
import dev.basalt.engine.types.SqlType;
import dev.basalt.engine.types.TypeKind;

import java.util.List;
import java.util.Locale;

/**
 * An ENUM or SET value in numeric context, as MySQL reads it: an ENUM is its member's position
 * (1-based, 0 for the empty error value), a SET the bitmask of its members.
 */
record EnumNumber(Expr operand) implements Expr {

    static boolean applies(Expr e) {
        TypeKind k = e.type().kind();
        return (k == TypeKind.ENUM || k == TypeKind.SET) && !e.type().values().isEmpty();
    }

    @Override public SqlType type() { return SqlType.BIGINT; }

    @Override public boolean nullable() { return operand.nullable(); }

    @Override public Object eval(EvalContext ctx, Object[] row) {
        Object v = operand.eval(ctx, row);
        if (v == null) return null;
        List<String> members = operand.type().values();
        String s = v.toString();
        if (operand.type().kind() == TypeKind.ENUM) return (long) position(members, s);
        long mask = 0;
        if (!s.isEmpty()) {
            for (String part : s.split(",")) {
                int p = position(members, part);
                if (p > 0) mask |= 1L << (p - 1);
            }
        }
        return mask;
    }

    private static int position(List<String> members, String value) {
        for (int i = 0; i < members.size(); i++) {
            if (members.get(i).toLowerCase(Locale.ROOT).equals(value.toLowerCase(Locale.ROOT))) return i + 1;
        }
        return 0;
    }

    @Override public List<Expr> children() { return List.of(operand); }

    @Override public Expr withChildren(List<Expr> c) { return new EnumNumber(c.get(0)); }
}
