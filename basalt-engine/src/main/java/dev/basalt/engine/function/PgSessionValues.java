package dev.basalt.engine.function;

import dev.basalt.engine.types.SqlType;

/**
 * The PostgreSQL port's version() and current_database() inside a larger statement: the port
 * writes each as PG_VERSION('its text') / PG_CURRENT_DATABASE('the database'), the value it
 * knows, so that the engine sees a call rather than a bare string literal: the column is named
 * version / current_database, and pg_typeof says text / name as PostgreSQL does, not unknown.
 * Also PG_TIMESTAMPTZ, the dialect's {@code x::timestamptz}.
 */
final class PgSessionValues {
    private PgSessionValues() {}

    static void register() {
        Functions.register("PG_VERSION", 1, 1,
                (n, a) -> new FunctionCall(n, a, SqlType.LONGTEXT, false, true, (ctx, row, args) -> args[0].eval(ctx, row)));
        // x::timestamptz: the dialect's CAST AS DATETIME(6) typed as the engine's TIMESTAMP, which the port sends as timestamptz
        Functions.register("PG_TIMESTAMPTZ", 1, 1, (n, a) -> new FunctionCall(n, a, SqlType.of(dev.basalt.engine.types.TypeKind.TIMESTAMP).withScale(6),
                true, true, (ctx, row, args) -> args[0].eval(ctx, row)));
        Functions.register("PG_CURRENT_DATABASE", 1, 1,
                (n, a) -> new FunctionCall(n, a, SqlType.varchar(63), false, true, (ctx, row, args) -> args[0].eval(ctx, row)));
    }
}
