package dev.basalt.engine.expr;

import dev.basalt.engine.types.SqlType;
import dev.basalt.engine.types.ValueText;

/** A constant value of a given type; value null is SQL NULL. */
public record Literal(Object value, SqlType type) implements Expr {

    @Override
    public boolean nullable() { return value == null; }

    @Override
    public Object eval(EvalContext ctx, Object[] row) { return value; }

    @Override
    public boolean isConstant() { return true; }

    @Override
    public String toString() {
        if (value == null) return "NULL";
        String t = ValueText.toText(value, type);
        return type.kind().isNumeric() ? t : "'" + t.replace("'", "''") + "'";
    }
}
