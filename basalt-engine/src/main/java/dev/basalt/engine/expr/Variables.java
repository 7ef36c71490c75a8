package dev.basalt.engine.expr;

import dev.basalt.engine.types.SqlType;
import dev.basalt.engine.types.TypeKind;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

/** User variables (@x, @x := e) and system variables (@@x). */
public final class Variables {
    private Variables() {}

    /** The SQL type a user-variable value carries (MySQL types variables by their value). */
    public static SqlType typeOfValue(Object v) {
        return switch (v) {
            case null -> SqlType.of(TypeKind.LONGTEXT);
            case Long l -> SqlType.BIGINT;
            case BigInteger b -> SqlType.BIGINT_UNSIGNED;
            case BigDecimal d -> SqlType.decimal(Math.max(d.precision(), 1) + 1, Math.max(d.scale(), 0));
            case Double d -> SqlType.DOUBLE;
            case byte[] b -> SqlType.of(TypeKind.LONGBLOB);
            default -> SqlType.of(TypeKind.LONGTEXT);
        };
    }

    /** Normalises a value for storage in a user variable (temporals become strings, as in MySQL). */
    static Object storable(Object v, SqlType t) {
        if (v == null || v instanceof Long || v instanceof BigInteger || v instanceof BigDecimal
                || v instanceof Double || v instanceof String || v instanceof byte[]) return v;
        return Coercion.toText(v, t);
    }

    /** @name; the type is the variable's type when the expression was built. */
    public record UserVariable(String name, SqlType type) implements Expr {
        @Override public boolean nullable() { return true; }
        @Override public Object eval(EvalContext ctx, Object[] row) { return ctx.userVariable(name); }
        @Override public boolean isConstant() { return false; }
        @Override public String toString() { return "@" + name; }
    }

    /** @name := value; returns the value. */
    public record Assignment(String name, Expr value) implements Expr {
        @Override public SqlType type() { return value.type(); }
        @Override public boolean nullable() { return value.nullable(); }
        @Override
        public Object eval(EvalContext ctx, Object[] row) {
            Object v = value.eval(ctx, row);
            ctx.setUserVariable(name, storable(v, value.type()));
            return v;
        }
        @Override public boolean isDeterministic() { return false; }
        @Override public List<Expr> children() { return List.of(value); }
        @Override public Expr withChildren(List<Expr> c) { return new Assignment(name, c.get(0)); }
        @Override public String toString() { return "@" + name + " := " + value; }
    }

    /** @@[global.]name. */
    public record SystemVariable(String name, boolean global, SqlType type) implements Expr {
        @Override public boolean nullable() { return true; }
        @Override public Object eval(EvalContext ctx, Object[] row) { return ctx.systemVariable(name, global); }
        @Override public String toString() { return "@@" + (global ? "global." : "") + name; }
    }
}
