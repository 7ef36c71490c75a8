package dev.basalt.engine.types;

import dev.basalt.engine.api.SqlException;

import java.time.LocalDateTime;
import java.time.YearMonth;

/**
 * PostgreSQL's interval arithmetic (issue 10), rule for rule as PostgreSQL 15 computes it, so the
 * PostgreSQL port prints the same values: a timestamp plus an interval (months first, clamping the
 * day of month, then days, then time), sums, products and quotients with a number (fractions of a
 * month spill into days of 30, fractions of a day into time), age() and the justify_* functions.
 */
public final class IntervalMath {
    private IntervalMath() {}

    private static final long DAY_MICROS = 86_400_000_000L;
    private static final int DAYS_PER_MONTH = 30;

    public static LocalDateTime plus(LocalDateTime t, IntervalValue i) {
        return t.plusMonths(i.months()).plusDays(i.days()).plusNanos(i.micros() * 1000);
    }

    public static IntervalValue add(IntervalValue a, IntervalValue b) {
        return new IntervalValue(Math.addExact(a.months(), b.months()), Math.addExact(a.days(), b.days()),
                Math.addExact(a.micros(), b.micros()));
    }

    public static IntervalValue negate(IntervalValue a) {
        return new IntervalValue(Math.negateExact(a.months()), Math.negateExact(a.days()), Math.negateExact(a.micros()));
    }

    /** {@code interval * factor}, or {@code interval / divisor} when {@code divide} (PostgreSQL's interval_mul/interval_div). */
    public static IntervalValue scale(IntervalValue a, double factor, boolean divide) {
        if (divide && factor == 0) throw new SqlException(1365, "22012", "division by zero");
        double months = divide ? a.months() / factor : a.months() * factor;
        double days = divide ? a.days() / factor : a.days() * factor;
        double time = divide ? a.micros() / factor : a.micros() * factor;
        if (Double.isNaN(months) || Math.abs(months) > Integer.MAX_VALUE || Math.abs(days) > Integer.MAX_VALUE
                || Math.abs(time) > Long.MAX_VALUE) {
            throw new SqlException(1690, "22008", "interval out of range");
        }
        int m = (int) months, d = (int) days;
        double monthRemainderDays = round6((months - m) * DAYS_PER_MONTH);
        double secRemainder = round6((days - d + monthRemainderDays - (int) monthRemainderDays) * 86_400);
        if (Math.abs(secRemainder) >= 86_400) {
            d += (int) (secRemainder / 86_400);
            secRemainder -= (int) (secRemainder / 86_400) * 86_400.0;
        }
        d += (int) monthRemainderDays;
        long micros = (long) Math.rint(time + secRemainder * 1_000_000);
        return new IntervalValue(m, d, micros);
    }

    /** PostgreSQL's TSROUND: to the microsecond, so float noise does not become a stray microsecond. */
    private static double round6(double x) {
        return Math.rint(x * 1_000_000.0) / 1_000_000.0;
    }

    /** {@code age(a, b)}: years, months and days between two timestamps, borrowing as PostgreSQL does. */
    public static IntervalValue age(LocalDateTime a, LocalDateTime b) {
        boolean flip = a.isBefore(b);
        long fsec = a.getNano() / 1000 - b.getNano() / 1000;
        long sec = a.getSecond() - b.getSecond(), min = a.getMinute() - b.getMinute(), hour = a.getHour() - b.getHour();
        long mday = a.getDayOfMonth() - b.getDayOfMonth(), mon = a.getMonthValue() - b.getMonthValue(), year = a.getYear() - b.getYear();
        if (flip) {
            fsec = -fsec; sec = -sec; min = -min; hour = -hour; mday = -mday; mon = -mon; year = -year;
        }
        while (fsec < 0) { fsec += 1_000_000; sec--; }
        while (sec < 0) { sec += 60; min--; }
        while (min < 0) { min += 60; hour--; }
        while (hour < 0) { hour += 24; mday--; }
        // a day borrowed is the length of the earlier timestamp's month
        LocalDateTime earlier = flip ? a : b;
        while (mday < 0) {
            mday += YearMonth.of(earlier.getYear(), earlier.getMonthValue()).lengthOfMonth();
            mon--;
        }
        while (mon < 0) { mon += 12; year--; }
        long micros = ((hour * 60 + min) * 60 + sec) * 1_000_000 + fsec;
        long months = year * 12 + mon;
        if (flip) { months = -months; mday = -mday; micros = -micros; }
        return new IntervalValue(Math.toIntExact(months), Math.toIntExact(mday), micros);
    }

    public static IntervalValue justifyHours(IntervalValue i) {
        long time = i.micros();
        long wholeDay = time / DAY_MICROS;
        time -= wholeDay * DAY_MICROS;
        long day = i.days() + wholeDay;
        if (day > 0 && time < 0) { time += DAY_MICROS; day--; }
        else if (day < 0 && time > 0) { time -= DAY_MICROS; day++; }
        return new IntervalValue(i.months(), Math.toIntExact(day), time);
    }

    public static IntervalValue justifyDays(IntervalValue i) {
        int wholeMonth = i.days() / DAYS_PER_MONTH;
        int day = i.days() - wholeMonth * DAYS_PER_MONTH;
        int month = Math.addExact(i.months(), wholeMonth);
        if (month > 0 && day < 0) { day += DAYS_PER_MONTH; month--; }
        else if (month < 0 && day > 0) { day -= DAYS_PER_MONTH; month++; }
        return new IntervalValue(month, day, i.micros());
    }

    public static IntervalValue justifyInterval(IntervalValue i) {
        long time = i.micros();
        long wholeDay = time / DAY_MICROS;
        time -= wholeDay * DAY_MICROS;
        long day = i.days() + wholeDay;
        long wholeMonth = day / DAYS_PER_MONTH;
        day -= wholeMonth * DAYS_PER_MONTH;
        long month = i.months() + wholeMonth;
        if (month > 0 && (day < 0 || day == 0 && time < 0)) { day += DAYS_PER_MONTH; month--; }
        else if (month < 0 && (day > 0 || day == 0 && time > 0)) { day -= DAYS_PER_MONTH; month++; }
        if (day > 0 && time < 0) { time += DAY_MICROS; day--; }
        else if (day < 0 && time > 0) { time -= DAY_MICROS; day++; }
        return new IntervalValue(Math.toIntExact(month), Math.toIntExact(day), time);
    }
}
