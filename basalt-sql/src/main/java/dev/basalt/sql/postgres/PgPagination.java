package dev.basalt.sql.postgres;

import static dev.basalt.sql.postgres.PgTokens.next;

import java.util.ArrayList;
import java.util.List;

/**
 * PostgreSQL's row-limiting clauses in MySQL's form: {@code OFFSET n [ROWS]}, {@code FETCH
 * {FIRST|NEXT} [n] {ROW|ROWS} ONLY}, {@code LIMIT ALL} and OFFSET before LIMIT become one
 * {@code LIMIT n OFFSET m} where the first of them stood. Only the outermost query's clauses
 * (parenthesis depth 0) are moved; tokens keep their identity, so parameters follow them.
 */
final class PgPagination {
    /** MySQL's "no limit" for an OFFSET without LIMIT. */
    private static final String NO_LIMIT = "18446744073709551615";

    private PgPagination() {}

    private record Clause(int start, int end, List<PgToken> value) {}

    static List<PgToken> rewrite(List<PgToken> tokens) {
        Clause limit = null, offset = null, fetch = null;
        boolean needed = false;
        int depth = 0;
        for (int i = 0; i < tokens.size(); i++) {
            PgToken t = tokens.get(i);
            if (t.is(PgToken.Kind.OPEN)) depth++;
            else if (t.is(PgToken.Kind.CLOSE)) depth--;
            if (depth != 0 || !t.is(PgToken.Kind.WORD)) continue;
            if (t.isWord("LIMIT") && limit == null) {
                int v = next(tokens, i);
                if (v < 0) return tokens;
                limit = new Clause(i, v, tokens.get(v).isWord("ALL") ? null : List.of(tokens.get(v)));
                if (limit.value() == null || offset != null) needed = true;
                i = v;
            } else if (t.isWord("OFFSET") && offset == null) {
                int v = next(tokens, i);
                if (v < 0) return tokens;
                int end = v;
                int r = next(tokens, v);
                if (r > 0 && (tokens.get(r).isWord("ROW") || tokens.get(r).isWord("ROWS"))) {
                    end = r;
                    needed = true;
                }
                offset = new Clause(i, end, List.of(tokens.get(v)));
                i = end;
            } else if (t.isWord("FETCH") && fetch == null) {
                int f = next(tokens, i);
                if (f < 0 || !(tokens.get(f).isWord("FIRST") || tokens.get(f).isWord("NEXT"))) return tokens;
                int v = next(tokens, f);
                if (v < 0) return tokens;
                List<PgToken> value;
                int rows;
                if (tokens.get(v).isWord("ROW") || tokens.get(v).isWord("ROWS")) {
                    value = List.of(new PgToken(PgToken.Kind.NUMBER, "1"));
                    rows = v;
                } else {
                    value = List.of(tokens.get(v));
                    rows = next(tokens, v);
                    if (rows < 0 || !(tokens.get(rows).isWord("ROW") || tokens.get(rows).isWord("ROWS"))) return tokens;
                }
                int only = next(tokens, rows);
                if (only < 0 || !tokens.get(only).isWord("ONLY")) return tokens; // WITH TIES: left to the engine
                fetch = new Clause(i, only, value);
                needed = true;
                i = only;
            }
        }
        if (offset != null && limit == null) needed = true; // MySQL has no OFFSET without LIMIT
        if (!needed) return tokens;
        Clause rowCount = fetch != null ? fetch : limit;
        List<PgToken> replacement = new ArrayList<>();
        replacement.add(new PgToken(PgToken.Kind.WORD, "LIMIT"));
        replacement.add(new PgToken(PgToken.Kind.SPACE, " "));
        if (rowCount != null && rowCount.value() != null) replacement.addAll(rowCount.value());
        else replacement.add(new PgToken(PgToken.Kind.NUMBER, NO_LIMIT));
        if (offset != null) {
            replacement.add(new PgToken(PgToken.Kind.SPACE, " "));
            replacement.add(new PgToken(PgToken.Kind.WORD, "OFFSET"));
            replacement.add(new PgToken(PgToken.Kind.SPACE, " "));
            replacement.addAll(offset.value());
        }
        int first = Integer.MAX_VALUE;
        for (Clause c : new Clause[] {limit, offset, fetch}) if (c != null) first = Math.min(first, c.start());
        List<PgToken> out = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            if (i == first) out.addAll(replacement);
            if (inside(limit, i) || inside(offset, i) || inside(fetch, i)) continue;
            // the space between two moved clauses, or after the last one at the end, goes with them
            if (tokens.get(i).is(PgToken.Kind.SPACE) && i > 0
                    && (inside(limit, i - 1) || inside(offset, i - 1) || inside(fetch, i - 1))) {
                int n = next(tokens, i);
                if (n < 0 || inside(limit, n) || inside(offset, n) || inside(fetch, n)) continue;
            }
            out.add(tokens.get(i));
        }
        return out;
    }

    private static boolean inside(Clause c, int i) {
        return c != null && i >= c.start() && i <= c.end();
    }
}
