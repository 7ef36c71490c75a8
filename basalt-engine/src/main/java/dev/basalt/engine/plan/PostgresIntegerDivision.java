package dev.basalt.engine.plan;

import dev.basalt.engine.api.SqlException;
import dev.basalt.engine.expr.Expr;
import dev.basalt.engine.expr.Literal;
import dev.basalt.engine.function.FunctionCall;
import dev.basalt.engine.types.SqlType;
import dev.basalt.engine.types.TypeKind;

import java.util.List;

/**
 * PostgreSQL's {@code integer / integer}, for sessions with {@code postgresOperators} (the
 * PostgreSQL port): the quotient truncated toward zero, typed as the wider operand (smallint,
 * integer or bigint: {@code 7 / 2} is the integer 3), division by zero an error (22012) and a
 * quotient out of the type's range too (22003, {@code -2147483648 / -1}). MySQL's {@code /}
 * divides exactly (a DECIMAL), so its sessions keep it. Also {@code %}, whose only difference is
 * the zero divisor.
 */
final class PostgresIntegerDivision {
    private PostgresIntegerDivision() {}

    private static final SqlType SMALLINT = SqlType.of(TypeKind.SMALLINT, 6);

    /** The PostgreSQL quotient of {@code left / right}, or null when either operand is not an integer type. */
    static Expr bind(Expr left, Expr right) {
        return bind(left, right, false);
    }

    /**
     * PostgreSQL's {@code integer % integer}: the remainder with the dividend's sign (as MySQL's),
     * typed as the wider operand, and by zero the error 22012 where MySQL gives NULL. Null when
     * either operand is not an integer type.
     */
    static Expr bindModulo(Expr left, Expr right) {
        return bind(left, right, true);
    }

    private static Expr bind(Expr left, Expr right, boolean modulo) {
        int l = width(left), r = width(right);
        if (l == 0 || r == 0) return null;
        int bits = Math.max(l, r);
        SqlType type = bits == 16 ? SMALLINT : bits == 32 ? SqlType.INT : SqlType.BIGINT;
        String typeName = bits == 16 ? "smallint" : bits == 32 ? "integer" : "bigint";
        long min = bits == 16 ? Short.MIN_VALUE : bits == 32 ? Integer.MIN_VALUE : Long.MIN_VALUE;
        return new FunctionCall(modulo ? "PG_INT_MOD" : "PG_INT_DIVIDE", List.of(left, right), type, true, true, (ctx, row, args) -> {
            Object x = args[0].eval(ctx, row);
            if (x == null) return null;
            Object y = args[1].eval(ctx, row);
            if (y == null) return null;
            long a = ((Number) x).longValue(), b = ((Number) y).longValue();
            if (b == 0) throw new SqlException(1365, "22012", "division by zero");
            if (modulo) return b == -1 ? 0L : a % b;
            // the one quotient past the range: the type's minimum divided by -1
            if (b == -1 && a == min) throw new SqlException(1690, "22003", typeName + " out of range");
            return a / b;
        });
    }

    /**
     * The bits of the PostgreSQL integer type an operand has, 0 for other types: an integer literal
     * is integer when it fits 32 bits (PostgreSQL's reading of a bare number), unsigned types count as
     * the next wider signed one, and BIGINT UNSIGNED (numeric in PostgreSQL's terms) is not one.
     */
    private static int width(Expr e) {
        SqlType t = e.type();
        if (e instanceof Literal lit && lit.value() instanceof Long v && t.kind().isInteger()) {
            return v == (int) (long) v ? 32 : 64;
        }
        return switch (t.kind()) {
            case TINYINT -> t.length() == 1 && !t.unsigned() ? 0 : 16; // TINYINT(1) is boolean
            case SMALLINT -> t.unsigned() ? 32 : 16;
            case MEDIUMINT -> 32;
            case INT -> t.unsigned() ? 64 : 32;
            case BIGINT -> t.unsigned() || t == dev.basalt.engine.types.Types.BOOL_RESULT ? 0 : 64;
            default -> 0;
        };
    }
}
