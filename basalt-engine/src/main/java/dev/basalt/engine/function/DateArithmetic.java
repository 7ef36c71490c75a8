package dev.basalt.engine.function;

import dev.basalt.engine.expr.Coercion;
import dev.basalt.engine.expr.EvalContext;
import dev.basalt.engine.expr.Expr;
import dev.basalt.engine.expr.IntervalUnit;
import dev.basalt.engine.types.SqlType;
import dev.basalt.engine.types.Temporals;
import dev.basalt.engine.types.TypeKind;
import dev.basalt.engine.types.Types;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** INTERVAL arithmetic, EXTRACT and TIMESTAMPDIFF. */
public final class DateArithmetic {
    private DateArithmetic() {}

    /** A parsed INTERVAL: months and a signed duration (MySQL keeps the two apart). */
    record Interval(long months, long micros) {}

    static boolean isDateLevel(IntervalUnit u) {
        return switch (u) {
            case DAY, WEEK, MONTH, QUARTER, YEAR, YEAR_MONTH -> true;
            default -> false;
        };
    }

    /** Parses an interval amount for a unit; compound units read their fields from a string like '1:30'. */
    static Interval interval(EvalContext ctx, Object amount, IntervalUnit unit) {
        switch (unit) {
            case MICROSECOND: return new Interval(0, Coercion.toLong(ctx, amount));
            case SECOND: {
                BigDecimal d = Coercion.toDecimal(ctx, amount);
                return new Interval(0, d.movePointRight(6).setScale(0, java.math.RoundingMode.HALF_UP).longValueExact());
            }
            case MINUTE: return new Interval(0, Math.multiplyExact(Coercion.toLong(ctx, amount), 60_000_000L));
            case HOUR: return new Interval(0, Math.multiplyExact(Coercion.toLong(ctx, amount), 3_600_000_000L));
            case DAY: return new Interval(0, Math.multiplyExact(Coercion.toLong(ctx, amount), 86_400_000_000L));
            case WEEK: return new Interval(0, Math.multiplyExact(Coercion.toLong(ctx, amount), 7 * 86_400_000_000L));
            case MONTH: return new Interval(Coercion.toLong(ctx, amount), 0);
            case QUARTER: return new Interval(Math.multiplyExact(3L, Coercion.toLong(ctx, amount)), 0);
            case YEAR: return new Interval(Math.multiplyExact(12L, Coercion.toLong(ctx, amount)), 0);
            default: break;
        }
        String s = Coercion.toText(amount, null).trim();
        boolean neg = s.startsWith("-");
        long[] f = fields(neg ? s.substring(1) : s);
        // fields are right-aligned to the unit's components
        long[] c = switch (unit) {
            case SECOND_MICROSECOND -> align(f, 2);
            case MINUTE_MICROSECOND -> align(f, 3);
            case MINUTE_SECOND -> align(f, 2);
            case HOUR_MICROSECOND -> align(f, 4);
            case HOUR_SECOND -> align(f, 3);
            case HOUR_MINUTE -> align(f, 2);
            case DAY_MICROSECOND -> align(f, 5);
            case DAY_SECOND -> align(f, 4);
            case DAY_MINUTE -> align(f, 3);
            case DAY_HOUR -> align(f, 2);
            case YEAR_MONTH -> align(f, 2);
            default -> align(f, 1);
        };
        long sign = neg ? -1 : 1;
        return switch (unit) {
            case YEAR_MONTH -> new Interval(sign * (c[0] * 12 + c[1]), 0);
            case SECOND_MICROSECOND -> new Interval(0, sign * (c[0] * 1_000_000L + micros(c[1], f)));
            case MINUTE_MICROSECOND -> new Interval(0, sign * ((c[0] * 60 + c[1]) * 1_000_000L + micros(c[2], f)));
            case MINUTE_SECOND -> new Interval(0, sign * (c[0] * 60 + c[1]) * 1_000_000L);
            case HOUR_MICROSECOND -> new Interval(0, sign * (((c[0] * 60 + c[1]) * 60 + c[2]) * 1_000_000L + micros(c[3], f)));
            case HOUR_SECOND -> new Interval(0, sign * ((c[0] * 60 + c[1]) * 60 + c[2]) * 1_000_000L);
            case HOUR_MINUTE -> new Interval(0, sign * (c[0] * 60 + c[1]) * 60_000_000L);
            case DAY_MICROSECOND -> new Interval(0, sign * ((((c[0] * 24 + c[1]) * 60 + c[2]) * 60 + c[3]) * 1_000_000L + micros(c[4], f)));
            case DAY_SECOND -> new Interval(0, sign * (((c[0] * 24 + c[1]) * 60 + c[2]) * 60 + c[3]) * 1_000_000L);
            case DAY_MINUTE -> new Interval(0, sign * ((c[0] * 24 + c[1]) * 60 + c[2]) * 60_000_000L);
            case DAY_HOUR -> new Interval(0, sign * (c[0] * 24 + c[1]) * 3_600_000_000L);
            default -> new Interval(0, 0);
        };
    }

