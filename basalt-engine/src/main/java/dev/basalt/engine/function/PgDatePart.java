package dev.basalt.engine.function;

import dev.basalt.engine.api.SqlException;
import dev.basalt.engine.expr.Expr;
import dev.basalt.engine.expr.Literal;
import dev.basalt.engine.types.IntervalText;
import dev.basalt.engine.types.IntervalValue;
import dev.basalt.engine.types.SqlType;
import dev.basalt.engine.types.Temporals;
import dev.basalt.engine.types.TypeKind;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.util.Locale;

/**
 * PostgreSQL's {@code extract(field FROM x)} (PG_EXTRACT, numeric) and {@code date_part('field', x)}
 * (PG_DATE_PART, double precision) on timestamps, dates and intervals (issue 10), with PostgreSQL
 * 15's fields and results: {@code second} with its fraction, {@code epoch}, {@code dow}, {@code doy},
 * ISO {@code week}; an interval's {@code hour} may pass 24 and its {@code epoch} counts a year as
 * 365.25 days and a month as 30. The dialect writes both as these names.
 */
final class PgDatePart {
    private PgDatePart() {}

    enum Field {
        MICROSECONDS(0), MILLISECONDS(3), SECOND(6), MINUTE(0), HOUR(0), DAY(0), WEEK(0), MONTH(0), QUARTER(0), YEAR(0),
        DECADE(0), CENTURY(0), MILLENNIUM(0), EPOCH(6), DOW(0), ISODOW(0), DOY(0), ISOYEAR(0);

        final int scale;

        Field(int scale) { this.scale = scale; }
    }

    static void register() {
        Functions.register("PG_EXTRACT", 2, 2, (n, a) -> {
            Field f = constantField(a.get(0));
            int scale = f == null ? 6 : a.get(1).type().kind() == TypeKind.DATE ? 0 : f.scale;
            return new FunctionCall(n, a, SqlType.decimal(65, scale), true, true, (ctx, row, args) -> {
                BigDecimal v = part(ctx, args[0].eval(ctx, row), args[1].eval(ctx, row));
                return v == null ? null : v.setScale(scale, RoundingMode.HALF_EVEN);
            });
        });
        Functions.register("PG_DATE_PART", 2, 2, (n, a) -> new FunctionCall(n, a, SqlType.DOUBLE, true, true, (ctx, row, args) -> {
            BigDecimal v = part(ctx, args[0].eval(ctx, row), args[1].eval(ctx, row));
            return v == null ? null : v.doubleValue();
        }));
    }

    private static Field constantField(Expr e) {
        return e instanceof Literal l && l.value() != null ? field(l.value().toString()) : null;
    }

    private static BigDecimal part(dev.basalt.engine.expr.EvalContext ctx, Object name, Object value) {
        if (name == null || value == null) return null;
        Field f = field(name.toString());
        if (f == null) {
            throw new SqlException(1235, "0A000", "unit \"" + name + "\" not recognized");
        }
        if (value instanceof IntervalValue i) return ofInterval(f, i);
        LocalDateTime t = Temporals.toDateTime(value, ctx.statementStart().toLocalDate());
        if (t == null) {
            try {
                t = Temporals.parseDateTime(value.toString().strip());
            } catch (RuntimeException e) {
                return ofInterval(f, IntervalText.of(value)); // PostgreSQL reads an untyped literal as the interval it spells
            }
        }
        return ofTimestamp(f, t);
    }

