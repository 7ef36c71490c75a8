package dev.basalt.engine.types;

import dev.basalt.engine.api.SqlException;
import dev.basalt.sql.postgres.PgIntervalUnits;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PostgreSQL's interval text both ways. Input: "number unit" pairs ({@code 1 day 2 hours},
 * {@code 1.5 hours}, {@code 3 mons}), a time of day part ({@code 1 day 02:00:00}, {@code -00:00:01.5})
 * and a trailing {@code ago}; other forms (ISO 8601 {@code P1D}, SQL-standard {@code 1-2}) get
 * 1366 (22P02 on the PostgreSQL port). Output: PostgreSQL's default IntervalStyle
 * {@code postgres}: {@code 1 year 2 mons 3 days 04:05:06.5}, {@code 00:00:00} for zero.
 */
public final class IntervalText {
    private IntervalText() {}

    private static final Pattern PART = Pattern.compile(
            "\\s*(?:([+-]?\\d+(?:\\.\\d+)?)\\s*([a-z]+)|([+-])?(\\d+):(\\d{1,2})(?::(\\d{1,2}(?:\\.\\d{1,6})?))?|(ago))\\s*");

    public static IntervalValue parse(String text) {
        String s = text.strip().toLowerCase(Locale.ROOT);
        Matcher m = PART.matcher(s);
        long months = 0, days = 0;
        java.math.BigDecimal micros = java.math.BigDecimal.ZERO;
        boolean ago = false, any = false;
        int at = 0;
        while (at < s.length()) {
            if (!m.find(at) || m.start() != at || ago) throw invalid(text);
            at = m.end();
            any = true;
            if (m.group(7) != null) {
                ago = true;
            } else if (m.group(4) != null) {
                java.math.BigDecimal t = java.math.BigDecimal.valueOf(Long.parseLong(m.group(4)) * 3600 + Long.parseLong(m.group(5)) * 60)
                        .add(m.group(6) == null ? java.math.BigDecimal.ZERO : new java.math.BigDecimal(m.group(6)))
                        .multiply(java.math.BigDecimal.valueOf(1_000_000));
                micros = "-".equals(m.group(3)) ? micros.subtract(t) : micros.add(t);
            } else {
                java.math.BigDecimal n = new java.math.BigDecimal(m.group(1));
                String unit = m.group(2);
                Long perMicros = PgIntervalUnits.timeMicros(unit);
                Integer perDays = PgIntervalUnits.days(unit);
                if (perMicros != null) {
                    micros = micros.add(n.multiply(java.math.BigDecimal.valueOf(perMicros)));
                } else if (perDays != null) {
                    // whole days stay days; a fraction of a day is time
                    java.math.BigDecimal d = n.multiply(java.math.BigDecimal.valueOf(perDays));
                    days += d.longValue();
                    micros = micros.add(d.subtract(java.math.BigDecimal.valueOf(d.longValue())).multiply(java.math.BigDecimal.valueOf(86_400_000_000L)));
                } else {
                    Integer perMonths = PgIntervalUnits.months(unit);
                    if (perMonths == null) throw invalid(text);
                    java.math.BigDecimal mo = n.multiply(java.math.BigDecimal.valueOf(perMonths));
                    months += mo.longValue();
                    // a fraction of a month is 30 days, as in PostgreSQL
                    java.math.BigDecimal restDays = mo.subtract(java.math.BigDecimal.valueOf(mo.longValue())).multiply(java.math.BigDecimal.valueOf(30));
                    days += restDays.longValue();
                    micros = micros.add(restDays.subtract(java.math.BigDecimal.valueOf(restDays.longValue())).multiply(java.math.BigDecimal.valueOf(86_400_000_000L)));
                }
            }
        }
        if (!any) throw invalid(text);
        long us = micros.setScale(0, java.math.RoundingMode.HALF_EVEN).longValueExact();
        if (months != (int) months || days != (int) days) throw new SqlException(1690, "22008", "interval out of range");
        IntervalValue v = new IntervalValue((int) months, (int) days, us);
        return ago ? new IntervalValue(-v.months(), -v.days(), -v.micros()) : v;
    }

    private static SqlException invalid(String text) {
        return new SqlException(1366, "HY000", "invalid input syntax for type interval: \"" + text + "\"");
    }

    public static String format(IntervalValue v) {
        StringBuilder sb = new StringBuilder();
        int years = v.months() / 12, months = v.months() % 12;
        if (years != 0) part(sb, years, "year");
        if (months != 0) part(sb, months, "mon");
        if (v.days() != 0) part(sb, v.days(), "day");
        long us = v.micros();
        if (us != 0 || sb.isEmpty()) {
            if (!sb.isEmpty()) sb.append(' ');
            boolean negative = us < 0;
            // PostgreSQL writes "+" before a positive time when an earlier part was negative
            if (negative) sb.append('-');
            else if (v.months() < 0 || v.days() < 0) sb.append('+');
            long a = Math.abs(us);
            long secs = a / 1_000_000, frac = a % 1_000_000;
            sb.append(String.format("%02d:%02d:%02d", secs / 3600, secs / 60 % 60, secs % 60));
            if (frac != 0) {
                String f = String.format("%06d", frac);
                int end = f.length();
                while (f.charAt(end - 1) == '0') end--;
                sb.append('.').append(f, 0, end);
            }
        }
        return sb.toString();
    }

    private static void part(StringBuilder sb, int n, String unit) {
        if (!sb.isEmpty()) sb.append(' ');
        sb.append(n).append(' ').append(unit);
        if (n != 1) sb.append('s');
    }

    /** Any engine value as an interval: an interval as is, a string parsed. */
    public static IntervalValue of(Object v) {
        if (v instanceof IntervalValue i) return i;
        return parse(v instanceof byte[] b ? new String(b, java.nio.charset.StandardCharsets.UTF_8) : ValueText.toText(v, null));
    }
}