    /** Microsecond field as written ('.5' means 500000 when it is the last field). */
    private static long micros(long v, long[] f) { return v; }

    private static long[] fields(String s) {
        long[] out = new long[8];
        int n = 0, i = 0;
        while (i < s.length() && n < 8) {
            while (i < s.length() && !Character.isDigit(s.charAt(i))) i++;
            int st = i;
            while (i < s.length() && Character.isDigit(s.charAt(i))) i++;
            if (i > st) out[n++] = Long.parseLong(s.substring(st, Math.min(i, st + 18)));
        }
        long[] r = new long[n];
        System.arraycopy(out, 0, r, 0, n);
        return r;
    }

    private static long[] align(long[] f, int count) {
        long[] c = new long[count];
        int off = count - f.length;
        for (int i = 0; i < f.length && i < count + Math.max(0, -off); i++) {
            int idx = i + off;
            if (idx >= 0 && idx < count) c[idx] = f[i];
        }
        return c;
    }

    /** t + iv, or null when the result leaves what java.time can hold (far beyond MySQL's 0-9999 years). */
    static LocalDateTime add(LocalDateTime t, Interval iv) {
        try {
            LocalDateTime r = iv.months() != 0 ? t.plusMonths(iv.months()) : t;
            return iv.micros() != 0 ? r.plus(iv.micros(), ChronoUnit.MICROS) : r;
        } catch (java.time.DateTimeException | ArithmeticException e) {
            return null;
        }
    }

    private static boolean inRange(LocalDateTime t) { return t != null && t.getYear() >= 0 && t.getYear() <= 9999; }

    /** date +/- INTERVAL amount unit. */
    public static Expr dateAdd(Expr date, Expr amount, IntervalUnit unit, boolean subtract) {
        SqlType in = date.type();
        TypeKind k = in.kind();
        boolean dateLevel = isDateLevel(unit);
        int fsp = Math.max(in.scale(), 0);
        if (unit == IntervalUnit.MICROSECOND || unit.name().endsWith("MICROSECOND")) fsp = 6;
        if (unit == IntervalUnit.SECOND && amount.type().kind() == TypeKind.DECIMAL) fsp = Math.max(fsp, Math.min(amount.type().scale(), 6));
        final int rfsp = fsp;
        SqlType type;
        if (k == TypeKind.DATE) type = dateLevel ? SqlType.DATE : SqlType.DATETIME.withScale(rfsp);
        else if (k == TypeKind.DATETIME || k == TypeKind.TIMESTAMP) type = SqlType.DATETIME.withScale(rfsp);
        else if (k == TypeKind.TIME) type = SqlType.TIME.withScale(rfsp);
        else type = SqlType.varchar(29);
        String name = subtract ? "DATE_SUB" : "DATE_ADD";
        return new FunctionCall(name, List.of(date, amount), type, true, true, (ctx, row, args) -> {
            Object d = args[0].eval(ctx, row);
            if (d == null) return null;
            Object a = args[1].eval(ctx, row);
            if (a == null) return null;
            Interval iv;
            try { // an amount beyond what a 64-bit count of months or microseconds holds: MySQL's overflow
                iv = interval(ctx, a, unit);
                if (subtract) iv = new Interval(Math.negateExact(iv.months()), Math.negateExact(iv.micros()));
            } catch (ArithmeticException overflow) {
                if (ctx != null) ctx.warn(1441, "Datetime function: datetime field overflow");
                return null;
            }
            if (k == TypeKind.TIME) {
                Duration t = Coercion.toTime(ctx, d);
                if (t == null) return null;
                if (iv.months() != 0) return null;
                return t.plus(iv.micros(), ChronoUnit.MICROS);
            }
            LocalDateTime t = Coercion.toDateTime(ctx, d);
            if (t == null) return null;
            LocalDateTime r = add(t, iv);
            if (!inRange(r)) {
                if (ctx != null) ctx.warn(1441, "Datetime function: datetime field overflow");
                return null;
            }
            return switch (type.kind()) {
                case DATE -> r.toLocalDate();
                case DATETIME -> r;
                default -> {
                    // string argument: a date string stays a date when nothing below a day changed
                    String s = Coercion.toText(d, null).trim();
                    boolean dateOnly = dateLevel && s.length() <= 10 && r.toLocalTime().toNanoOfDay() == 0;
                    yield dateOnly ? Temporals.formatDate(r.toLocalDate())
                            : Temporals.formatDateTime(r, r.getNano() == 0 ? 0 : 6);
                }
            };
        });
    }

