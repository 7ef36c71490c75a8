package dev.basalt.engine.function;

import dev.basalt.engine.expr.Coercion;
import dev.basalt.engine.expr.EvalContext;
import dev.basalt.engine.expr.Expr;
import dev.basalt.engine.expr.IntervalUnit;
import dev.basalt.engine.expr.Literal;
import dev.basalt.engine.types.SqlType;
import dev.basalt.engine.types.Temporals;
import dev.basalt.engine.types.TypeKind;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import static dev.basalt.engine.function.FunctionCall.*;

/** Date and time functions. NOW() and friends read the statement start from the context. */
final class DateFunctions {
    /** MySQL's MAX_DAY_NUMBER: TO_DAYS('9999-12-31'). */
    private static final long MAX_DAY_NUMBER = 3_652_424;

    private DateFunctions() {}

    private static FunctionCall call(String name, List<Expr> args, SqlType type, Body body) {
        return new FunctionCall(name, args, type, true, true, body);
    }

    private static int fspArg(List<Expr> a) {
        if (a.isEmpty()) return 0;
        if (a.get(0) instanceof Literal l && l.value() != null) {
            long f = Coercion.toLong(null, l.value());
            if (f < 0 || f > 6) {
                throw new dev.basalt.engine.api.SqlException(1426, "42000", "Too-big precision " + f + " specified for 'now'. Maximum is 6.");
            }
            return (int) f;
        }
        return 6;
    }

    /**
     * Fractional-second digits an argument contributes: its type's scale, the digits actually
     * written in a constant string (as MySQL inspects constants), or 6 for other strings.
     */
    static int fspOf(Expr e) {
        SqlType t = e.type();
        if (t.kind().isTemporal() || t.kind() == TypeKind.DECIMAL) return Math.min(Math.max(t.scale(), 0), 6);
        if (t.kind().isString()) {
            if (e instanceof Literal l && l.value() instanceof String s) {
                int dot = s.lastIndexOf('.');
                if (dot < 0) return 0;
                int n = 0;
                for (int i = dot + 1; i < s.length() && Character.isDigit(s.charAt(i)); i++) n++;
                return Math.min(n, 6);
            }
            return 6;
        }
        return 0;
    }

    private static LocalDateTime truncate(LocalDateTime t, int fsp) {
        long unit = (long) Math.pow(10, 9 - fsp);
        return t.withNano((int) (t.getNano() / unit * unit));
    }

    /** A date part of any date-ish argument; null (with a warning) if not a date. */
    private static void datePart(String names, SqlType type, Function<LocalDateTime, Object> f) {
        Functions.register(names, 1, 1, (n, a) -> call(n, a, type, strict1((ctx, x) -> {
            LocalDateTime t = Coercion.toDateTime(ctx, x);
            return t == null ? null : f.apply(t);
        })));
    }

    /** A time part, reading TIME values directly (HOUR of '100:00:00' is 100). */
    private static void timePart(String names, Function<Duration, Long> f) {
        Functions.register(names, 1, 1, (n, a) -> call(n, a, SqlType.BIGINT, strict1((ctx, x) -> {
            Duration d = x instanceof LocalDateTime t ? Duration.ofNanos(t.toLocalTime().toNanoOfDay()) : Coercion.toTime(ctx, x);
            return d == null ? null : f.apply(d.abs());
        })));
    }

