package dev.basalt.sql.postgres;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PostgreSQL interval literals, {@code interval '1 day 2 hours'} and {@code '90 minutes'::interval},
 * as MySQL's {@code INTERVAL n UNIT} for date arithmetic ({@code now() - interval '1 day'}). MySQL
 * has no interval values, so one unit must carry it: parts up to weeks add up to seconds (or
 * microseconds), months and years to months. A literal mixing the two kinds, or one that is not
 * "number unit" pairs, is left as it is (MySQL then reports a syntax error).
 */
final class PgInterval {
    private PgInterval() {}

    private static final Pattern PART = Pattern.compile("\\s*([+-]?\\d+(?:\\.\\d+)?)\\s*([a-z]+)\\s*");
    private static final Pattern CAST = Pattern.compile("(?is)CAST\\((\\s*'[^']*'\\s*) AS interval\\)");

    /**
     * The interval literals of a translated token list: in date arithmetic (after {@code +} or
     * {@code -}) in MySQL's form, elsewhere an interval value {@code PG_INTERVAL('...')}; then
     * {@code x - timestamp '...'} (or {@code '...'::timestamp}) as the interval
     * {@code PG_TIMESTAMP_DIFF(x, ...)}.
     */
    static List<PgToken> rewrite(List<PgToken> in) {
        List<PgToken> out = new ArrayList<>(in.size());
        for (int i = 0; i < in.size(); i++) {
            PgToken t = in.get(i);
            String literal = null;
            int last = i;
            if (t.isWord("INTERVAL")) {
                int j = PgTokens.next(in, i);
                if (j > 0 && in.get(j).is(PgToken.Kind.STRING)) {
                    literal = in.get(j).text();
                    last = j;
                }
            } else if (t.is(PgToken.Kind.GROUP)) {
                Matcher m = CAST.matcher(t.text());
                if (m.matches()) literal = m.group(1).strip();
            }
            if (literal != null) {
                PgToken before = PgTokens.lastSignificant(out);
                boolean arithmetic = before != null && before.is(PgToken.Kind.PUNCT) && (before.text().equals("+") || before.text().equals("-"));
                String mysql = arithmetic ? mysql(literal) : null;
                if (mysql != null || !arithmetic) {
                    out.add(new PgToken(PgToken.Kind.GROUP, mysql != null ? mysql : "PG_INTERVAL(" + literal + ")"));
                    i = last;
                    continue;
                }
            }
            out.add(t);
        }
        return differences(out);
    }

    private static final Pattern TIMESTAMP_CAST = Pattern.compile("(?is)CAST\\(\\s*'[^']*'\\s* AS DATETIME\\(6\\)\\)");

    /** {@code x - timestamp 'lit'} and {@code x - 'lit'::timestamp}: the interval between them. */
    private static List<PgToken> differences(List<PgToken> in) {
        List<PgToken> out = new ArrayList<>(in.size());
        for (int i = 0; i < in.size(); i++) {
            PgToken t = in.get(i);
            int j = PgTokens.next(in, i);
            if (t.is(PgToken.Kind.PUNCT) && t.text().equals("-") && j > 0 && !out.isEmpty()) {
                String right = null;
                int end = j;
                if (in.get(j).isWord("TIMESTAMP")) {
                    int k = PgTokens.next(in, j);
                    if (k > 0 && in.get(k).is(PgToken.Kind.STRING)) {
                        right = "TIMESTAMP " + in.get(k).text();
                        end = k;
                    }
                } else if (in.get(j).is(PgToken.Kind.GROUP) && TIMESTAMP_CAST.matcher(in.get(j).text()).matches()) {
                    right = in.get(j).text();
                }
                if (right != null) {
                    List<PgToken> left = PgArrays.takeLeft(out); // its tokens stay tokens: $n parameters keep their place
                    out.add(new PgToken(PgToken.Kind.WORD, "PG_TIMESTAMP_DIFF"));
                    out.add(new PgToken(PgToken.Kind.OPEN, "("));
                    out.addAll(left);
                    out.add(new PgToken(PgToken.Kind.GROUP, ", " + right + ")"));
                    i = end;
                    continue;
                }
            }
            out.add(t);
        }
        return out;
    }

    /** {@code 'n unit ...'} (a quoted string) as {@code INTERVAL n UNIT}, or null when it cannot be one. */
    static String mysql(String quoted) {
        if (quoted.length() < 2 || !quoted.startsWith("'") || !quoted.endsWith("'")) return null;
        String text = quoted.substring(1, quoted.length() - 1).toLowerCase(Locale.ROOT);
        Matcher m = PART.matcher(text);
        java.math.BigDecimal micros = java.math.BigDecimal.ZERO;
        long months = 0;
        boolean anyTime = false, anyMonths = false;
        int at = 0;
        while (at < text.length()) {
            if (!m.find(at) || m.start() != at) return null;
            at = m.end();
            java.math.BigDecimal n = new java.math.BigDecimal(m.group(1));
            Long perUnitMicros = microsPer(m.group(2));
            Integer perUnitMonths = monthsPer(m.group(2));
            if (perUnitMicros != null) {
                micros = micros.add(n.multiply(java.math.BigDecimal.valueOf(perUnitMicros)));
                anyTime = true;
            } else if (perUnitMonths != null && n.stripTrailingZeros().scale() <= 0) {
                months += n.longValueExact() * perUnitMonths;
                anyMonths = true;
            } else {
                return null;
            }
        }
        if (anyTime == anyMonths) return null; // empty, or days mixed with months (no single MySQL unit)
        if (anyMonths) return "INTERVAL " + months + " MONTH";
        if (micros.stripTrailingZeros().scale() > 0) return null; // below a microsecond
        long us = micros.longValueExact();
        return us % 1_000_000 == 0 ? "INTERVAL " + us / 1_000_000 + " SECOND" : "INTERVAL " + us + " MICROSECOND";
    }

    private static Long microsPer(String unit) {
        Integer days = PgIntervalUnits.days(unit);
        if (days != null) return days * 86_400_000_000L;
        return PgIntervalUnits.timeMicros(unit);
    }

    private static Integer monthsPer(String unit) {
        return PgIntervalUnits.months(unit);
    }
}
