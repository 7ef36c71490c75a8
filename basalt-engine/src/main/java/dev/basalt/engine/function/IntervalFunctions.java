package dev.basalt.engine.function;

import dev.basalt.engine.types.IntervalMath;
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
        registerPostgresFunctions();
        PgDatePart.register();
        PgDateTrunc.register();
    }

    /** age(a, b) and age(a) (from today's midnight), justify_days/hours/interval(i), as the dialect renames them. */
    static void registerPostgresFunctions() {
        Functions.register("PG_AGE", 1, 2, (n, a) -> new FunctionCall(n, a, INTERVAL, true, true, (ctx, row, args) -> {
            Object x = args[0].eval(ctx, row);
            Object y = args.length == 2 ? args[1].eval(ctx, row) : null;
            if (x == null || args.length == 2 && y == null) return null;
            if (args.length == 1) return IntervalMath.age(ctx.statementStart().toLocalDate().atStartOfDay(), timestamp(x));
            return IntervalMath.age(timestamp(x), timestamp(y));
        }));
        justify("PG_JUSTIFY_DAYS", IntervalMath::justifyDays);
        justify("PG_JUSTIFY_HOURS", IntervalMath::justifyHours);
        justify("PG_JUSTIFY_INTERVAL", IntervalMath::justifyInterval);
    }

    private static void justify(String name, java.util.function.UnaryOperator<IntervalValue> f) {
        Functions.register(name, 1, 1, (n, a) -> new FunctionCall(n, a, INTERVAL, true, true, (ctx, row, args) -> {
            Object v = args[0].eval(ctx, row);
            return v == null ? null : f.apply(IntervalText.of(v));
        }));
    }

    private static LocalDateTime timestamp(Object v) {
        if (v instanceof LocalDateTime t) return t;
        if (v instanceof LocalDate d) return d.atStartOfDay();
        return Temporals.parseDateTime(v.toString().strip());
    }
}
