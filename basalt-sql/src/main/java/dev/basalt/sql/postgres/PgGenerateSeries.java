package dev.basalt.sql.postgres;

import static dev.basalt.sql.postgres.PgTokens.closing;
import static dev.basalt.sql.postgres.PgTokens.lastSignificant;
import static dev.basalt.sql.postgres.PgTokens.next;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code generate_series(start, stop [, step])} over integers, or timestamps with a positive
 * interval step ({@code '1 day'::interval}), in a FROM clause, as a derived table
 * of a recursive CTE: {@code (WITH RECURSIVE ... SELECT v AS col FROM ...) AS alias}. The column is
 * named as PostgreSQL names it: {@code alias(col)}, else the alias, else {@code generate_series}.
 * The recursion is bounded by MySQL's {@code cte_max_recursion_depth} (1000 rows by default; SET it
 * for longer series). The argument tokens are repeated as they are, so parameters follow them.
 */
final class PgGenerateSeries {
    private PgGenerateSeries() {}

    static List<PgToken> rewrite(List<PgToken> tokens) {
        if (!mentions(tokens)) return tokens; // the loop below looks back at every comma: skip it when it cannot match
        List<PgToken> out = new ArrayList<>(tokens.size());
        for (int i = 0; i < tokens.size(); i++) {
            PgToken t = tokens.get(i);
            int open = next(tokens, i);
            PgToken prev = lastSignificant(out);
            boolean inFrom = prev != null && (prev.isWord("FROM") || prev.isWord("JOIN")
                    || prev.is(PgToken.Kind.PUNCT) && prev.text().equals(",") && fromListEnds(out));
            if (!t.isWord("generate_series") || open < 0 || !tokens.get(open).is(PgToken.Kind.OPEN) || !inFrom) {
                out.add(t);
                continue;
            }
            int close = closing(tokens, open);
            List<List<PgToken>> args = arguments(tokens, open, close);
            if (close < 0 || args.size() < 2 || args.size() > 3) {
                out.add(t);
                continue;
            }
            // [AS] alias [(column)]
            String alias = "generate_series", column = null;
            int end = close + 1;
            int a = next(tokens, close);
            if (a > 0 && tokens.get(a).isWord("AS")) a = next(tokens, a);
            if (a > 0 && (tokens.get(a).is(PgToken.Kind.WORD) && !keyword(tokens.get(a)) || tokens.get(a).is(PgToken.Kind.QUOTED_IDENT))) {
                alias = tokens.get(a).text();
                end = a + 1;
                int c = next(tokens, a);
                if (c > 0 && tokens.get(c).is(PgToken.Kind.OPEN)) {
                    int cc = next(tokens, c);
                    int cl = cc > 0 ? next(tokens, cc) : -1;
                    if (cl > 0 && tokens.get(cl).is(PgToken.Kind.CLOSE)) {
                        column = tokens.get(cc).text();
                        end = cl + 1;
                    }
                }
            }
            if (column == null) column = alias;
            List<PgToken> start = args.get(0), stop = args.get(1);
            String interval = args.size() == 3 ? interval(args.get(2)) : null;
            if (interval != null) {
                out.addAll(timestamps(start, stop, interval, column, alias));
                i = end - 1;
                continue;
            }
            List<PgToken> step = args.size() == 3 ? args.get(2) : List.of(word("1"));
            out.add(word("(WITH RECURSIVE basalt_series(v) AS (SELECT CAST(("));
            out.addAll(start);
            out.add(word(") AS SIGNED) FROM DUAL WHERE IF(("));
            out.addAll(step);
            out.add(word(") > 0, ("));
            out.addAll(start);
            out.add(word(") <= ("));
            out.addAll(stop);
            out.add(word("), ("));
            out.addAll(start);
            out.add(word(") >= ("));
            out.addAll(stop);
            out.add(word(")) UNION ALL SELECT v + ("));
            out.addAll(step);
            out.add(word(") FROM basalt_series WHERE IF(("));
            out.addAll(step);
            out.add(word(") > 0, v + ("));
            out.addAll(step);
            out.add(word(") <= ("));
            out.addAll(stop);
            out.add(word("), v + ("));
            out.addAll(step);
            out.add(word(") >= ("));
            out.addAll(stop);
            out.add(word("))) SELECT v AS " + column + " FROM basalt_series) AS " + alias));
            i = end - 1;
        }
        return out;
    }

