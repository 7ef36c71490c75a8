package dev.basalt.engine.types;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

/**
 * Parsing and formatting of MySQL temporal values. Parsers are lenient the way MySQL is
 * ('2020-1-2', '2020/01/02', '20200102', '2020-01-02T10:00') and return null for text that is
 * not a valid value; the caller decides whether that is a warning or an error.
 */
public final class Temporals {
    private Temporals() {}

    /** TIME's range: -838:59:59 .. 838:59:59. */
    public static final Duration TIME_MAX = Duration.ofSeconds(838 * 3600 + 59 * 60 + 59);

    /** Parses a date or datetime string into a LocalDateTime (dates at midnight); null if invalid. */
    public static LocalDateTime parseDateTime(String s) {
        s = s.trim();
        if (s.isEmpty()) return null;
        int[] f = new int[7];
        int n = s.length();
        boolean allDigits = true;
        for (int i = 0; i < n && allDigits; i++) allDigits = Character.isDigit(s.charAt(i)) || (s.charAt(i) == '.' && i >= 12);
        if (allDigits) return parseCompact(s);
        // delimited: fields separated by any punctuation; date/time separated by ' ' or 'T'
        int field = 0, i = 0;
        while (i < n && field < 7) {
            int start = i;
            while (i < n && Character.isDigit(s.charAt(i))) i++;
            if (i == start) return null;
            if (field == 6) {
                String frac = s.substring(start, Math.min(i, start + 6));
                int us = Integer.parseInt(frac);
                for (int k = frac.length(); k < 6; k++) us *= 10;
                f[6] = us;
                field++;
                break;
            }
            long v = Long.parseLong(s.substring(start, Math.min(i, start + 9)));
            if (v > Integer.MAX_VALUE) return null;
            f[field] = (int) v;
            if (field == 0 && i - start <= 2) f[0] += f[0] < 70 ? 2000 : 1900;
            field++;
            if (i >= n) break;
            char c = s.charAt(i);
            if (field == 3) {
                if (c != ' ' && c != 'T') return null;
                i++;
                while (i < n && s.charAt(i) == ' ') i++;
            } else if (field == 6) {
                if (c != '.') return null;
                i++;
            } else if (Character.isLetterOrDigit(c) || Character.isWhitespace(c)) {
                return null;
            } else {
                i++;
            }
        }
        if (i < n && !s.substring(i).isBlank()) return null;
        if (field < 3) return null;
        return build(f);
    }

    private static LocalDateTime parseCompact(String s) {
        int dot = s.indexOf('.');
        String d = dot < 0 ? s : s.substring(0, dot);
        int[] f = new int[7];
        int len = d.length();
        switch (len) {
            case 6, 12 -> { // YYMMDD[HHMMSS]
                f[0] = Integer.parseInt(d.substring(0, 2));
                f[0] += f[0] < 70 ? 2000 : 1900;
                f[1] = Integer.parseInt(d.substring(2, 4));
                f[2] = Integer.parseInt(d.substring(4, 6));
                if (len == 12) readHms(d, 6, f);
            }
            case 8, 14 -> {
                f[0] = Integer.parseInt(d.substring(0, 4));
                f[1] = Integer.parseInt(d.substring(4, 6));
                f[2] = Integer.parseInt(d.substring(6, 8));
                if (len == 14) readHms(d, 8, f);
            }
            default -> { return null; }
        }
        if (dot >= 0) {
            String frac = s.substring(dot + 1);
            if (frac.length() > 6) frac = frac.substring(0, 6);
            int us = frac.isEmpty() ? 0 : Integer.parseInt(frac);
            for (int k = frac.length(); k < 6; k++) us *= 10;
            f[6] = us;
        }
        return build(f);
    }

    private static void readHms(String d, int at, int[] f) {
        f[3] = Integer.parseInt(d.substring(at, at + 2));
        f[4] = Integer.parseInt(d.substring(at + 2, at + 4));
        f[5] = Integer.parseInt(d.substring(at + 4, at + 6));
    }

