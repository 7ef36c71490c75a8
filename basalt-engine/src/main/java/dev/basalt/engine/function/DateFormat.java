package dev.basalt.engine.function;

import dev.basalt.engine.types.TypeKind;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.TextStyle;
import java.util.Locale;

/** DATE_FORMAT / TIME_FORMAT specifiers and STR_TO_DATE parsing. */
final class DateFormat {
    private DateFormat() {}

    private static final String[] MONTHS = {"January", "February", "March", "April", "May", "June", "July",
            "August", "September", "October", "November", "December"};

    /**
     * Formats a datetime (t) or a TIME (time, when t is null; hours may exceed 23) with MySQL's
     * specifiers.
     */
    static String format(LocalDateTime t, String fmt, Duration time) {
        StringBuilder sb = new StringBuilder(fmt.length() + 16);
        long hours;
        int minute, second, micros;
        boolean neg = false;
        if (t != null) {
            hours = t.getHour();
            minute = t.getMinute();
            second = t.getSecond();
            micros = t.getNano() / 1000;
        } else {
            neg = time.isNegative();
            Duration a = time.abs();
            hours = a.toHours();
            minute = a.toMinutesPart();
            second = a.toSecondsPart();
            micros = a.toNanosPart() / 1000;
        }
        for (int i = 0; i < fmt.length(); i++) {
            char c = fmt.charAt(i);
            if (c != '%' || i + 1 == fmt.length()) { sb.append(c); continue; }
            char s = fmt.charAt(++i);
            if (t == null && "aDbcdeMmjUuVvWwXxYy".indexOf(s) >= 0) {
                // TIME_FORMAT: date parts are not available
                sb.append(s == 'c' || s == 'e' ? "0" : "00".substring(0, s == 'Y' ? 2 : 2));
                continue;
            }
            switch (s) {
                case 'a' -> sb.append(t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
                case 'b' -> sb.append(MONTHS[t.getMonthValue() - 1], 0, 3);
                case 'c' -> sb.append(t.getMonthValue());
                case 'D' -> sb.append(t.getDayOfMonth()).append(suffix(t.getDayOfMonth()));
                case 'd' -> pad(sb, t.getDayOfMonth(), 2);
                case 'e' -> sb.append(t.getDayOfMonth());
                case 'f' -> pad(sb, micros, 6);
                case 'H' -> { if (neg) sb.append('-'); pad(sb, hours, 2); }
                case 'h', 'I' -> pad(sb, hour12(hours), 2);
                case 'i' -> pad(sb, minute, 2);
                case 'j' -> pad(sb, t.getDayOfYear(), 3);
                case 'k' -> { if (neg) sb.append('-'); sb.append(hours); }
                case 'l' -> sb.append(hour12(hours));
                case 'M' -> sb.append(MONTHS[t.getMonthValue() - 1]);
                case 'm' -> pad(sb, t.getMonthValue(), 2);
                case 'p' -> sb.append(hours % 24 < 12 ? "AM" : "PM");
                case 'r' -> {
                    pad(sb, hour12(hours), 2).append(':');
                    pad(sb, minute, 2).append(':');
                    pad(sb, second, 2).append(hours % 24 < 12 ? " AM" : " PM");
                }
                case 'S', 's' -> pad(sb, second, 2);
                case 'T' -> {
                    if (neg) sb.append('-');
                    pad(sb, hours, 2).append(':');
                    pad(sb, minute, 2).append(':');
                    pad(sb, second, 2);
                }
                // calcWeek takes behaviour bits, not WEEK() modes: %U Sunday first (4), %V also week-year (6)
                case 'U' -> pad(sb, DateFunctions.calcWeek(t.toLocalDate(), DateFunctions.WEEK_FIRST_WEEKDAY, new int[1]), 2);
                case 'u' -> pad(sb, DateFunctions.calcWeek(t.toLocalDate(), 1, new int[1]), 2);
                case 'V' -> pad(sb, DateFunctions.calcWeek(t.toLocalDate(), DateFunctions.WEEK_YEAR | DateFunctions.WEEK_FIRST_WEEKDAY, new int[1]), 2);
                case 'v' -> pad(sb, DateFunctions.calcWeek(t.toLocalDate(), 3, new int[1]), 2);
                case 'X' -> { int[] y = new int[1]; DateFunctions.calcWeek(t.toLocalDate(), DateFunctions.WEEK_YEAR | DateFunctions.WEEK_FIRST_WEEKDAY, y); pad(sb, y[0], 4); }
                case 'x' -> { int[] y = new int[1]; DateFunctions.calcWeek(t.toLocalDate(), 3, y); pad(sb, y[0], 4); }
                case 'W' -> sb.append(DateFunctions.dayName(t.getDayOfWeek()));
                case 'w' -> sb.append(t.getDayOfWeek().getValue() % 7);
                case 'Y' -> pad(sb, t.getYear(), 4);
                case 'y' -> pad(sb, t.getYear() % 100, 2);
                default -> sb.append(s);
            }
        }
        return sb.toString();
    }

    private static long hour12(long h) {
        long r = h % 12;
        return r == 0 ? 12 : r;
    }

    private static String suffix(int d) {
        if (d >= 11 && d <= 13) return "th";
        return switch (d % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
    }

    private static StringBuilder pad(StringBuilder sb, long v, int width) {
        String s = Long.toString(v);
        for (int i = s.length(); i < width; i++) sb.append('0');
        return sb.append(s);
    }

    /** DATE when the format has only date parts, TIME when only time parts, else DATETIME. */
    static TypeKind resultKind(String fmt) {
        boolean date = false, time = false;
        for (int i = 0; i + 1 < fmt.length(); i++) {
            if (fmt.charAt(i) != '%') continue;
            char s = fmt.charAt(++i);
            if ("aDbcdejMmUuVvWwXxYy".indexOf(s) >= 0) date = true;
            if ("fHhIiklprSsT".indexOf(s) >= 0) time = true;
        }
        if (date && !time) return TypeKind.DATE;
        if (time && !date) return TypeKind.TIME;
        return TypeKind.DATETIME;
    }

    /** STR_TO_DATE: null when the text does not match the format or is not a valid date. */
    static LocalDateTime parse(String s, String fmt) {
        int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, micros = 0, yday = -1;
        boolean pm = false, ampm = false;
        int si = 0;
        for (int fi = 0; fi < fmt.length(); fi++) {
            char c = fmt.charAt(fi);
            if (c != '%' || fi + 1 == fmt.length()) {
                if (Character.isWhitespace(c)) { while (si < s.length() && Character.isWhitespace(s.charAt(si))) si++; continue; }
                if (si >= s.length() || s.charAt(si) != c) return null;
                si++;
                continue;
            }
            char spec = fmt.charAt(++fi);
            while (si < s.length() && Character.isWhitespace(s.charAt(si)) && spec != '%') si++;
            int[] pos = {si};
            switch (spec) {
                case 'Y' -> { year = num(s, pos, 4); if (pos[0] - si <= 2) year += year < 70 ? 2000 : 1900; }
                case 'y' -> { year = num(s, pos, 2); year += year < 70 ? 2000 : 1900; }
                case 'm', 'c' -> month = num(s, pos, 2);
                case 'd', 'e' -> day = num(s, pos, 2);
                case 'D' -> { day = num(s, pos, 2); pos[0] = Math.min(s.length(), pos[0] + 2); }
                case 'H', 'k' -> hour = num(s, pos, 2);
                case 'h', 'I', 'l' -> { hour = num(s, pos, 2); ampm = true; }
                case 'i' -> minute = num(s, pos, 2);
                case 'S', 's' -> second = num(s, pos, 2);
                case 'f' -> {
                    int st = pos[0];
                    micros = num(s, pos, 6);
                    for (int k = pos[0] - st; k < 6; k++) micros *= 10;
                }
                case 'j' -> yday = num(s, pos, 3);
                case 'p' -> {
                    if (s.regionMatches(true, pos[0], "PM", 0, 2)) pm = true;
                    else if (!s.regionMatches(true, pos[0], "AM", 0, 2)) return null;
                    pos[0] += 2;
                    ampm = true;
                }
                case 'M', 'b' -> {
                    int found = -1;
                    for (int m = 0; m < 12 && found < 0; m++) {
                        String name = spec == 'M' ? MONTHS[m] : MONTHS[m].substring(0, 3);
                        if (s.regionMatches(true, pos[0], name, 0, name.length())) { found = m; pos[0] += name.length(); }
                    }
                    if (found < 0) return null;
                    month = found + 1;
                }
                case 'W', 'a' -> {
                    while (pos[0] < s.length() && Character.isLetter(s.charAt(pos[0]))) pos[0]++;
                }
                case 'T' -> {
                    hour = num(s, pos, 2); if (!lit(s, pos, ':')) return null;
                    minute = num(s, pos, 2); if (!lit(s, pos, ':')) return null;
                    second = num(s, pos, 2);
                }
                case 'r' -> {
                    hour = num(s, pos, 2); if (!lit(s, pos, ':')) return null;
                    minute = num(s, pos, 2); if (!lit(s, pos, ':')) return null;
                    second = num(s, pos, 2);
                    while (pos[0] < s.length() && s.charAt(pos[0]) == ' ') pos[0]++;
                    if (s.regionMatches(true, pos[0], "PM", 0, 2)) pm = true;
                    pos[0] += 2;
                    ampm = true;
                }
                case '%' -> { if (!lit(s, pos, '%')) return null; }
                default -> { if (!lit(s, pos, spec)) return null; }
            }
            if (pos[0] < 0) return null;
            si = pos[0];
        }
        if (ampm) {
            if (hour > 12 || hour < 1) return null;
            hour = hour % 12 + (pm ? 12 : 0);
        }
        try {
            if (yday > 0 && month == 0) {
                LocalDate d = LocalDate.ofYearDay(year, yday);
                month = d.getMonthValue();
                day = d.getDayOfMonth();
            }
            if (month == 0 && day == 0 && year == 0) return LocalDateTime.of(0, 1, 1, hour, minute, second, micros * 1000)
                    .withYear(0);
            return LocalDateTime.of(year, month, day, hour, minute, second, micros * 1000);
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    private static boolean lit(String s, int[] pos, char c) {
        if (pos[0] < s.length() && s.charAt(pos[0]) == c) { pos[0]++; return true; }
        return false;
    }

    /** Up to maxDigits digits at pos; sets pos[0] = -1 when there are none. */
    private static int num(String s, int[] pos, int maxDigits) {
        int i = pos[0], v = 0, n = 0;
        while (i < s.length() && n < maxDigits && Character.isDigit(s.charAt(i))) {
            v = v * 10 + (s.charAt(i) - '0');
            i++;
            n++;
        }
        pos[0] = n == 0 ? -1 : i;
        return v;
    }
}