    private static final java.util.regex.Pattern INTERVAL = java.util.regex.Pattern.compile(
            "(?i)\\s*(?:CAST\\(\\s*'\\s*(\\d+)\\s+([a-z]+?)s?\\s*'\\s+AS\\s+INTERVAL\\s*\\)|INTERVAL\\s*'\\s*(\\d+)\\s+([a-z]+?)s?\\s*')\\s*");
    private static final List<String> UNITS = List.of("microsecond", "second", "minute", "hour", "day", "week", "month", "year");

    /** A positive interval step ({@code '1 day'::interval}, {@code interval '2 hours'}) as MySQL's "n UNIT", or null. */
    private static String interval(List<PgToken> step) {
        StringBuilder sb = new StringBuilder();
        for (PgToken t : step) sb.append(t.text());
        java.util.regex.Matcher m = INTERVAL.matcher(sb);
        if (!m.matches()) return null;
        String n = m.group(1) != null ? m.group(1) : m.group(3);
        String unit = (m.group(2) != null ? m.group(2) : m.group(4)).toLowerCase(java.util.Locale.ROOT);
        if (unit.equals("min") || unit.equals("mins")) unit = "minute";
        if (unit.equals("sec") || unit.equals("secs")) unit = "second";
        if (unit.equals("mon") || unit.equals("mons")) unit = "month";
        if (!UNITS.contains(unit) || Long.parseLong(n) == 0) return null;
        return n + " " + unit.toUpperCase(java.util.Locale.ROOT);
    }

    /** generate_series over timestamps with a positive interval step. */
    private static List<PgToken> timestamps(List<PgToken> start, List<PgToken> stop, String interval, String column, String alias) {
        List<PgToken> out = new ArrayList<>();
        out.add(word("(WITH RECURSIVE basalt_series(v) AS (SELECT CAST(("));
        out.addAll(start);
        out.add(word(") AS DATETIME(6)) FROM DUAL WHERE CAST(("));
        out.addAll(start);
        out.add(word(") AS DATETIME(6)) <= CAST(("));
        out.addAll(stop);
        out.add(word(") AS DATETIME(6)) UNION ALL SELECT v + INTERVAL " + interval + " FROM basalt_series WHERE v + INTERVAL "
                + interval + " <= CAST(("));
        out.addAll(stop);
        out.add(word(") AS DATETIME(6))) SELECT v AS " + column + " FROM basalt_series) AS " + alias));
        return out;
    }

    /** Whether the "," that ends out separates FROM items (not select items or arguments). */
    private static boolean fromListEnds(List<PgToken> out) {
        int depth = 0;
        for (int j = out.size() - 1; j >= 0; j--) {
            PgToken t = out.get(j);
            if (t.is(PgToken.Kind.CLOSE)) depth++;
            else if (t.is(PgToken.Kind.OPEN) && --depth < 0) return false;
            else if (depth == 0 && t.is(PgToken.Kind.WORD)) {
                if (t.isWord("FROM") || t.isWord("JOIN")) return true;
                if (t.isWord("SELECT") || t.isWord("WHERE") || t.isWord("GROUP") || t.isWord("ORDER") || t.isWord("HAVING")
                        || t.isWord("SET") || t.isWord("ON") || t.isWord("VALUES")) return false;
            }
        }
        return false;
    }

    private static final List<String> CLAUSE_WORDS = List.of("WHERE", "GROUP", "ORDER", "LIMIT", "JOIN", "CROSS", "INNER",
            "LEFT", "RIGHT", "ON", "USING", "UNION", "HAVING", "WINDOW", "OFFSET", "FETCH", "NATURAL", "FOR", "EXCEPT", "INTERSECT");

    private static boolean keyword(PgToken t) {
        for (String w : CLAUSE_WORDS) if (t.isWord(w)) return true;
        return false;
    }

    private static PgToken word(String text) {
        return new PgToken(PgToken.Kind.WORD, text);
    }

    private static List<List<PgToken>> arguments(List<PgToken> tokens, int open, int close) {
        List<List<PgToken>> args = new ArrayList<>();
        if (close < 0) return args;
        List<PgToken> current = new ArrayList<>();
        int depth = 0;
        for (int i = open + 1; i < close; i++) {
            PgToken t = tokens.get(i);
            if (t.is(PgToken.Kind.OPEN)) depth++;
            else if (t.is(PgToken.Kind.CLOSE)) depth--;
            if (depth == 0 && t.is(PgToken.Kind.PUNCT) && t.text().equals(",")) {
                args.add(current);
                current = new ArrayList<>();
            } else {
                current.add(t);
            }
        }
        args.add(current);
        return args;
    }

    private static boolean mentions(List<PgToken> tokens) {
        for (PgToken t : tokens) {
            if (t.isWord("generate_series")) return true;
        }
        return false;
    }
}
