package dev.basalt.engine.plan;

import dev.basalt.engine.api.SqlException;
import dev.basalt.engine.expr.Expr;
import dev.basalt.engine.function.FunctionCall;
import dev.basalt.engine.types.SqlType;
import dev.basalt.engine.types.TypeKind;

import java.util.List;

/**
 * PostgreSQL's {@code x::integer} and {@code x::smallint} (the dialect's CAST AS INT4 / INT2):
 * MySQL's CAST AS SIGNED (a BIGINT), kept in the narrower type's range and typed as it, so
 * {@code '5'::int} is an integer (int4 on the wire) and {@code 3000000000::int} is PostgreSQL's
 * 22003 "integer out of range" rather than a bigint. From text, PostgreSQL's int4in words it
 * {@code value "3000000000" is out of range for type integer}, and so do we.
 */
final class PostgresIntegerCast {
    private PostgresIntegerCast() {}

    /** {@code signed} (a CAST AS SIGNED of {@code operand}) narrowed to {@code target}, SMALLINT or INT. */
    static Expr bind(Expr operand, Expr signed, SqlType target) {
        boolean small = target.kind() == TypeKind.SMALLINT;
        long min = small ? Short.MIN_VALUE : Integer.MIN_VALUE, max = small ? Short.MAX_VALUE : Integer.MAX_VALUE;
        String name = small ? "smallint" : "integer";
        String message = name + " out of range";
        boolean fromText = operand.type().kind().isString();
        return new FunctionCall(small ? "PG_INT2_CAST" : "PG_INT4_CAST", List.of(signed), target, signed.nullable(), true,
                (ctx, row, args) -> {
                    Object v = args[0].eval(ctx, row);
                    if (v == null) return null;
                    long n = ((Number) v).longValue();
                    if (n < min || n > max) {
                        Object text = fromText ? operand.eval(ctx, row) : null;
                        throw new SqlException(1690, "22003", text == null ? message
                                : "value \"" + text + "\" is out of range for type " + name);
                    }
                    return n;
                });
    }
}
