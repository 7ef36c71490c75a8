package dev.basalt.engine.function;

import dev.basalt.engine.types.IntervalText;
import dev.basalt.engine.types.IntervalValue;
import dev.basalt.engine.types.SqlType;
import dev.basalt.engine.types.Temporals;
import dev.basalt.engine.types.TypeKind;

import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * PostgreSQL's interval values (issue 10) as the PostgreSQL dialect writes them:
 * {@code interval '1 day'} outside date arithmetic is {@code PG_INTERVAL('1 day')}, and
 * {@code a - timestamp '...'} is {@code PG_TIMESTAMP_DIFF(a, ...)}, an interval of days and time.
 */
final class IntervalFunctions {
    private IntervalFunctions() {}

    static final SqlType INTERVAL = SqlType.of(TypeKind.INTERVAL);

    static void register() {
        Functions.register("PG_INTERVAL", 1, 1, (n, a) -> new FunctionCall(n, a, INTERVAL, true, true, (ctx, row, args) -> {
            Object v = args[0].eval(ctx, row);
            return v == null ? null : IntervalText.of(v);
        }));
        Functions.register("PG_TIMESTAMP_DIFF", 2, 2, (n, a) -> new FunctionCall(n, a, INTERVAL, true, true, (ctx, row, args) -> {
            Object x = args[0].eval(ctx, row), y = args[1].eval(ctx, row);
            if (x == null || y == null) return null;
            return IntervalValue.between(timestamp(x), timestamp(y));
        }));
    }

    private static LocalDateTime timestamp(Object v) {
        if (v instanceof LocalDateTime t) return t;
        if (v instanceof LocalDate d) return d.atStartOfDay();
        return Temporals.parseDateTime(v.toString().strip());
    }
}
