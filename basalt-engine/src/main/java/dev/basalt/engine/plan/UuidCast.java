package dev.basalt.engine.plan;

import dev.basalt.engine.expr.Expr;
import dev.basalt.engine.function.FunctionCall;
import dev.basalt.engine.types.SqlType;
import dev.basalt.engine.types.UuidText;
import dev.basalt.engine.types.ValueText;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * CAST(x AS UUID) (the PostgreSQL dialect's {@code x::uuid}): the canonical text of a UUID, typed
 * as the logical type UUID, or error 1411 "Incorrect uuid value" (the PostgreSQL port answers
 * 22P02 "invalid input syntax for type uuid") for anything else. A 16-byte binary string is read as
 * the UUID's bytes.
 */
final class UuidCast {
    private UuidCast() {}

    static Expr bind(Expr operand) {
        return new FunctionCall("PG_UUID_CAST", List.of(operand), SqlType.uuid(), operand.nullable(), true,
                (ctx, row, args) -> {
                    Object v = args[0].eval(ctx, row);
                    if (v == null) return null;
                    if (v instanceof byte[] b && b.length == 16) return UuidText.text(b);
                    String s = v instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : ValueText.toText(v, args[0].type());
                    String u = UuidText.canonical(s);
                    if (u == null) throw UuidText.invalid(s);
                    return u;
                });
    }
}
