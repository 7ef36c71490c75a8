package dev.basalt.engine.function;

import dev.basalt.engine.api.SqlException;
import dev.basalt.engine.expr.Expr;
import dev.basalt.engine.types.SqlType;
import dev.basalt.engine.types.Temporals;
import dev.basalt.engine.types.TypeKind;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;

/**
 * PostgreSQL's {@code date_trunc('field', x)} (the dialect writes PG_DATE_TRUNC): the timestamp
 * truncated to the start of its microsecond, millisecond, second, minute, hour, day, ISO week
 * (Monday), month, quarter, year, decade, century or millennium. A timestamp stays a timestamp
 * (the engine's TIMESTAMP, PostgreSQL's timestamptz, stays one too); a date or a string reads as
 * a timestamp. An unknown field is PostgreSQL's 22023 (error 1231, which the port sends as 22023).
 */
final class PgDateTrunc {
    private PgDateTrunc() {}

    static void register() {
        Functions.register("PG_DATE_TRUNC", 2, 2, (n, a) -> new FunctionCall(n, a, type(a.get(1)), true, true, (ctx, row, args) -> {
            Object field = args[0].eval(ctx, row), value = args[1].eval(ctx, row);
            if (field == null || value == null) return null;
            LocalDateTime t = Temporals.toDateTime(value, ctx.statementStart().toLocalDate());
            if (t == null) t = Temporals.parseDateTime(value.toString().strip());
            return trunc(field.toString(), t);
        }));
    }

    private static SqlType type(Expr value) {
        return value.type().kind() == TypeKind.TIMESTAMP ? value.type().withScale(6) : SqlType.DATETIME.withScale(6);
    }

    static LocalDateTime trunc(String field, LocalDateTime t) {
        PgDatePart.Field f = PgDatePart.field(field);
        if (f == null) {
            throw new SqlException(1231, "22023", "unit \"" + field + "\" not recognized for type timestamp without time zone");
        }
        return switch (f) {
            case MICROSECONDS -> t;
            case MILLISECONDS -> t.truncatedTo(ChronoUnit.MILLIS);
            case SECOND -> t.truncatedTo(ChronoUnit.SECONDS);
            case MINUTE -> t.truncatedTo(ChronoUnit.MINUTES);
            case HOUR -> t.truncatedTo(ChronoUnit.HOURS);
            case DAY -> t.truncatedTo(ChronoUnit.DAYS);
            case WEEK -> t.truncatedTo(ChronoUnit.DAYS).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> t.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1);
            case QUARTER -> t.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1).withMonth((t.getMonthValue() - 1) / 3 * 3 + 1);
            case YEAR -> t.truncatedTo(ChronoUnit.DAYS).withDayOfYear(1);
            case DECADE -> startOfYear(t, Math.floorDiv(t.getYear(), 10) * 10);
            // PostgreSQL's centuries and millennia start at years ending in 01 (2001, not 2000)
            case CENTURY -> startOfYear(t, Math.floorDiv(t.getYear() - 1, 100) * 100 + 1);
            case MILLENNIUM -> startOfYear(t, Math.floorDiv(t.getYear() - 1, 1000) * 1000 + 1);
            default -> throw new SqlException(1235, "0A000",
                    "unit \"" + field + "\" not supported for type timestamp without time zone");
        };
    }

    private static LocalDateTime startOfYear(LocalDateTime t, int year) {
        return t.truncatedTo(ChronoUnit.DAYS).withDayOfYear(1).withYear(year);
    }
}
