package dev.basalt.engine.expr;

import dev.basalt.engine.api.SqlException;
import dev.basalt.engine.types.SqlType;
import dev.basalt.engine.types.TypeKind;
import dev.basalt.engine.types.Types;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

/** Unary minus. BIGINT stays BIGINT (-(-9223372036854775808) is error 1690); strings go DOUBLE. */
public final class Negate implements Expr {
    private final Expr operand;
    private final SqlType type;

    public Negate(Expr operand) {
        this.operand = operand;
        SqlType t = operand.type();
        TypeKind k = t.kind();
        if (k.isInteger()) {
            this.type = t.unsigned() ? SqlType.decimal(20, 0) : Types.integerType(t.length() + 1, false);
        } else if (k == TypeKind.DECIMAL) {
            this.type = t.withUnsigned(false);
        } else if (k == TypeKind.FLOAT) {
            this.type = t;
        } else {
            this.type = SqlType.DOUBLE;
        }
    }

    public Expr operand() { return operand; }

    @Override public SqlType type() { return type; }

    @Override public boolean nullable() { return operand.nullable(); }

    @Override
    public Object eval(EvalContext ctx, Object[] row) {
        Object v = operand.eval(ctx, row);
        if (v == null) return null;
        return switch (type.kind()) {
            case DECIMAL -> {
                BigDecimal d = v instanceof BigInteger b ? new BigDecimal(b) : Coercion.toDecimal(ctx, v);
                yield d.negate();
            }
            case FLOAT, DOUBLE -> -Coercion.toDouble(ctx, v);
            default -> {
                long l = v instanceof Long x ? x : Coercion.toLong(ctx, v);
                if (l == Long.MIN_VALUE) {
                    throw new SqlException(1690, "22003", "BIGINT value is out of range in '" + this + "'");
                }
                yield -l;
            }
        };
    }

    @Override public List<Expr> children() { return List.of(operand); }

    @Override public Expr withChildren(List<Expr> c) { return new Negate(c.get(0)); }

    @Override public String toString() { return "-(" + operand + ")"; }
}