    /** EXTRACT(unit FROM e). */
    public static Expr extract(IntervalUnit unit, Expr e) {
        boolean isTime = e.type().kind() == TypeKind.TIME;
        return new FunctionCall("EXTRACT", List.of(e), SqlType.BIGINT, true, true, FunctionCall.strict1((ctx, v) -> {
            if (isTime || v instanceof Duration) {
                Duration d = Coercion.toTime(ctx, v);
                if (d == null) return null;
                long sign = d.isNegative() ? -1 : 1;
                Duration a = d.abs();
                long h = a.toHours(), m = a.toMinutesPart(), s = a.toSecondsPart(), us = a.toNanosPart() / 1000;
                long r = switch (unit) {
                    case HOUR -> h;
                    case MINUTE -> m;
                    case SECOND -> s;
                    case MICROSECOND -> us;
                    case DAY -> h / 24;
                    case HOUR_MINUTE -> h * 100 + m;
                    case HOUR_SECOND -> (h * 100 + m) * 100 + s;
                    case MINUTE_SECOND -> m * 100 + s;
                    case HOUR_MICROSECOND -> ((h * 100 + m) * 100 + s) * 1_000_000 + us;
                    case MINUTE_MICROSECOND -> (m * 100 + s) * 1_000_000 + us;
                    case SECOND_MICROSECOND -> s * 1_000_000 + us;
                    case DAY_HOUR -> h;
                    case DAY_MINUTE -> h * 100 + m;
                    case DAY_SECOND -> (h * 100 + m) * 100 + s;
                    case DAY_MICROSECOND -> ((h * 100 + m) * 100 + s) * 1_000_000 + us;
                    default -> 0;
                };
                return sign * r;
            }
            LocalDateTime t = Coercion.toDateTime(ctx, v);
            if (t == null) return null;
            long us = t.getNano() / 1000;
            long hms = t.getHour() * 10000L + t.getMinute() * 100L + t.getSecond();
            return switch (unit) {
                case YEAR -> (long) t.getYear();
                case QUARTER -> (long) (t.getMonthValue() + 2) / 3;
                case MONTH -> (long) t.getMonthValue();
                case WEEK -> (long) DateFunctions.week(t.toLocalDate(), 0);
                case DAY -> (long) t.getDayOfMonth();
                case HOUR -> (long) t.getHour();
                case MINUTE -> (long) t.getMinute();
                case SECOND -> (long) t.getSecond();
                case MICROSECOND -> us;
                case YEAR_MONTH -> t.getYear() * 100L + t.getMonthValue();
                case DAY_HOUR -> t.getDayOfMonth() * 100L + t.getHour();
                case DAY_MINUTE -> (t.getDayOfMonth() * 100L + t.getHour()) * 100 + t.getMinute();
                case DAY_SECOND -> t.getDayOfMonth() * 1_000_000L + hms;
                case DAY_MICROSECOND -> (t.getDayOfMonth() * 1_000_000L + hms) * 1_000_000 + us;
                case HOUR_MINUTE -> t.getHour() * 100L + t.getMinute();
                case HOUR_SECOND -> hms;
                case HOUR_MICROSECOND -> hms * 1_000_000 + us;
                case MINUTE_SECOND -> t.getMinute() * 100L + t.getSecond();
                case MINUTE_MICROSECOND -> (t.getMinute() * 100L + t.getSecond()) * 1_000_000 + us;
                case SECOND_MICROSECOND -> t.getSecond() * 1_000_000L + us;
            };
        }));
    }

    /** TIMESTAMPDIFF(unit, from, to): whole units from 'from' to 'to'. */
    public static Expr timestampDiff(IntervalUnit unit, Expr from, Expr to) {
        return new FunctionCall("TIMESTAMPDIFF", List.of(from, to), SqlType.BIGINT, true, true, FunctionCall.strict2((ctx, a, b) -> {
            LocalDateTime x = Coercion.toDateTime(ctx, a), y = Coercion.toDateTime(ctx, b);
            if (x == null || y == null) return null;
            return switch (unit) {
                case MICROSECOND -> ChronoUnit.MICROS.between(x, y);
                case SECOND -> ChronoUnit.SECONDS.between(x, y);
                case MINUTE -> ChronoUnit.MINUTES.between(x, y);
                case HOUR -> ChronoUnit.HOURS.between(x, y);
                case DAY -> ChronoUnit.DAYS.between(x, y);
                case WEEK -> ChronoUnit.WEEKS.between(x, y);
                case MONTH -> ChronoUnit.MONTHS.between(x, y);
                case QUARTER -> ChronoUnit.MONTHS.between(x, y) / 3;
                case YEAR -> ChronoUnit.YEARS.between(x, y);
                default -> null;
            };
        }));
    }

    static long daysSinceYearZero(LocalDate d) { return d.toEpochDay() + 719528; }
}
