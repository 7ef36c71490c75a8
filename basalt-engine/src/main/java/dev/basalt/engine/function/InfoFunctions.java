package dev.basalt.engine.function;

import dev.basalt.engine.expr.Coercion;
import dev.basalt.engine.expr.Expr;
import dev.basalt.engine.types.SqlType;
import dev.basalt.engine.types.Types;

import java.util.List;
import java.util.UUID;

import static dev.basalt.engine.function.FunctionCall.*;

/** Session information and miscellaneous functions. */
final class InfoFunctions {
    private InfoFunctions() {}

    private static FunctionCall session(String name, List<Expr> args, SqlType type, boolean nullable, Body body) {
        // constant within a statement, but never folded across statements by the binder
        return new FunctionCall(name, args, type, nullable, true, body);
    }

    static void register() {
        Functions.register("DATABASE SCHEMA", 0, 0, (n, a) -> session(n, a, SqlType.varchar(64), true, of0(ctx -> ctx.database())));
        Functions.register("USER SESSION_USER SYSTEM_USER", 0, 0, (n, a) -> session(n, a, SqlType.varchar(288), false, of0(ctx -> ctx.user())));
        Functions.register("CURRENT_USER", 0, 0, (n, a) -> session(n, a, SqlType.varchar(288), false, of0(ctx -> ctx.currentUser())));
        Functions.register("VERSION", 0, 0, (n, a) -> session(n, a, SqlType.varchar(64), false, of0(ctx -> ctx.version())));
        Functions.register("CONNECTION_ID", 0, 0, (n, a) -> session(n, a, SqlType.BIGINT.withUnsigned(true), false, of0(ctx -> ctx.connectionId())));
        Functions.register("LAST_INSERT_ID", 0, 1, (n, a) -> {
            if (a.isEmpty()) return session(n, a, SqlType.BIGINT.withUnsigned(true), false, of0(ctx -> ctx.lastInsertId()));
            return new FunctionCall(n, a, SqlType.BIGINT.withUnsigned(true), true, false, (ctx, row, args) -> {
                Object v = args[0].eval(ctx, row);
                if (v == null) return null;
                long id = Coercion.toLong(ctx, v);
                ctx.setLastInsertId(id);
                return id;
            });
        });
        Functions.register("ROW_COUNT", 0, 0, (n, a) -> session(n, a, SqlType.BIGINT, false, of0(ctx -> ctx.rowCount())));
        Functions.register("FOUND_ROWS", 0, 0, (n, a) -> session(n, a, SqlType.BIGINT, false, of0(ctx -> ctx.foundRows())));
        Functions.register("UUID", 0, 0, (n, a) -> new FunctionCall(n, a, SqlType.varchar(36), false, false, of0(ctx -> UUID.randomUUID().toString())));
        Functions.register("SLEEP", 1, 1, (n, a) -> new FunctionCall(n, a, SqlType.BIGINT, false, false, (ctx, row, args) -> {
            Object v = args[0].eval(ctx, row);
            if (v == null) return 0L;
            double secs = Coercion.toDouble(ctx, v);
            return secs > 0 ? Sleeps.sleep((long) (secs * 1000)) : 0L;
        }));
        Functions.register("INET_ATON", 1, 1, (n, a) -> new FunctionCall(n, a, SqlType.BIGINT.withUnsigned(true), true, true, strict1((ctx, x) -> {
            String[] p = Coercion.toText(x, null).split("\\.", -1);
            if (p.length < 1 || p.length > 4) return null;
            long r = 0;
            try {
                for (int i = 0; i < p.length; i++) {
                    long b = Long.parseLong(p[i]);
                    if (b < 0 || b > 255) return null;
                    // short forms: the last part fills the remaining bytes, like MySQL ('127.1' = 127.0.0.1)
                    r = i == p.length - 1 ? (r << (8 * (4 - i))) + b : (r << 8) + b;
                }
            } catch (NumberFormatException e) {
                return null;
            }
            return r;
        })));
        Functions.register("INET_NTOA", 1, 1, (n, a) -> new FunctionCall(n, a, SqlType.varchar(15), true, true, strict1((ctx, x) -> {
            long v = Coercion.toLong(ctx, x);
            if (v < 0 || v > 0xFFFFFFFFL) return null;
            return ((v >> 24) & 255) + "." + ((v >> 16) & 255) + "." + ((v >> 8) & 255) + "." + (v & 255);
        })));
        Functions.register("BENCHMARK", 2, 2, (n, a) -> new FunctionCall(n, a, Types.BOOL_RESULT, true, false, (ctx, row, args) -> {
            Object c = args[0].eval(ctx, row);
            if (c == null) return null;
            long count = Coercion.toLong(ctx, c);
            for (long i = 0; i < count; i++) {
                dev.basalt.engine.exec.Cancellation.check();
                args[1].eval(ctx, row);
            }
            return 0L;
        }));
    }
}