    /** The field a name spells (PostgreSQL's spellings: day, days, d...), null for none. */
    static Field field(String name) {
        return switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "microsecond", "microseconds", "us", "usec", "usecs" -> Field.MICROSECONDS;
            case "millisecond", "milliseconds", "ms", "msec", "msecs" -> Field.MILLISECONDS;
            case "second", "seconds", "s", "sec", "secs" -> Field.SECOND;
            case "minute", "minutes", "m", "min", "mins" -> Field.MINUTE;
            case "hour", "hours", "h", "hr", "hrs" -> Field.HOUR;
            case "day", "days", "d" -> Field.DAY;
            case "week", "weeks", "w" -> Field.WEEK;
            case "month", "months", "mon", "mons" -> Field.MONTH;
            case "quarter", "qtr" -> Field.QUARTER;
            case "year", "years", "y", "yr", "yrs" -> Field.YEAR;
            case "decade", "decades", "dec" -> Field.DECADE;
            case "century", "centuries", "c" -> Field.CENTURY;
            case "millennium", "millennia", "mil", "mils" -> Field.MILLENNIUM;
            case "epoch" -> Field.EPOCH;
            case "dow" -> Field.DOW;
            case "isodow" -> Field.ISODOW;
            case "doy" -> Field.DOY;
            case "isoyear" -> Field.ISOYEAR;
            default -> null;
        };
    }

    private static BigDecimal ofInterval(Field f, IntervalValue i) {
        long secondsMicros = i.micros() % 60_000_000L;
        long year = i.months() / 12;
        return switch (f) {
            case MICROSECONDS -> BigDecimal.valueOf(secondsMicros);
            case MILLISECONDS -> BigDecimal.valueOf(secondsMicros, 3);
            case SECOND -> BigDecimal.valueOf(secondsMicros, 6);
            case MINUTE -> BigDecimal.valueOf(i.micros() / 60_000_000L % 60);
            case HOUR -> BigDecimal.valueOf(i.micros() / 3_600_000_000L);
            case DAY -> BigDecimal.valueOf(i.days());
            case MONTH -> BigDecimal.valueOf(i.months() % 12);
            case QUARTER -> BigDecimal.valueOf(i.months() % 12 / 3 + 1);
            case YEAR -> BigDecimal.valueOf(year);
            case DECADE -> BigDecimal.valueOf(year / 10);
            case CENTURY -> BigDecimal.valueOf(year / 100);
            case MILLENNIUM -> BigDecimal.valueOf(year / 1000);
            case EPOCH -> {
                // a year of 365.25 days, a month of 30: counted in quarter days to stay exact, as PostgreSQL does
                long quarterDays = 1461L * year + 120L * (i.months() % 12) + 4L * i.days();
                yield BigDecimal.valueOf(quarterDays * 21_600L).add(BigDecimal.valueOf(i.micros(), 6));
            }
            default -> throw new SqlException(1235, "0A000", "unit \"" + f.name().toLowerCase(Locale.ROOT) + "\" not supported for type interval");
        };
    }

    private static BigDecimal ofTimestamp(Field f, LocalDateTime t) {
        long micros = t.getSecond() * 1_000_000L + t.getNano() / 1000;
        int year = t.getYear();
        return switch (f) {
            case MICROSECONDS -> BigDecimal.valueOf(micros);
            case MILLISECONDS -> BigDecimal.valueOf(micros, 3);
            case SECOND -> BigDecimal.valueOf(micros, 6);
            case MINUTE -> BigDecimal.valueOf(t.getMinute());
            case HOUR -> BigDecimal.valueOf(t.getHour());
            case DAY -> BigDecimal.valueOf(t.getDayOfMonth());
            case WEEK -> BigDecimal.valueOf(t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case MONTH -> BigDecimal.valueOf(t.getMonthValue());
            case QUARTER -> BigDecimal.valueOf((t.getMonthValue() - 1) / 3 + 1);
            case YEAR -> BigDecimal.valueOf(year);
            case DECADE -> BigDecimal.valueOf(Math.floorDiv(year, 10));
            case CENTURY -> BigDecimal.valueOf(year > 0 ? (year + 99) / 100 : -((99 - (year - 1)) / 100));
            case MILLENNIUM -> BigDecimal.valueOf(year > 0 ? (year + 999) / 1000 : -((999 - (year - 1)) / 1000));
            case EPOCH -> BigDecimal.valueOf(t.toEpochSecond(ZoneOffset.UTC)).add(BigDecimal.valueOf(t.getNano() / 1000, 6));
            case DOW -> BigDecimal.valueOf(t.getDayOfWeek().getValue() % 7);
            case ISODOW -> BigDecimal.valueOf(t.getDayOfWeek().getValue());
            case DOY -> BigDecimal.valueOf(t.getDayOfYear());
            case ISOYEAR -> BigDecimal.valueOf(t.get(IsoFields.WEEK_BASED_YEAR));
        };
    }
}