    static void register() {
        Functions.register("NOW CURRENT_TIMESTAMP LOCALTIME LOCALTIMESTAMP", 0, 1, (n, a) -> {
            int fsp = fspArg(a);
            return new FunctionCall(n, a, SqlType.DATETIME.withScale(fsp), false, true, (ctx, row, args) -> truncate(ctx.statementStart(), fsp));
        });
        Functions.register("SYSDATE", 0, 1, (n, a) -> {
            int fsp = fspArg(a);
            return new FunctionCall(n, a, SqlType.DATETIME.withScale(fsp), false, false, (ctx, row, args) -> truncate(LocalDateTime.now(ctx.timeZone()), fsp));
        });
        Functions.register("CURDATE CURRENT_DATE", 0, 0, (n, a) -> new FunctionCall(n, a, SqlType.DATE, false, true, of0(ctx -> ctx.statementStart().toLocalDate())));
        Functions.register("CURTIME CURRENT_TIME", 0, 1, (n, a) -> {
            int fsp = fspArg(a);
            return new FunctionCall(n, a, SqlType.TIME.withScale(fsp), false, true, (ctx, row, args) ->
                    Duration.ofNanos(truncate(ctx.statementStart(), fsp).toLocalTime().toNanoOfDay()));
        });
        Functions.register("UTC_TIMESTAMP", 0, 1, (n, a) -> {
            int fsp = fspArg(a);
            return new FunctionCall(n, a, SqlType.DATETIME.withScale(fsp), false, true, (ctx, row, args) -> truncate(utc(ctx), fsp));
        });
        Functions.register("UTC_DATE", 0, 0, (n, a) -> new FunctionCall(n, a, SqlType.DATE, false, true, of0(ctx -> utc(ctx).toLocalDate())));
        Functions.register("UTC_TIME", 0, 1, (n, a) -> {
            int fsp = fspArg(a);
            return new FunctionCall(n, a, SqlType.TIME.withScale(fsp), false, true, (ctx, row, args) ->
                    Duration.ofNanos(truncate(utc(ctx), fsp).toLocalTime().toNanoOfDay()));
        });
        Functions.register("UNIX_TIMESTAMP", 0, 1, (n, a) -> {
            if (a.isEmpty()) {
                return new FunctionCall(n, a, SqlType.BIGINT, false, true, of0(ctx ->
                        ctx.statementStart().atZone(ctx.timeZone()).toEpochSecond()));
            }
            int fsp = fspOf(a.get(0));
            SqlType t = fsp > 0 ? SqlType.decimal(16 + fsp, fsp) : SqlType.BIGINT;
            boolean decimal = fsp > 0;
            return call(n, a, t, strict1((ctx, x) -> {
                LocalDateTime d = Coercion.toDateTime(ctx, x);
                if (d == null) return null;
                Instant i = dev.basalt.engine.time.TimeZones.toInstant(d, ctx.timeZone());
                if (i.getEpochSecond() < 0) return 0L;
                if (!decimal) return i.getEpochSecond();
                BigDecimal r = BigDecimal.valueOf(i.getEpochSecond()).add(BigDecimal.valueOf(i.getNano() / 1000, 6));
                return r.setScale(fsp, RoundingMode.DOWN); // as many digits as the argument has (MySQL)
            }));
        });
        Functions.register("FROM_UNIXTIME", 1, 2, (n, a) -> {
            int fsp = a.get(0).type().kind() == TypeKind.DECIMAL ? Math.min(Math.max(a.get(0).type().scale(), 0), 6) : 0;
            if (a.size() == 2) {
                return call(n, a, SqlType.varchar(64), strict2((ctx, x, f) -> {
                    LocalDateTime t = fromUnix(ctx, x);
                    return t == null ? null : DateFormat.format(t, Coercion.toText(f, null), null);
                }));
            }
            return call(n, a, SqlType.DATETIME.withScale(fsp), strict1(DateFunctions::fromUnix));
        });
        Functions.register("DATE", 1, 1, (n, a) -> call(n, a, SqlType.DATE, strict1(Coercion::toDate)));
        Functions.register("TIME", 1, 1, (n, a) -> {
            return call(n, a, SqlType.TIME.withScale(fspOf(a.get(0))), strict1(Coercion::toTime));
        });
        datePart("YEAR", SqlType.BIGINT, t -> (long) t.getYear());
        datePart("MONTH", SqlType.BIGINT, t -> (long) t.getMonthValue());
        datePart("MONTHNAME", SqlType.varchar(9), t -> t.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
        datePart("DAY DAYOFMONTH", SqlType.BIGINT, t -> (long) t.getDayOfMonth());
        datePart("DAYNAME", SqlType.varchar(9), t -> t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
        datePart("DAYOFWEEK", SqlType.BIGINT, t -> (long) (t.getDayOfWeek().getValue() % 7 + 1));
        datePart("WEEKDAY", SqlType.BIGINT, t -> (long) (t.getDayOfWeek().getValue() - 1));
        datePart("DAYOFYEAR", SqlType.BIGINT, t -> (long) t.getDayOfYear());
        datePart("QUARTER", SqlType.BIGINT, t -> (long) ((t.getMonthValue() + 2) / 3));
        datePart("TO_DAYS", SqlType.BIGINT, t -> DateArithmetic.daysSinceYearZero(t.toLocalDate()));
        datePart("LAST_DAY", SqlType.DATE, t -> t.toLocalDate().withDayOfMonth(t.toLocalDate().lengthOfMonth()));
        datePart("WEEKOFYEAR", SqlType.BIGINT, t -> (long) week(t.toLocalDate(), 3));
        datePart("TO_SECONDS", SqlType.BIGINT, t -> DateArithmetic.daysSinceYearZero(t.toLocalDate()) * 86400 + t.toLocalTime().toSecondOfDay());
        Functions.register("WEEK", 1, 2, (n, a) -> call(n, a, SqlType.BIGINT, strictN((ctx, v) -> {
            LocalDateTime t = Coercion.toDateTime(ctx, v[0]);
            if (t == null) return null;
            return (long) week(t.toLocalDate(), v.length > 1 ? (int) Coercion.toLong(ctx, v[1]) : 0);
        })));
        Functions.register("YEARWEEK", 1, 2, (n, a) -> call(n, a, SqlType.BIGINT, strictN((ctx, v) -> {
            LocalDateTime t = Coercion.toDateTime(ctx, v[0]);
            if (t == null) return null;
            int mode = v.length > 1 ? (int) Coercion.toLong(ctx, v[1]) : 0;
            int[] year = new int[1];
            int w = calcWeek(t.toLocalDate(), weekMode(mode) | WEEK_YEAR, year);
            return year[0] * 100L + w;
        })));
        timePart("HOUR", Duration::toHours);
        timePart("MINUTE", d -> (long) d.toMinutesPart());
        timePart("SECOND", d -> (long) d.toSecondsPart());
        timePart("MICROSECOND", d -> (long) d.toNanosPart() / 1000);
        Functions.register("DATE_FORMAT", 2, 2, (n, a) -> call(n, a, SqlType.varchar(64), strict2((ctx, x, f) -> {
            LocalDateTime t = x instanceof Duration d ? ctx.statementStart().toLocalDate().atStartOfDay().plus(d) : Coercion.toDateTime(ctx, x);
            return t == null ? null : DateFormat.format(t, Coercion.toText(f, null), null);
        })));
        Functions.register("TIME_FORMAT", 2, 2, (n, a) -> call(n, a, SqlType.varchar(64), strict2((ctx, x, f) -> {
            Duration d = Coercion.toTime(ctx, x);
            return d == null ? null : DateFormat.format(null, Coercion.toText(f, null), d);
        })));
        Functions.register("STR_TO_DATE", 2, 2, (n, a) -> {
            TypeKind kind = TypeKind.DATETIME;
            int fsp = 0;
            if (a.get(1) instanceof Literal l && l.value() != null) {
                String f = Coercion.toText(l.value(), null);
                kind = DateFormat.resultKind(f);
                if (f.contains("%f")) fsp = 6;
            }
            TypeKind k = kind;
            SqlType type = SqlType.of(k).withScale(k == TypeKind.DATE ? 0 : fsp);
            return call(n, a, type, strict2((ctx, x, f) -> {
                String s = Coercion.toText(x, null), fmt = Coercion.toText(f, null);
                LocalDateTime t = DateFormat.parse(s, fmt);
                if (t == null) {
                    if (ctx != null) ctx.warn(1411, "Incorrect datetime value: '" + s + "' for function str_to_date");
                    return null;
                }
                return switch (k) {
                    case DATE -> t.toLocalDate();
                    case TIME -> Duration.ofNanos(t.toLocalTime().toNanoOfDay());
                    default -> t;
                };
            }));
        });
        Functions.register("DATE_ADD ADDDATE", 2, 2, (n, a) -> DateArithmetic.dateAdd(a.get(0), a.get(1), IntervalUnit.DAY, false));
        Functions.register("DATE_SUB SUBDATE", 2, 2, (n, a) -> DateArithmetic.dateAdd(a.get(0), a.get(1), IntervalUnit.DAY, true));
        Functions.register("DATEDIFF", 2, 2, (n, a) -> call(n, a, SqlType.BIGINT, strict2((ctx, x, y) -> {
            LocalDate d1 = Coercion.toDate(ctx, x), d2 = Coercion.toDate(ctx, y);
            return d1 == null || d2 == null ? null : ChronoUnit.DAYS.between(d2, d1);
        })));
        Functions.register("TIMEDIFF", 2, 2, (n, a) -> call(n, a, SqlType.TIME.withScale(Math.max(fspOf(a.get(0)), fspOf(a.get(1)))), strict2((ctx, x, y) -> {
            if (x instanceof Duration || y instanceof Duration || a.get(0).type().kind() == TypeKind.TIME) {
                Duration d1 = Coercion.toTime(ctx, x), d2 = Coercion.toTime(ctx, y);
                return d1 == null || d2 == null ? null : clampTime(d1.minus(d2));
            }
            LocalDateTime t1 = Coercion.toDateTime(ctx, x), t2 = Coercion.toDateTime(ctx, y);
            return t1 == null || t2 == null ? null : clampTime(Duration.between(t2, t1));
        })));
        Functions.register("MAKEDATE", 2, 2, (n, a) -> call(n, a, SqlType.DATE, strict2((ctx, y, d) -> {
            long year = Coercion.toLong(ctx, y), day = Coercion.toLong(ctx, d);
            // a day count beyond year 9999 from any start (MAX_DAY_NUMBER) gives NULL, never an overflow
            if (day <= 0 || day > MAX_DAY_NUMBER || year < 0 || year > 9999) return null;
            if (year < 70) year += 2000; else if (year < 100) year += 1900;
            LocalDate r = LocalDate.of((int) year, 1, 1).plusDays(day - 1);
            return r.getYear() > 9999 ? null : r;
        })));
        Functions.register("MAKETIME", 3, 3, (n, a) -> call(n, a, SqlType.TIME, strict3((ctx, h, m, s) -> {
            long hh = Coercion.toLong(ctx, h), mm = Coercion.toLong(ctx, m);
            BigDecimal ss = Coercion.toDecimal(ctx, s);
            if (mm < 0 || mm > 59 || ss.signum() < 0 || ss.compareTo(BigDecimal.valueOf(60)) >= 0) return null;
            // hours past TIME's range clamp to 838:59:59 anyway: cap them first so nothing overflows
            long hours = hh == Long.MIN_VALUE ? 10_000 : Math.min(Math.abs(hh), 10_000);
            Duration d = Duration.ofHours(hours).plusMinutes(mm).plusNanos(ss.movePointRight(9).longValue());
            return clampTime(hh < 0 ? d.negated() : d);
        })));
        Functions.register("FROM_DAYS", 1, 1, (n, a) -> call(n, a, SqlType.DATE, strict1((ctx, x) -> {
            long days = Coercion.toLong(ctx, x);
            if (days < 366 || days > MAX_DAY_NUMBER) return null; // MySQL: the zero date both ways
            return LocalDate.ofEpochDay(days - 719528);
        })));
        Functions.register("SEC_TO_TIME", 1, 1, (n, a) -> call(n, a, SqlType.TIME.withScale(a.get(0).type().kind() == TypeKind.DECIMAL ? Math.min(a.get(0).type().scale(), 6) : 0), strict1((ctx, x) -> {
            BigDecimal s = Coercion.toDecimal(ctx, x);
            return clampTime(Duration.ofNanos(s.movePointRight(9).setScale(0, RoundingMode.DOWN).longValue()));
        })));
        Functions.register("TIME_TO_SEC", 1, 1, (n, a) -> call(n, a, SqlType.BIGINT, strict1((ctx, x) -> {
            Duration d = x instanceof LocalDateTime t ? Duration.ofNanos(t.toLocalTime().toNanoOfDay()) : Coercion.toTime(ctx, x);
            return d == null ? null : d.getSeconds() + (d.isNegative() && d.getNano() > 0 ? 1 : 0);
        })));
        Functions.register("ADDTIME", 2, 2, (n, a) -> addTime(n, a, false));
        Functions.register("SUBTIME", 2, 2, (n, a) -> addTime(n, a, true));
    }

    private static Expr addTime(String n, List<Expr> a, boolean subtract) {
        TypeKind k = a.get(0).type().kind();
        SqlType type = k == TypeKind.TIME ? SqlType.TIME.withScale(6) : k == TypeKind.DATETIME || k == TypeKind.TIMESTAMP ? SqlType.DATETIME.withScale(6) : SqlType.varchar(29);
        return call(n, a, type, strict2((ctx, x, y) -> {
            Duration delta = Coercion.toTime(ctx, y);
            if (delta == null) return null;
            if (subtract) delta = delta.negated();
            if (k == TypeKind.TIME || x instanceof Duration) {
                Duration d = Coercion.toTime(ctx, x);
                return d == null ? null : clampTime(d.plus(delta));
            }
            LocalDateTime t = Coercion.toDateTime(ctx, x);
            if (t == null) return null;
            LocalDateTime r = t.plus(delta);
            return type.kind() == TypeKind.DATETIME ? r : Temporals.formatDateTime(r, r.getNano() == 0 ? 0 : 6);
        }));
    }

    static Duration clampTime(Duration d) {
        if (d.compareTo(Temporals.TIME_MAX) > 0) return Temporals.TIME_MAX;
        if (d.compareTo(Temporals.TIME_MAX.negated()) < 0) return Temporals.TIME_MAX.negated();
        return d;
    }

    private static LocalDateTime utc(EvalContext ctx) {
        return ctx.statementStart().atZone(ctx.timeZone()).withZoneSameInstant(ZoneOffset.UTC).toLocalDateTime();
    }

    private static LocalDateTime fromUnix(EvalContext ctx, Object x) {
        BigDecimal s = Coercion.toDecimal(ctx, x);
        if (s.signum() < 0 || s.compareTo(BigDecimal.valueOf(32536771199L)) > 0) return null;
        long secs = s.longValue();
        int micros = s.subtract(BigDecimal.valueOf(secs)).movePointRight(6).intValue();
        return LocalDateTime.ofInstant(Instant.ofEpochSecond(secs, micros * 1000L), ctx.timeZone());
    }

    // ---- WEEK() as MySQL computes it -----------------------------------------------------------

    static final int WEEK_MONDAY_FIRST = 1, WEEK_YEAR = 2, WEEK_FIRST_WEEKDAY = 4;

    static int weekMode(int mode) {
        int f = mode & 7;
        if ((f & WEEK_MONDAY_FIRST) == 0) f ^= WEEK_FIRST_WEEKDAY;
        return f;
    }

    static int week(LocalDate d, int mode) {
        return calcWeek(d, weekMode(mode), new int[1]);
    }

    private static int weekday(long daynr, boolean sundayFirst) {
        return (int) ((daynr + 5 + (sundayFirst ? 1 : 0)) % 7);
    }

    private static int daysInYear(int y) { return java.time.Year.isLeap(y) ? 366 : 365; }

    static int calcWeek(LocalDate d, int behaviour, int[] yearOut) {
        long daynr = DateArithmetic.daysSinceYearZero(d);
        long firstDaynr = DateArithmetic.daysSinceYearZero(LocalDate.of(d.getYear(), 1, 1));
        boolean mondayFirst = (behaviour & WEEK_MONDAY_FIRST) != 0;
        boolean weekYear = (behaviour & WEEK_YEAR) != 0;
        boolean firstWeekday = (behaviour & WEEK_FIRST_WEEKDAY) != 0;
        int weekday = weekday(firstDaynr, !mondayFirst);
        int year = d.getYear();
        if (d.getMonthValue() == 1 && d.getDayOfMonth() <= 7 - weekday) {
            if (!weekYear && ((firstWeekday && weekday != 0) || (!firstWeekday && weekday >= 4))) {
                yearOut[0] = year;
                return 0;
            }
            weekYear = true;
            year--;
            int days = daysInYear(year);
            firstDaynr -= days;
            weekday = (weekday + 53 * 7 - days) % 7;
        }
        long days;
        if ((firstWeekday && weekday != 0) || (!firstWeekday && weekday >= 4)) days = daynr - (firstDaynr + (7 - weekday));
        else days = daynr - (firstDaynr - weekday);
        if (weekYear && days >= 52 * 7) {
            weekday = (weekday + daysInYear(year)) % 7;
            if ((!firstWeekday && weekday < 4) || (firstWeekday && weekday == 0)) {
                yearOut[0] = year + 1;
                return 1;
            }
        }
        yearOut[0] = year;
        return (int) (days / 7 + 1);
    }

    static String dayName(DayOfWeek d) { return d.getDisplayName(TextStyle.FULL, Locale.ENGLISH); }

    static LocalTime timeOf(Duration d) { return Temporals.timeOfDay(d); }
}