    private static LocalDateTime build(int[] f) {
        try {
            return LocalDateTime.of(f[0], f[1], f[2], f[3], f[4], f[5], f[6] * 1000);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** A date from a number like 20200102 or 200102 (or a datetime number); null if invalid. */
    public static LocalDateTime fromNumber(long v) {
        if (v <= 0) return null;
        String s = Long.toString(v);
        if (s.length() == 5 || s.length() == 7) s = "0" + s;
        if (s.length() == 11 || s.length() == 13) s = "0" + s;
        return parseCompact(s);
    }

    /** Parses '[-][D ]HH:MM:SS[.ffffff]', 'HH:MM', 'HHMMSS', 'SS'; null if invalid. */
    public static Duration parseTime(String s) {
        s = s.trim();
        if (s.isEmpty()) return null;
        boolean neg = false;
        int i = 0, n = s.length();
        if (s.charAt(0) == '-') { neg = true; i = 1; }
        long days = 0;
        int sp = s.indexOf(' ', i);
        if (sp > 0) {
            try { days = Long.parseLong(s.substring(i, sp)); } catch (NumberFormatException e) { return null; }
            i = sp + 1;
        }
        String rest = s.substring(i);
        long h, m = 0, sec = 0;
        int micros = 0;
        int dot = rest.indexOf('.');
        String main = dot < 0 ? rest : rest.substring(0, dot);
        if (dot >= 0) {
            String frac = rest.substring(dot + 1);
            if (frac.length() > 6) frac = frac.substring(0, 6);
            if (!frac.chars().allMatch(Character::isDigit)) return null;
            micros = frac.isEmpty() ? 0 : Integer.parseInt(frac);
            for (int k = frac.length(); k < 6; k++) micros *= 10;
        }
        try {
            if (main.indexOf(':') >= 0) {
                String[] p = main.split(":", -1);
                if (p.length > 3) return null;
                h = Long.parseLong(p[0]);
                m = Long.parseLong(p[1]);
                if (p.length == 3) sec = Long.parseLong(p[2]);
            } else {
                if (!main.chars().allMatch(Character::isDigit) || main.isEmpty()) return null;
                long v = Long.parseLong(main);
                if (sp > 0) { h = v; } else { h = v / 10000; m = (v / 100) % 100; sec = v % 100; }
            }
        } catch (NumberFormatException e) {
            return null;
        }
        if (m > 59 || sec > 59) return null;
        Duration d = Duration.ofSeconds((days * 24 + h) * 3600 + m * 60 + sec, micros * 1000L);
        if (d.compareTo(TIME_MAX) > 0) d = TIME_MAX;
        return neg ? d.negated() : d;
    }

    /** DATE as YYYYMMDD, DATETIME as YYYYMMDDHHMMSS[.ffffff], TIME as HHMMSS[.ffffff]. */
    public static BigDecimal toNumber(Object v) {
        return switch (v) {
            case LocalDate d -> BigDecimal.valueOf(d.getYear() * 10000L + d.getMonthValue() * 100L + d.getDayOfMonth());
            case LocalDateTime t -> {
                long whole = (t.getYear() * 10000L + t.getMonthValue() * 100L + t.getDayOfMonth()) * 1000000L
                        + t.getHour() * 10000L + t.getMinute() * 100L + t.getSecond();
                int us = t.getNano() / 1000;
                yield us == 0 ? BigDecimal.valueOf(whole) : BigDecimal.valueOf(whole * 1000000L + us, 6).stripTrailingZeros();
            }
            case Duration d -> {
                boolean neg = d.isNegative();
                Duration a = d.abs();
                long secs = a.getSeconds();
                long whole = (secs / 3600) * 10000 + ((secs / 60) % 60) * 100 + secs % 60;
                int us = a.getNano() / 1000;
                BigDecimal r = us == 0 ? BigDecimal.valueOf(whole) : BigDecimal.valueOf(whole * 1000000L + us, 6).stripTrailingZeros();
                yield neg ? r.negate() : r;
            }
            // PostgreSQL's arrays and intervals have no number: a user error, not an internal one
            case ArrayValue a -> throw notANumber("arrays");
            case IntervalValue i -> throw notANumber("interval values");
            default -> throw new IllegalArgumentException("not a temporal value: " + v.getClass().getSimpleName());
        };
    }

    private static dev.basalt.engine.api.SqlException notANumber(String what) {
        return new dev.basalt.engine.api.SqlException(1235, "42000",
                "This version of Basalt doesn't yet support 'arithmetic and numbers on " + what + "'");
    }

    public static String formatDate(LocalDate d) {
        StringBuilder sb = new StringBuilder(10);
        appendDate(sb, d.getYear(), d.getMonthValue(), d.getDayOfMonth());
        return sb.toString();
    }

    public static String formatDateTime(LocalDateTime t, int fsp) {
        StringBuilder sb = new StringBuilder(26);
        appendDate(sb, t.getYear(), t.getMonthValue(), t.getDayOfMonth());
        sb.append(' ');
        pad2(sb, t.getHour()).append(':');
        pad2(sb, t.getMinute()).append(':');
        pad2(sb, t.getSecond());
        appendFraction(sb, t.getNano() / 1000, fsp);
        return sb.toString();
    }

    public static String formatTime(Duration d, int fsp) {
        StringBuilder sb = new StringBuilder(18);
        if (d.isNegative()) { sb.append('-'); d = d.negated(); }
        long secs = d.getSeconds();
        long h = secs / 3600;
        if (h < 10) sb.append('0');
        sb.append(h).append(':');
        pad2(sb, (int) ((secs / 60) % 60)).append(':');
        pad2(sb, (int) (secs % 60));
        appendFraction(sb, d.getNano() / 1000, fsp);
        return sb.toString();
    }

    private static void appendDate(StringBuilder sb, int y, int m, int d) {
        if (y < 1000) sb.append(y < 10 ? "000" : y < 100 ? "00" : "0");
        sb.append(y).append('-');
        pad2(sb, m).append('-');
        pad2(sb, d);
    }

    private static StringBuilder pad2(StringBuilder sb, int v) {
        if (v < 10) sb.append('0');
        return sb.append(v);
    }

    private static void appendFraction(StringBuilder sb, int micros, int fsp) {
        if (fsp <= 0) return;
        if (fsp > 6) fsp = 6;
        sb.append('.');
        int div = 100000;
        for (int k = 0; k < fsp; k++) {
            sb.append((char) ('0' + (micros / div) % 10));
            div /= 10;
        }
    }

    /** Converts any temporal value to a datetime (TIME relative to the given date). */
    public static LocalDateTime toDateTime(Object v, LocalDate today) {
        return switch (v) {
            case LocalDateTime t -> t;
            case LocalDate d -> d.atStartOfDay();
            case Duration d -> today.atStartOfDay().plus(d);
            default -> null;
        };
    }

    public static LocalTime timeOfDay(Duration d) {
        long nanos = Math.floorMod(d.toNanos(), 86_400_000_000_000L);
        return LocalTime.ofNanoOfDay(nanos);
    }
}
