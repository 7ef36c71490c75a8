package dev.basalt.sql.postgres;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PostgreSQL interval literals, {@code interval '1 day 2 hours'} and {@code '90 minutes'::interval},
 * as the engine's interval values {@code PG_INTERVAL('...')}, whose arithmetic ({@code now() -
 * interval '1 day'}, {@code took * 2}) the engine does as PostgreSQL does: a date plus an interval
 * is a timestamp, and months stay months. MySQL's own {@code INTERVAL '1' DAY} is left alone.
 */
final class PgInterval {
    private PgInterval() {}

    private static final Pattern MYSQL_UNIT = Pattern.compile(
            "(?i)(?:MICRO)?SECOND|MINUTE|HOUR|DAY|WEEK|MONTH|QUARTER|YEAR|[A-Z]+_(?:MICROSECOND|SECOND|MINUTE|HOUR|MONTH)");
    private static final Pattern CAST = Pattern.compile("(?is)CAST\\((\\s*'[^']*'\\s*) AS interval\\)");

    /**
     * The interval literals of a translated token list as interval values; then
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
                int after = PgTokens.next(in, last);
                boolean unitFollows = after > 0 && in.get(after).is(PgToken.Kind.WORD) && t.isWord("INTERVAL") // MySQL's INTERVAL '1' DAY
                        && MYSQL_UNIT.matcher(in.get(after).text()).matches();
                if (!unitFollows) {
                    out.add(new PgToken(PgToken.Kind.GROUP, "PG_INTERVAL(" + literal + ")"));
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
}
